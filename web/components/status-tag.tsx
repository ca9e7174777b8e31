import type { TCaseStatus } from '../../domain/case';
import { usePage } from '../page-context';

/** A case status as a coloured tag with its words (colour is never the only signal). */
export function StatusTag(props: { status: TCaseStatus }) {
  const { t } = usePage();
  return <strong class={`tag tag-${props.status.replace(/_/g, '-')}`}>{t(`status.${props.status}`)}</strong>;
}

import type { TSlaState } from '../../domain/sla-state';
export type { TSlaState };

/** A service-level tag for a due date: overdue, due soon or on track (the caller decides which). */
export function SlaTag(props: { state: TSlaState }) {
  const { t } = usePage();
  return <strong class={`tag tag-sla-${props.state}`}>{t(`sla.${props.state}`)}</strong>;
}

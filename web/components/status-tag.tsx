import type { TCaseKind, TCaseStatus } from '../../domain/case';
import { usePage } from '../page-context';

/**
 * A case status as a coloured tag with its words (colour is never the only signal). A withdrawn contract or
 * addendum was cancelled by the office, not withdrawn by an applicant: the kind, when given, picks the words.
 */
export function StatusTag(props: { status: TCaseStatus; kind?: TCaseKind }) {
  const { t } = usePage();
  const words = props.status === 'withdrawn' && props.kind && props.kind !== 'permit' ? t('status.withdrawn.contract') : t(`status.${props.status}`);
  return <strong class={`tag tag-${props.status.replace(/_/g, '-')}`}>{words}</strong>;
}

import type { TSlaState } from '../../domain/sla-state';
export type { TSlaState };

/** A service-level tag for a due date: overdue, due soon or on track (the caller decides which). */
export function SlaTag(props: { state: TSlaState }) {
  const { t } = usePage();
  return <strong class={`tag tag-sla-${props.state}`}>{t(`sla.${props.state}`)}</strong>;
}

import type { TIssuedStatus } from '../../../store/issuance';
import { REVOCATION_REASONS } from '../../../domain/revocation';
import type { TRevocationReasonCode } from '../../../domain/revocation';
import { usePage } from '../../page-context';

/** A registered document's status as a tag with its words (colour is never the only signal). */
export function DocumentStatusTag(props: { status: TIssuedStatus }) {
  const { t } = usePage();
  return <strong class={`tag tag-doc-${props.status}`}>{t(`public.status.${props.status}`)}</strong>;
}

/** The public revocation reason in the page's language; the API's Indonesian label for a code we do not know. */
export function useReasonLabel(): (code: string | null | undefined, fallback?: string | null) => string | null {
  const { t } = usePage();
  return (code, fallback) => {
    if (code && Object.hasOwn(REVOCATION_REASONS, code)) return t(`public.reason.${code as TRevocationReasonCode}`);
    return fallback ?? null;
  };
}

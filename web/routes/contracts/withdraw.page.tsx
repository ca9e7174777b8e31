import { TextArea } from '../../components/field';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';

/** The longest reason the use cases take (api/schemas.ts: withdrawal and termination). */
export const REASON_MAX = 2000;

/**
 * The PPK confirms the end of a contract or of an addendum, with a reason: a withdrawal before signing
 * (`/kontrak/:id/tarik`, optional reason), of an addendum before it is approved
 * (`/kontrak/:id/adendum/:addendumId/tarik`), or the request to terminate an active contract
 * (`/kontrak/:id/pemutusan`, reason required: it is printed on the notice).
 */
export function WithdrawContractPage(props: {
  caseId: string;
  registrationNumber: string;
  reason: string;
  errors?: TFormErrors;
  /** Set when the addendum, not the contract, is withdrawn. */
  addendum?: { id: string; sequence: number };
  /** Set when an active contract's termination is requested rather than a withdrawal. */
  termination?: boolean;
}) {
  const { t, format } = usePage();
  const { addendum, termination } = props;
  const back = addendum ? `/kontrak/${props.caseId}/adendum/${addendum.id}` : `/kontrak/${props.caseId}`;
  const m = termination ? 'contracts.terminate' : addendum ? 'addenda.withdraw' : 'contracts.withdraw';
  const hint = termination ? t('contracts.terminate.reasonHint', { max: format.number(REASON_MAX) }) : undefined;
  return (
    <section>
      <h1>{t(`${m}.title`, { number: props.registrationNumber, n: addendum?.sequence ?? 0 })}</h1>
      <ErrorSummary errors={props.errors} labels={{ reason: t(`${m}.reason`) }} />
      <p class="lead">{t(`${m}.lead`)}</p>
      <PostForm action={`${back}/${termination ? 'pemutusan' : 'tarik'}`} novalidate id={termination ? 'terminate-form' : 'withdraw-form'}>
        <TextArea name="reason" label={t(`${m}.reason`)} hint={hint} required={termination} value={props.reason} error={props.errors?.reason} maxLength={REASON_MAX} rows={termination ? 6 : 3} />
        <div class="button-row">
          <button type="submit" class="button button-danger" data-action={termination ? 'confirm-termination' : 'confirm-withdraw'}>
            {t(`${m}.confirm`)}
          </button>
          <a href={back}>{t('form.cancel')}</a>
        </div>
      </PostForm>
    </section>
  );
}

import { TextArea } from '../../components/field';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';

/**
 * The PPK confirms a withdrawal, with an optional reason: of a contract before it is signed (`/kontrak/:id/tarik`),
 * or of one of its addenda before it is approved (`/kontrak/:id/adendum/:addendumId/tarik`).
 */
export function WithdrawContractPage(props: {
  caseId: string;
  registrationNumber: string;
  reason: string;
  errors?: TFormErrors;
  /** Set when the addendum, not the contract, is withdrawn. */
  addendum?: { id: string; sequence: number };
}) {
  const { t } = usePage();
  const { addendum } = props;
  const back = addendum ? `/kontrak/${props.caseId}/adendum/${addendum.id}` : `/kontrak/${props.caseId}`;
  const m = addendum ? 'addenda.withdraw' : 'contracts.withdraw';
  return (
    <section>
      <h1>{t(`${m}.title`, { number: props.registrationNumber, n: addendum?.sequence ?? 0 })}</h1>
      <ErrorSummary errors={props.errors} labels={{ reason: t(`${m}.reason`) }} />
      <p class="lead">{t(`${m}.lead`)}</p>
      <PostForm action={`${back}/tarik`} novalidate id="withdraw-form">
        <TextArea name="reason" label={t(`${m}.reason`)} value={props.reason} error={props.errors?.reason} maxLength={2000} rows={3} />
        <div class="button-row">
          <button type="submit" class="button button-danger" data-action="confirm-withdraw">
            {t(`${m}.confirm`)}
          </button>
          <a href={back}>{t('form.cancel')}</a>
        </div>
      </PostForm>
    </section>
  );
}

import { TextArea } from '../../components/field';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';

/** `/kontrak/:id/tarik`: the PPK confirms ending a contract before it is signed, with an optional reason. */
export function WithdrawContractPage(props: { caseId: string; registrationNumber: string; reason: string; errors?: TFormErrors }) {
  const { t } = usePage();
  return (
    <section>
      <h1>{t('contracts.withdraw.title', { number: props.registrationNumber })}</h1>
      <ErrorSummary errors={props.errors} labels={{ reason: t('contracts.withdraw.reason') }} />
      <p class="lead">{t('contracts.withdraw.lead')}</p>
      <PostForm action={`/kontrak/${props.caseId}/tarik`} novalidate id="withdraw-form">
        <TextArea name="reason" label={t('contracts.withdraw.reason')} value={props.reason} error={props.errors?.reason} maxLength={2000} rows={3} />
        <div class="button-row">
          <button type="submit" class="button button-danger" data-action="confirm-withdraw">
            {t('contracts.withdraw.confirm')}
          </button>
          <a href={`/kontrak/${props.caseId}`}>{t('form.cancel')}</a>
        </div>
      </PostForm>
    </section>
  );
}

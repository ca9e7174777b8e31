import { TextArea } from '../../components/field';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';

/** `/permohonan/:id/tarik`: the confirmation step before a withdrawal, with an optional reason. */
export function WithdrawPage(props: { caseId: string; registrationNumber: string; reason: string; errors?: TFormErrors }) {
  const { t } = usePage();
  return (
    <section>
      <h1>{t('applicant.withdraw.title', { number: props.registrationNumber })}</h1>
      <ErrorSummary errors={props.errors} labels={{ reason: t('applicant.withdraw.reason') }} />
      <p class="lead">{t('applicant.withdraw.lead')}</p>
      <PostForm action={`/permohonan/${props.caseId}/tarik`} novalidate id="withdraw-form">
        <TextArea name="reason" label={t('applicant.withdraw.reason')} value={props.reason} error={props.errors?.reason} maxLength={2000} rows={3} />
        <div class="button-row">
          <button type="submit" class="button button-danger" data-action="confirm-withdraw">
            {t('applicant.withdraw.confirm')}
          </button>
          <a href={`/permohonan/${props.caseId}`}>{t('applicant.withdraw.cancel')}</a>
        </div>
      </PostForm>
    </section>
  );
}

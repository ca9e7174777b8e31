import type { TCaseType } from '../../../domain/case-type.schema';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import type { TTypedForm } from './permit-form';
import { APPLICANT_KEYS } from './permit-form';
import { DocumentValues, FieldValues } from './permit-values';

/** `/izin/:typeId/ajukan/periksa`: everything the draft holds, a way back to change it, and the one submit button. */
export function ReviewPage(props: { type: TCaseType; values: TTypedForm; fields: Record<string, unknown>; errors?: TFormErrors }) {
  const { t, lang } = usePage();
  const { type, values } = props;
  return (
    <section>
      <p class="field-hint">{t('applicant.review.step')}</p>
      <h1>{t('applicant.review.title')}</h1>
      <ErrorSummary errors={props.errors} />
      <p class="lead">
        {t('applicant.review.lead')} ({type.name[lang]})
      </p>
      <h2>{t('applicant.form.applicant')}</h2>
      <dl class="summary-list">
        {APPLICANT_KEYS.map((k) => (
          <>
            <dt>{t(`applicant.person.${k}`)}</dt>
            <dd data-applicant={k}>{values.applicant[k]}</dd>
          </>
        ))}
      </dl>
      <h2>{t('applicant.form.permit')}</h2>
      <FieldValues type={type} values={props.fields} />
      <h2>{t('applicant.form.documents')}</h2>
      <DocumentValues type={type} attached={values.documents} />
      <p>
        <a href={`/izin/${type.id}/ajukan`} data-action="change">
          {t('applicant.review.change')}
        </a>
      </p>
      <PostForm action={`/izin/${type.id}/ajukan/periksa`} id="submit-form">
        <p>{t('applicant.review.declaration')}</p>
        <div class="button-row">
          <button type="submit" class="button" data-action="submit-application">
            {t('applicant.review.submit')}
          </button>
        </div>
      </PostForm>
    </section>
  );
}

import type { TCaseType } from '../../../domain/case-type.schema';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import type { TTypedForm } from './permit-form';
import { ApplicantInputs, DocumentInputs, PermitFieldInput, permitFormLabels } from './permit-inputs';
import { EnterSubmits } from '../../components/enter-submits';

/**
 * `/izin/:typeId/ajukan`: the application form generated from the permit type's definition. It posts to
 * itself (multipart, with the uploads); every post keeps the draft, then goes on to the review step.
 * `novalidate`: the server's messages, in the page's language, are the ones people see.
 */
/** The notice after a post that stays on the form: the draft saved, an upload removed. */
export type TFormNotice = 'saved' | 'removed';

export function ApplicationFormPage(props: { type: TCaseType; values: TTypedForm; errors: TFormErrors; notice: TFormNotice | null }) {
  const { t, lang } = usePage();
  const { type, values, errors } = props;
  const labels = permitFormLabels(type, lang, (k) => t(`applicant.person.${k}`));
  return (
    <section>
      <p class="field-hint">{t('applicant.form.step')}</p>
      <h1>{t('applicant.form.title', { type: type.name[lang] })}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      {props.notice && (
        <p class="notice notice-success" role="status">
          {t(props.notice === 'saved' ? 'applicant.form.saved' : 'applicant.form.removed')}
        </p>
      )}
      <p class="lead">{t('applicant.form.lead')}</p>
      <PostForm action={`/izin/${type.id}/ajukan`} multipart novalidate id="application-form">
        <EnterSubmits value="periksa" label={t('applicant.form.continue')} />
        <fieldset>
          <legend>
            <h2>{t('applicant.form.applicant')}</h2>
          </legend>
          <ApplicantInputs values={values.applicant} errors={errors} />
        </fieldset>
        <fieldset>
          <legend>
            <h2>{t('applicant.form.permit')}</h2>
          </legend>
          {type.fields.map((f) => (
            <PermitFieldInput field={f} value={values.fields[f.id] ?? ''} error={errors[`fields.${f.id}`]} />
          ))}
        </fieldset>
        <fieldset>
          <legend>
            <h2>{t('applicant.form.documents')}</h2>
          </legend>
          <DocumentInputs type={type} uploaded={values.documents} errors={errors} removable />
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button" name="aksi" value="periksa" data-action="continue">
            {t('applicant.form.continue')}
          </button>
          <button type="submit" class="button button-secondary" name="aksi" value="simpan" data-action="save-draft">
            {t('applicant.form.saveDraft')}
          </button>
        </div>
      </PostForm>
    </section>
  );
}

import type { TCaseType, TFieldDefinition } from '../../../domain/case-type.schema';
import { FileField, SelectField, TextArea, TextField } from '../../components/field';
import { fieldId } from '../../components/form-errors';
import type { TFormErrors } from '../../components/form-errors';
import { usePage } from '../../page-context';
import { acceptOf, APPLICANT_KEYS, mediaTypeWords, sizeWords } from './permit-form';
import { optionLabel } from '../../components/field-value';
import type { TApplicantKey, TDraftDocument } from './permit-form';

/** The labels of a permit form's inputs by path, for the error summary. */
export function permitFormLabels(type: TCaseType, lang: 'id' | 'en', applicantLabel: (k: TApplicantKey) => string): Record<string, string> {
  return {
    ...Object.fromEntries(APPLICANT_KEYS.map((k) => [`applicant.${k}`, applicantLabel(k)])),
    ...Object.fromEntries(type.fields.map((f) => [`fields.${f.id}`, f.label[lang]])),
    ...Object.fromEntries(type.documents.map((d) => [`documents.${d.id}`, d.label[lang]])),
  };
}

/** Yes/no as two radios in a fieldset: an optional question can stay unanswered, which a checkbox cannot. */
function YesNo(props: { name: string; label: string; value: string; error?: string; required: boolean }) {
  const { t } = usePage();
  const id = fieldId(props.name);
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <fieldset class={props.error ? 'field field-error radios' : 'field radios'} aria-describedby={errorId}>
      <legend class="field-label">
        {props.label} <span class="field-need">{props.required ? t('form.required') : t('form.optional')}</span>
      </legend>
      {props.error && (
        <p id={errorId} class="field-message">
          {props.error}
        </p>
      )}
      <label class="radio">
        <input type="radio" id={id} name={props.name} value="ya" checked={props.value === 'ya'} /> {t('value.yes')}
      </label>
      <label class="radio">
        <input type="radio" id={`${id}-tidak`} name={props.name} value="tidak" checked={props.value === 'tidak'} /> {t('value.no')}
      </label>
    </fieldset>
  );
}

/** One input for a permit-type field, the right kind for its type. */
export function PermitFieldInput(props: { field: TFieldDefinition; value: string; error?: string; requiredOverride?: boolean }) {
  const { lang, t, format } = usePage();
  const f = props.field;
  const name = `fields.${f.id}`;
  const required = props.requiredOverride ?? f.required;
  const label = f.label[lang];
  const common = { name, label, error: props.error, required };
  switch (f.type) {
    case 'text': {
      const hint = f.minLength || f.maxLength ? t('applicant.rule.length', { min: f.minLength ?? (f.required ? 1 : 0), max: f.maxLength ?? 2000 }) : undefined;
      return f.multiline || (f.maxLength ?? 2000) > 300 ? (
        <TextArea {...common} hint={hint} value={props.value} maxLength={f.maxLength} rows={3} />
      ) : (
        <TextField {...common} hint={hint} value={props.value} maxLength={f.maxLength} />
      );
    }
    case 'number':
    case 'integer': {
      const hint = f.min !== undefined && f.max !== undefined ? t('applicant.rule.range', { min: format.number(f.min), max: format.number(f.max) }) : undefined;
      return <TextField {...common} hint={hint} value={props.value} inputMode={f.type === 'integer' ? 'numeric' : 'decimal'} />;
    }
    case 'date':
      return <TextField {...common} type="date" value={props.value} />;
    case 'enum':
      return (
        <SelectField
          {...common}
          value={props.value}
          placeholder={t('applicant.form.choose')}
          options={(f.options ?? []).map((o) => ({ value: o, label: optionLabel(f, o, lang) }))}
        />
      );
    case 'boolean':
      return <YesNo name={name} label={label} value={props.value} error={props.error} required={required} />;
  }
}

/** The applicant's personal data, as the API asks it. */
export function ApplicantInputs(props: { values: Partial<Record<TApplicantKey, string>>; errors: TFormErrors }) {
  const { t } = usePage();
  const v = props.values;
  const e = (k: TApplicantKey) => props.errors[`applicant.${k}`];
  return (
    <>
      <TextField name="applicant.name" label={t('applicant.person.name')} value={v.name} error={e('name')} required autocomplete="name" maxLength={200} />
      <TextField name="applicant.nik" label={t('applicant.person.nik')} hint={t('applicant.person.nikHint')} value={v.nik} error={e('nik')} required inputMode="numeric" maxLength={16} />
      <TextField name="applicant.email" label={t('applicant.person.email')} type="email" value={v.email} error={e('email')} required autocomplete="email" />
      <TextField name="applicant.phone" label={t('applicant.person.phone')} type="tel" value={v.phone} error={e('phone')} required autocomplete="tel" />
      <TextArea name="applicant.address" label={t('applicant.person.address')} value={v.address} error={e('address')} required rows={2} maxLength={500} />
    </>
  );
}

/**
 * One upload per document requirement, its accepted types and size limit shown; the browser refuses a larger
 * file before sending (app.js reads `data-max-bytes`), the server checks again. An upload the draft already
 * holds is named, and a new file replaces it; with `removable` (a draft), a button beside it removes it (a submit
 * button of the same form, so it works without JavaScript and keeps what was typed).
 */
export function DocumentInputs(props: { type: TCaseType; uploaded: Record<string, TDraftDocument>; errors: TFormErrors; replaceOnly?: boolean; removable?: boolean }) {
  const { lang, t, format } = usePage();
  return (
    <>
      {props.type.documents.map((d) => {
        const have = props.uploaded[d.id];
        const size = sizeWords(d.maxBytes, t, format);
        const hint = [
          have ? t('applicant.form.uploaded', { name: have.name, size: sizeWords(have.bytes, t, format) }) : null,
          t('applicant.form.fileHint', { types: mediaTypeWords(d, t), size }),
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <>
            <FileField
              name={`documents.${d.id}`}
              label={have || props.replaceOnly ? t('applicant.form.replace', { label: d.label[lang] }) : d.label[lang]}
              hint={hint}
              error={props.errors[`documents.${d.id}`]}
              required={d.required && !have && !props.replaceOnly}
              accept={acceptOf(d)}
              maxBytes={d.maxBytes}
              tooLarge={t('applicant.form.fileTooLarge', { size })}
            />
            {have && props.removable && (
              <p class="button-row">
                <button type="submit" class="button button-secondary" name="aksi" value={`hapus:${d.id}`} data-action="remove-upload" data-document={d.id}>
                  {t('applicant.form.removeUpload', { name: have.name })}
                </button>
              </p>
            )}
          </>
        );
      })}
    </>
  );
}

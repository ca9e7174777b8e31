import { workingDaysText } from '../../i18n/working-days';
import type { TCaseType, TFieldDefinition } from '../../../domain/case-type.schema';
import { Table } from '../../components/table';
import type { TTranslate } from '../../i18n/translate';
import type { TFormatters } from '../../i18n/format';
import { usePage } from '../../page-context';
import { mediaTypeWords, sizeWords } from './permit-form';
import { optionLabel } from '../../components/field-value';
import type { TLang } from '../../i18n/define-messages';

function rulesOf(f: TFieldDefinition, t: TTranslate, format: TFormatters, lang: TLang): string {
  if (f.type === 'enum') return t('applicant.rule.options', { options: (f.options ?? []).map((o) => optionLabel(f, o, lang)).join(', ') });
  if ((f.type === 'number' || f.type === 'integer') && f.min !== undefined && f.max !== undefined) {
    return t('applicant.rule.range', { min: format.number(f.min), max: format.number(f.max) });
  }
  if (f.type === 'text' && (f.minLength || f.maxLength)) return t('applicant.rule.length', { min: f.minLength ?? 1, max: f.maxLength ?? 2000 });
  return t('applicant.rule.none');
}

/**
 * `/izin/:typeId`: what a permit type needs (fields, documents with their types and size limit, stages with
 * their service levels) and when it would finish if submitted today, counted on the office's calendar.
 */
export function PermitTypePage(props: { type: TCaseType; expectedFinish: Date; signedIn: boolean }) {
  const { t, lang, format } = usePage();
  const type = props.type;
  const need = (required: boolean) => (required ? t('applicant.required') : t('applicant.optional'));
  return (
    <section>
      <h1>{type.name[lang]}</h1>
      {type.description && <p class="lead">{type.description[lang]}</p>}
      <dl class="summary-list">
        <dt>{t('applicant.type.serviceLevel')}</dt>
        <dd data-service-level>{workingDaysText(t, type.serviceLevelDays)}</dd>
        <dt>{t('applicant.type.expectedFinish')}</dt>
        <dd>
          <time dateTime={props.expectedFinish.toISOString()} data-expected-finish>
            {format.date(props.expectedFinish)}
          </time>
          <br />
          <small>{t('applicant.type.expectedFinishNote')}</small>
        </dd>
      </dl>
      <p class="button-row">
        <a class="button" href={props.signedIn ? `/izin/${type.id}/ajukan` : `/masuk?kembali=${encodeURIComponent(`/izin/${type.id}/ajukan`)}`} data-action="apply">
          {props.signedIn ? t('applicant.type.apply') : t('applicant.type.signInToApply')}
        </a>
      </p>
      <h2>{t('applicant.type.fields')}</h2>
      <Table
        caption={t('applicant.type.fields')}
        captionHidden
        rows={type.fields}
        columns={[
          { header: t('applicant.type.field'), cell: (f) => f.label[lang] },
          { header: t('applicant.type.kind'), cell: (f) => t(`applicant.fieldType.${f.type}`) },
          { header: t('applicant.type.rules'), cell: (f) => rulesOf(f, t, format, lang) },
          { header: t('applicant.type.need'), cell: (f) => need(f.required) },
        ]}
      />
      <h2>{t('applicant.type.documents')}</h2>
      <Table
        caption={t('applicant.type.documents')}
        captionHidden
        rows={type.documents}
        columns={[
          { header: t('applicant.type.document'), cell: (d) => d.label[lang] },
          { header: t('applicant.type.accepted'), cell: (d) => mediaTypeWords(d, t) },
          { header: t('applicant.type.maxSize'), cell: (d) => sizeWords(d.maxBytes, t, format), numeric: true },
          { header: t('applicant.type.need'), cell: (d) => need(d.required) },
        ]}
      />
      <h2>{t('applicant.type.stages')}</h2>
      <Table
        caption={t('applicant.type.stages')}
        captionHidden
        rows={type.stages}
        columns={[
          { header: t('applicant.type.stage'), cell: (s) => s.name[lang] },
          { header: t('applicant.type.stageDays'), cell: (s) => workingDaysText(t, s.serviceLevelDays), numeric: true },
        ]}
      />
    </section>
  );
}

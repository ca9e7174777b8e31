import type { TCaseType, TFieldDefinition } from '../../../domain/case-type.schema';
import { usePage } from '../../page-context';
import { optionWords, sizeWords } from './permit-form';

/** A field's value as people read it: numbers in the page's locale, yes/no in words, options without underscores. */
export function FieldValue(props: { field: TFieldDefinition; value: unknown }) {
  const { t, format } = usePage();
  const v = props.value;
  if (v === undefined || v === null || v === '') return <>{t('applicant.rule.none')}</>;
  switch (props.field.type) {
    case 'number':
    case 'integer':
      return <>{typeof v === 'number' ? format.number(v) : String(v)}</>;
    case 'boolean':
      return <>{v === true ? t('applicant.yes') : t('applicant.no')}</>;
    case 'date':
      return <>{typeof v === 'string' ? format.date(v) : String(v)}</>;
    case 'enum':
      return <>{optionWords(String(v))}</>;
    default:
      return <>{String(v)}</>;
  }
}

/** The permit's fields as a summary list. */
export function FieldValues(props: { type: TCaseType; values: Record<string, unknown> }) {
  const { lang } = usePage();
  return (
    <dl class="summary-list">
      {props.type.fields.map((f) => (
        <>
          <dt>{f.label[lang]}</dt>
          <dd data-field={f.id}>
            <FieldValue field={f} value={props.values[f.id]} />
          </dd>
        </>
      ))}
    </dl>
  );
}

/** Each document requirement and what is attached for it. */
export function DocumentValues(props: { type: TCaseType; attached: Record<string, { name?: string; bytes?: number } | undefined> }) {
  const { lang, t, format } = usePage();
  return (
    <dl class="summary-list">
      {props.type.documents.map((d) => {
        const doc = props.attached[d.id];
        return (
          <>
            <dt>{d.label[lang]}</dt>
            <dd data-document={d.id}>
              {doc
                ? doc.name
                  ? `${doc.name} (${sizeWords(doc.bytes ?? 0, t, format)})`
                  : t('applicant.case.attached')
                : t('applicant.case.notAttached')}
            </dd>
          </>
        );
      })}
    </dl>
  );
}

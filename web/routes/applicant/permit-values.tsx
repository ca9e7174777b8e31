import type { TCaseType } from '../../../domain/case-type.schema';
import { fieldValueText } from '../../components/field-value';
import { usePage } from '../../page-context';
import { sizeWords } from './permit-form';

/** The permit's fields as a summary list. */
export function FieldValues(props: { type: TCaseType; values: Record<string, unknown> }) {
  const page = usePage();
  const { lang } = page;
  return (
    <dl class="summary-list">
      {props.type.fields.map((f) => (
        <>
          <dt>{f.label[lang]}</dt>
          <dd data-field={f.id}>
            {fieldValueText(f, props.values[f.id], page)}
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

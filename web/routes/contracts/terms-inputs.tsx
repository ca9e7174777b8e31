import { workingDaysText } from '../../i18n/working-days';
import { fillClause, guaranteeAmount, paymentAmounts } from '../../../domain/contract.schema';
import type { TContractClause, TContractTerms, TPaymentTerm } from '../../../domain/contract.schema';
import { TextField } from '../../components/field';
import { fieldId } from '../../components/form-errors';
import type { TFormErrors } from '../../components/form-errors';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';
import type { TMessageKey } from '../../i18n/messages';
import { ITEM_COLUMNS, TERMS_FIELDS } from './terms-form';
import type { TTermsField, TTermsForm } from './terms-form';

const GROUPS: Array<{ id: TTermsField['group']; legend: TMessageKey }> = [
  { id: 'package', legend: 'contracts.group.package' },
  { id: 'ppk', legend: 'contracts.group.ppk' },
  { id: 'vendor', legend: 'contracts.group.vendor' },
  { id: 'award', legend: 'contracts.group.award' },
  { id: 'execution', legend: 'contracts.group.execution' },
];

/** Labels by input name, for the error summary. */
export function termsLabels(form: TTermsForm, t: ReturnType<typeof usePage>['t']): Record<string, string> {
  const labels: Record<string, string> = Object.fromEntries(TERMS_FIELDS.map((f) => [`terms.${f.path}`, t(f.label)]));
  form.items.forEach((_, i) => {
    for (const c of ITEM_COLUMNS) labels[`terms.items.${i}.${c.key}`] = t('contracts.item.cellLabel', { column: t(c.label), row: i + 1 });
  });
  return labels;
}

/** The negotiable fields of the terms, grouped, and the item rows with an "add row" button (no JavaScript needed). */
export function TermsInputs(props: { form: TTermsForm; errors: TFormErrors }) {
  const { t } = usePage();
  const { form, errors } = props;
  return (
    <>
      {GROUPS.map((group) => (
        <fieldset class="field-group" data-group={group.id}>
          <legend>
            <h2>{t(group.legend)}</h2>
          </legend>
          {TERMS_FIELDS.filter((f) => f.group === group.id).map((f) => (
            <TextField
              name={`terms.${f.path}`}
              label={t(f.label)}
              hint={f.hint && t(f.hint)}
              value={form.values[f.path] ?? ''}
              error={errors[`terms.${f.path}`]}
              required={f.required}
              type={f.kind === 'date' ? 'date' : 'text'}
              inputMode={f.kind === 'money' || f.kind === 'integer' ? 'numeric' : f.kind === 'decimal' ? 'decimal' : undefined}
              maxLength={500}
            />
          ))}
        </fieldset>
      ))}
      <fieldset class="field-group" data-group="items">
        <legend>
          <h2>{t('contracts.group.items')}</h2>
        </legend>
        <p class="field-hint">{t('contracts.hint.items')}</p>
        <input type="hidden" name="rows" value={String(form.items.length)} />
        <div class="table-wrap">
          <table class="table items-table">
            <caption class="visually-hidden">{t('contracts.group.items')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.item.number')}</th>
                {ITEM_COLUMNS.map((c) => (
                  <th scope="col">{t(c.label)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {form.items.map((row, i) => (
                <tr data-item-row={i}>
                  <td>
                    {i + 1}
                    <input type="hidden" name={`terms.items.${i}.id`} value={row.id} />
                  </td>
                  {ITEM_COLUMNS.map((c) => {
                    const name = `terms.items.${i}.${c.key}`;
                    const error = errors[name];
                    const id = fieldId(name);
                    return (
                      <td class={error ? 'field-error' : undefined}>
                        <label for={id} class="visually-hidden">
                          {t('contracts.item.cellLabel', { column: t(c.label), row: i + 1 })}
                        </label>
                        {error && (
                          <p id={`${id}-error`} class="field-message">
                            {error}
                          </p>
                        )}
                        <input
                          id={id}
                          name={name}
                          value={row[c.key]}
                          class="input"
                          maxLength={500}
                          inputMode={c.kind === 'money' ? 'numeric' : c.kind === 'decimal' ? 'decimal' : undefined}
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="submit" name="aksi" value="tambah-baris" class="button button-secondary" data-action="add-row" formnovalidate>
          {t('contracts.form.addRow')}
        </button>
      </fieldset>
    </>
  );
}

/**
 * What the template (or the version on the table) fixes: payments, the performance guarantee and the clauses.
 * With `terms`, the clauses are shown filled in as the contract prints them. The contract's own text is
 * Indonesian in both languages of the pages (marked lang="id").
 */
export function TemplateTerms(props: { payments: TPaymentTerm[]; guarantee: { percent: number; dueWorkingDays: number }; clauses: TContractClause[]; value?: number; terms?: TContractTerms }) {
  const { t, format } = usePage();
  const amounts = props.value ? paymentAmounts(props.value, props.payments) : null;
  return (
    <section class="template-terms" aria-labelledby="template-title">
      <h2 id="template-title">{t('contracts.template.title')}</h2>
      <p class="field-hint">{t('contracts.template.lead')}</p>
      <h3>{t('contracts.template.payments')}</h3>
      <Table
        caption={t('contracts.template.payments')}
        captionHidden
        rows={props.payments.map((p, i) => ({ ...p, amount: amounts?.[i] }))}
        columns={[
          { header: t('contracts.template.milestone'), cell: (p) => <span lang="id">{p.milestone}</span> },
          { header: t('contracts.template.percent'), cell: (p) => `${format.number(p.percent)}%`, numeric: true },
          ...(amounts ? [{ header: t('contracts.template.amount'), cell: (p: { amount?: number }) => format.money(p.amount ?? 0), numeric: true }] : []),
        ]}
      />
      <h3>{t('contracts.template.guarantee')}</h3>
      <p data-guarantee>
        {props.guarantee.percent > 0
          ? t('contracts.template.guaranteeText', {
              percent: format.number(props.guarantee.percent),
              days: workingDaysText(t, props.guarantee.dueWorkingDays),
              amount: props.value ? format.money(guaranteeAmount({ value: props.value, performanceGuarantee: props.guarantee })) : '—',
            })
          : t('contracts.template.noGuarantee')}
      </p>
      <details class="clauses">
        <summary>{t('contracts.template.clauses', { count: props.clauses.length })}</summary>
        <ol lang="id">
          {props.clauses.map((c) => (
            <li>
              <strong>{c.heading}</strong>
              <p class="pre-line">{props.terms ? fillClause(c.text, props.terms) : c.text}</p>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

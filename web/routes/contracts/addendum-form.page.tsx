import { contractEndDate, type TContractTerms } from '../../../domain/contract.schema';
import type { TCaseStatus } from '../../../domain/case';
import { ErrorSummary } from '../../components/error-summary';
import { TextArea, TextField } from '../../components/field';
import { fieldId } from '../../components/form-errors';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import { CapRule } from './addendum-parts';
import { MAX_FORM_ROWS, TEXT_MAX, type TAddendumForm, type TItemRow } from './addendum-form';
import { EnterSubmits } from '../../components/enter-submits';

/** Why the PPK cannot propose an addendum now, shown instead of the form. */
export type TAddendumBlock = { reason: 'notPpk' | 'termination' } | { reason: 'notActive'; status: TCaseStatus } | { reason: 'inProgress'; href: string };

export interface TAddendumFormPageProps {
  contractId: string;
  contractNumber: string;
  title: string;
  original: TContractTerms;
  current: TContractTerms;
  signedCount: number;
  exceptionStage: string;
  form: TAddendumForm;
  errors: TFormErrors;
  block?: TAddendumBlock;
}

/**
 * `/kontrak/:id/adendum/baru`: the 10% rule with this contract's figures, then the change (items, end date,
 * clauses) and its reason. Step 1 of 2; the review step computes the new cumulative percentage.
 */
export function AddendumFormPage(props: TAddendumFormPageProps) {
  const { t, format } = usePage();
  const { form, errors, current } = props;
  return (
    <section>
      <p>
        <a href={`/kontrak/${props.contractId}`}>{t('addenda.backToContract')}</a>
      </p>
      <p class="field-hint">{t('addenda.form.step')}</p>
      <h1>{t('addenda.form.title', { number: props.contractNumber })}</h1>
      <p class="lead">{props.title}</p>
      {props.block ? (
        <Blocked block={props.block} />
      ) : (
        <>
          <ErrorSummary errors={errors} labels={errorLabels(form, t)} />
          <p>{t('addenda.form.lead')}</p>
          <CapRule original={props.original} current={current} signedCount={props.signedCount} exceptionStage={props.exceptionStage} />
          <PostForm action={`/kontrak/${props.contractId}/adendum/baru`} id="addendum-form" novalidate>
            <EnterSubmits value="lanjut" label={t('addenda.form.continue')} />
            <h2>{t('addenda.form.items')}</h2>
            <p class="field-hint">{t('addenda.form.itemsHint')}</p>
            {form.items.map((row, i) => (
              <ItemRow row={row} index={i} existing={current.items[i]} errors={errors} />
            ))}
            {form.items.length < MAX_FORM_ROWS && (
              <div class="button-row">
                <button type="submit" name="aksi" value="tambah-baris" class="button button-secondary" data-action="add-row" formnovalidate>
                  {t('addenda.form.addRow')}
                </button>
              </div>
            )}
            <TextField
              name="endDate"
              type="date"
              label={t('addenda.form.endDate')}
              hint={t('addenda.form.endDateHint', { end: format.date(contractEndDate(current)), start: format.date(current.startDate) })}
              value={form.endDate}
              error={errors.endDate}
              required
            />
            <details open={Object.keys(errors).some((k) => k.startsWith('clauses.'))}>
              <summary>{t('addenda.form.clauses')}</summary>
              <p class="field-hint">{t('addenda.form.clausesHint')}</p>
              {form.clauses.map((c, i) => (
                <fieldset class="card">
                  <legend>{c.heading || `${i + 1}`}</legend>
                  <TextField name={`clauses.${i}.heading`} label={t('addenda.form.clauseHeading', { n: i + 1 })} value={c.heading} error={errors[`clauses.${i}.heading`]} maxLength={500} required />
                  <TextArea name={`clauses.${i}.text`} label={t('addenda.form.clauseText', { n: i + 1 })} value={c.text} error={errors[`clauses.${i}.text`]} rows={5} maxLength={20_000} required />
                </fieldset>
              ))}
            </details>
            <TextArea
              name="justification"
              label={t('addenda.form.justification')}
              hint={t('addenda.form.justificationHint')}
              value={form.justification}
              error={errors.justification}
              maxLength={TEXT_MAX}
              rows={5}
              required
            />
            <div class="button-row">
              <button type="submit" name="aksi" value="lanjut" class="button" data-action="continue">
                {t('addenda.form.continue')}
              </button>
            </div>
          </PostForm>
        </>
      )}
    </section>
  );
}

/** The labels the error summary puts before each message: which row and which field. */
function errorLabels(form: TAddendumForm, t: ReturnType<typeof usePage>['t']): Record<string, string> {
  const labels: Record<string, string> = {
    endDate: t('addenda.form.endDate'),
    justification: t('addenda.form.justification'),
  };
  form.items.forEach((_, i) => {
    const row = t('addenda.form.row', { n: i + 1 });
    labels[`items.${i}.description`] = `${row}, ${t('addenda.form.description')}`;
    labels[`items.${i}.quantity`] = `${row}, ${t('addenda.form.quantity')}`;
    labels[`items.${i}.unit`] = `${row}, ${t('addenda.form.unit')}`;
    labels[`items.${i}.unitPrice`] = `${row}, ${t('addenda.form.unitPrice')}`;
  });
  form.clauses.forEach((_, i) => {
    labels[`clauses.${i}.heading`] = t('addenda.form.clauseHeading', { n: i + 1 });
    labels[`clauses.${i}.text`] = t('addenda.form.clauseText', { n: i + 1 });
  });
  return labels;
}

function ItemRow(props: { row: TItemRow; index: number; existing: TContractTerms['items'][number] | undefined; errors: TFormErrors }) {
  const { t, format } = usePage();
  const { row, index: i, existing, errors } = props;
  const name = (key: string) => `items.${i}.${key}`;
  return (
    <fieldset class="card" data-item-row={i}>
      <legend>{existing ? `${t('addenda.form.row', { n: i + 1 })}: ${existing.description}` : t('addenda.form.newRow', { n: i + 1 })}</legend>
      {existing && (
        <p class="field-hint">{t('addenda.form.lineNow', { quantity: format.number(existing.quantity), unit: existing.unit, price: format.money(existing.unitPrice) })}</p>
      )}
      <TextField name={name('description')} label={t('addenda.form.description')} value={row.description} error={errors[name('description')]} maxLength={500} required={Boolean(existing)} />
      <TextField name={name('quantity')} label={t('addenda.form.quantity')} hint={t('addenda.form.quantityHint')} value={row.quantity} error={errors[name('quantity')]} inputMode="decimal" maxLength={20} required={Boolean(existing)} />
      <TextField name={name('unit')} label={t('addenda.form.unit')} value={row.unit} error={errors[name('unit')]} maxLength={500} required={Boolean(existing)} />
      <TextField name={name('unitPrice')} label={t('addenda.form.unitPrice')} hint={t('addenda.form.unitPriceHint')} value={row.unitPrice} error={errors[name('unitPrice')]} inputMode="numeric" maxLength={30} required={Boolean(existing)} />
      {existing && (
        <div class="radio">
          <input type="checkbox" id={fieldId(name('remove'))} name={name('remove')} value="1" checked={row.remove} />
          <label for={fieldId(name('remove'))}>{t('addenda.form.remove')}</label>
        </div>
      )}
    </fieldset>
  );
}

function Blocked(props: { block: TAddendumBlock }) {
  const { t } = usePage();
  const { block } = props;
  if (block.reason === 'inProgress') {
    return (
      <div class="notice" data-blocked="inProgress">
        <p>{t('addenda.form.inProgress')}</p>
        <p>
          <a href={block.href}>{t('addenda.form.openInProgress')}</a>
        </p>
      </div>
    );
  }
  const text = block.reason === 'notActive' ? t('addenda.form.notActive', { status: t(`status.${block.status}`) }) : t(block.reason === 'notPpk' ? 'addenda.form.notPpk' : 'addenda.form.termination');
  return (
    <p class="notice" data-blocked={block.reason}>
      {text}
    </p>
  );
}

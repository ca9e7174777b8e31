import { itemsTotal } from '../../../domain/contract.schema';
import type { TContractTerms } from '../../../domain/contract.schema';
import type { TFormErrors } from '../../components/form-errors';
import type { TMessageKey } from '../../i18n/messages';
import type { TTranslate } from '../../i18n/translate';

/**
 * The contract terms as a form: every input is named by the terms' own path (`terms.vendor.npwp`,
 * `terms.items.2.unitPrice`), so the use case's field errors land next to the inputs that caused them. The
 * negotiable fields come from the terms schema (domain/contract.schema.ts); clauses, payments and the guarantee
 * come from the contract type's template (a draft) or the version on the table (a proposal) and are shown, not typed.
 */

export type TTermsInputKind = 'text' | 'date' | 'money' | 'integer' | 'decimal';

export interface TTermsField {
  /** The path inside the terms (`vendor.representative.name`). */
  path: string;
  label: TMessageKey;
  kind: TTermsInputKind;
  required: boolean;
  hint?: TMessageKey;
  /** The group (fieldset) it belongs to. */
  group: 'package' | 'ppk' | 'vendor' | 'award' | 'execution';
}

export const TERMS_FIELDS: readonly TTermsField[] = [
  { path: 'title', label: 'contracts.field.title', kind: 'text', required: true, group: 'package' },
  { path: 'ppk.name', label: 'contracts.field.ppk.name', kind: 'text', required: true, group: 'ppk' },
  { path: 'ppk.nip', label: 'contracts.field.ppk.nip', kind: 'text', required: true, hint: 'contracts.hint.nip', group: 'ppk' },
  { path: 'ppk.position', label: 'contracts.field.ppk.position', kind: 'text', required: true, group: 'ppk' },
  { path: 'ppk.unit', label: 'contracts.field.ppk.unit', kind: 'text', required: true, group: 'ppk' },
  { path: 'vendor.name', label: 'contracts.field.vendor.name', kind: 'text', required: true, group: 'vendor' },
  { path: 'vendor.npwp', label: 'contracts.field.vendor.npwp', kind: 'text', required: true, hint: 'contracts.hint.npwp', group: 'vendor' },
  { path: 'vendor.address', label: 'contracts.field.vendor.address', kind: 'text', required: true, group: 'vendor' },
  { path: 'vendor.representative.name', label: 'contracts.field.vendor.representative.name', kind: 'text', required: true, group: 'vendor' },
  { path: 'vendor.representative.position', label: 'contracts.field.vendor.representative.position', kind: 'text', required: true, group: 'vendor' },
  { path: 'award.letterNumber', label: 'contracts.field.award.letterNumber', kind: 'text', required: true, group: 'award' },
  { path: 'award.date', label: 'contracts.field.award.date', kind: 'date', required: true, group: 'award' },
  { path: 'value', label: 'contracts.field.value', kind: 'money', required: false, hint: 'contracts.hint.value', group: 'execution' },
  { path: 'startDate', label: 'contracts.field.startDate', kind: 'date', required: true, group: 'execution' },
  { path: 'durationDays', label: 'contracts.field.durationDays', kind: 'integer', required: true, group: 'execution' },
  { path: 'delayPenaltyPerMille', label: 'contracts.field.delayPenaltyPerMille', kind: 'decimal', required: true, hint: 'contracts.hint.penalty', group: 'execution' },
];

export const ITEM_COLUMNS = [
  { key: 'description', label: 'contracts.item.description', kind: 'text' },
  { key: 'quantity', label: 'contracts.item.quantity', kind: 'decimal' },
  { key: 'unit', label: 'contracts.item.unit', kind: 'text' },
  { key: 'unitPrice', label: 'contracts.item.unitPrice', kind: 'money' },
] as const satisfies ReadonlyArray<{ key: string; label: TMessageKey; kind: TTermsInputKind }>;
type TItemKey = (typeof ITEM_COLUMNS)[number]['key'];

/** Blank rows a new form offers; "add row" adds ROWS_STEP more, up to MAX_FORM_ROWS (the form stays a page). */
export const BLANK_ROWS = 3;
export const ROWS_STEP = 3;
export const MAX_FORM_ROWS = 60;

/** What was typed, as text, by input name (without the `terms.` prefix): kept as it is when the form comes back. */
export interface TTermsForm {
  values: Record<string, string>;
  /** Item rows; `id` is hidden and keeps an item's identity across versions (so diffs show a changed price, not a new item). */
  items: Array<Record<TItemKey | 'id', string>>;
}

const blankRow = (): Record<TItemKey | 'id', string> => ({ id: '', description: '', quantity: '', unit: '', unitPrice: '' });

const getPath = (obj: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

/** A form filled from existing terms (a proposal starts from the version on the table), plus blank rows. */
export function formOfTerms(terms: TContractTerms, blankRows = 1): TTermsForm {
  const values = Object.fromEntries(TERMS_FIELDS.map((f) => [f.path, String(getPath(terms, f.path) ?? '')]));
  const items = terms.items.map((i) => ({ id: i.id, description: i.description, quantity: String(i.quantity), unit: i.unit, unitPrice: String(i.unitPrice) }));
  return { values, items: [...items, ...Array.from({ length: blankRows }, blankRow)] };
}

/** An empty form with the PPK's name filled in and some blank item rows. */
export function blankForm(defaults: Record<string, string> = {}): TTermsForm {
  return { values: { delayPenaltyPerMille: '1', ...defaults }, items: Array.from({ length: BLANK_ROWS }, blankRow) };
}

const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 20_000) : '');

/** The form as posted (urlencoded, flat names); `addRows` more blank rows when "add row" was pressed. */
export function formOfBody(body: Record<string, unknown>, addRows = 0): TTermsForm {
  const values = Object.fromEntries(TERMS_FIELDS.map((f) => [f.path, text(body[`terms.${f.path}`])]));
  const rows = Math.min(MAX_FORM_ROWS, Math.max(0, Number.parseInt(text(body.rows), 10) || 0));
  const items = Array.from({ length: rows }, (_, i) => {
    const row = blankRow();
    for (const key of ['id', ...ITEM_COLUMNS.map((c) => c.key)] as const) row[key] = text(body[`terms.items.${i}.${key}`]);
    return row;
  });
  const extra = Math.min(addRows, MAX_FORM_ROWS - items.length);
  return { values, items: [...items, ...Array.from({ length: Math.max(0, extra) }, blankRow)] };
}

/** "12.500.000", "12 500 000" or "12500000" → 12500000; anything else is not whole rupiah. */
function parseMoney(raw: string): number | undefined {
  const compact = raw.replace(/^rp\.?\s*/i, '').replace(/[.\s]/g, '');
  return /^\d{1,16}$/.test(compact) ? Number(compact) : undefined;
}
/** "2,5" or "2.5" → 2.5. */
function parseDecimal(raw: string): number | undefined {
  const normal = raw.trim().replace(',', '.');
  return /^\d{1,12}(\.\d{1,6})?$/.test(normal) ? Number(normal) : undefined;
}
const parseInteger = (raw: string) => (/^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : undefined);

const parseAs = (kind: TTermsInputKind, raw: string): unknown =>
  kind === 'money' ? parseMoney(raw) : kind === 'decimal' ? parseDecimal(raw) : kind === 'integer' ? parseInteger(raw) : raw.trim();

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys.at(-1)!] = value;
}

/**
 * The terms the use case takes, from the form, and the errors the page can tell before asking it (a number that
 * is not a number, a required field left blank). Blank item rows are left out; a blank value is the items'
 * total. Left-out row ids get fresh ones that no other row has.
 */
export function termsOfForm(form: TTermsForm, t: TTranslate): { terms: Record<string, unknown>; errors: TFormErrors } {
  const errors: TFormErrors = {};
  const terms: Record<string, unknown> = {};
  for (const f of TERMS_FIELDS) {
    const raw = (form.values[f.path] ?? '').trim();
    if (raw === '') {
      if (f.required) errors[`terms.${f.path}`] = t('contracts.error.required');
      continue;
    }
    const value = parseAs(f.kind, raw);
    if (value === undefined) errors[`terms.${f.path}`] = t(f.kind === 'money' ? 'contracts.error.money' : 'contracts.error.number');
    else setPath(terms, f.path, value);
  }
  const used = new Set(form.items.map((r) => r.id).filter(Boolean));
  let next = 1;
  const freshId = () => {
    while (used.has(`i${next}`)) next++;
    used.add(`i${next}`);
    return `i${next}`;
  };
  const items: Array<Record<string, unknown>> = [];
  form.items.forEach((row, index) => {
    if (ITEM_COLUMNS.every((c) => row[c.key].trim() === '')) return;
    const item: Record<string, unknown> = { id: row.id || freshId() };
    for (const c of ITEM_COLUMNS) {
      const raw = row[c.key].trim();
      const at = `terms.items.${index}.${c.key}`;
      if (raw === '') errors[at] = t('contracts.error.required');
      else {
        const value = parseAs(c.kind, raw);
        if (value === undefined) errors[at] = t(c.kind === 'money' ? 'contracts.error.money' : 'contracts.error.number');
        else item[c.key] = value;
      }
    }
    items.push(item);
  });
  if (items.length === 0) errors['terms.items.0.description'] = t('contracts.error.noItems');
  terms.items = items;
  if ((form.values.value ?? '').trim() === '' && items.every((i) => typeof i.quantity === 'number' && typeof i.unitPrice === 'number')) {
    terms.value = itemsTotal(items as Array<{ quantity: number; unitPrice: number }>);
  }
  return { terms, errors };
}

/**
 * The use case's field errors in the page's language, by path. Paths of item rows are those of the non-blank
 * rows sent; they are mapped back to the rows of the form.
 */
export function localizedTermsErrors(apiErrors: TFormErrors, form: TTermsForm, terms: Record<string, unknown>, t: TTranslate, formatMoney: (n: number) => string): TFormErrors {
  const rowIndex = form.items.flatMap((row, i) => (ITEM_COLUMNS.every((c) => row[c.key].trim() === '') ? [] : [i]));
  const out: TFormErrors = {};
  for (const [path, message] of Object.entries(apiErrors)) {
    const item = /^terms\.items\.(\d+)(?:\.(\w+))?/.exec(path);
    const formPath = item ? `terms.items.${rowIndex[Number(item[1])] ?? 0}.${item[2] && item[2] !== 'id' ? item[2] : 'description'}` : path.startsWith('terms.') || path === '_form' ? path : `terms.${path}`;
    let localized = t('contracts.error.invalid');
    if (formPath === 'terms.value') {
      const items = (terms.items ?? []) as Array<{ quantity: number; unitPrice: number }>;
      localized = t('contracts.error.valueTotal', { total: formatMoney(itemsTotal(items.filter((i) => typeof i.quantity === 'number' && typeof i.unitPrice === 'number'))) });
    } else if (formPath.endsWith('.nip')) localized = t('contracts.hint.nip');
    else if (formPath.endsWith('.npwp')) localized = t('contracts.hint.npwp');
    else if (/duplicate id/.test(message)) localized = t('contracts.error.duplicateItem');
    else if (/date|YYYY/i.test(message) || /[Dd]ate$/.test(formPath)) localized = t('contracts.error.date');
    else if (/too_small|>=|at least|positive|greater/i.test(message)) localized = t('contracts.error.tooSmall');
    else if (/too_big|<=|at most|less than|after/i.test(message)) localized = t('contracts.error.tooBig');
    out[formPath] ??= localized;
  }
  return out;
}

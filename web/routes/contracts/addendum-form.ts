import { contractEndDate, durationDaysBetween, ZIsoDateSchema, type TContractClause, type TContractItem, type TContractTerms } from '../../../domain/contract.schema';
import { applyAddendum, ZAddendumChangeSchema, type TAddendumChange } from '../../../domain/kinds/addendum/addendum.change';
import type { TFormErrors } from '../../components/form-errors';
import type { TTranslate } from '../../i18n/translate';

/**
 * The addendum form as typed (strings, by the paths the API names: `items.0.quantity`, `endDate`, `clauses.2.text`)
 * and its translation into the API's change (domain/kinds/addendum/addendum.change.ts), with every refusal as a
 * message in the page's language next to its field. The rows start as the terms in force; the PPK edits them
 * whole, as the API takes them.
 */

export interface TItemRow {
  /** The item's id; blank for a row the PPK adds (an id is made from the row's place). */
  id: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  remove: boolean;
}

export interface TClauseRow {
  id: string;
  heading: string;
  text: string;
}

export interface TAddendumForm {
  items: TItemRow[];
  endDate: string;
  clauses: TClauseRow[];
  justification: string;
  exceptionReason: string;
}

/** Blank rows offered for new items; "add a row" adds one more, up to the bound. */
export const NEW_ROWS = 2;
export const MAX_FORM_ROWS = 60;
export const TEXT_MAX = 4000;
const MIN_EXPLANATION = 20;

const quantityText = (q: number) => String(q).replace('.', ',');

/** The form filled from the terms in force, with blank rows for new items. */
export function formFromTerms(terms: TContractTerms): TAddendumForm {
  return {
    items: [
      ...terms.items.map((i) => ({ id: i.id, description: i.description, quantity: quantityText(i.quantity), unit: i.unit, unitPrice: String(i.unitPrice), remove: false })),
      ...Array.from({ length: NEW_ROWS }, blankRow),
    ],
    endDate: contractEndDate(terms),
    clauses: terms.clauses.map((c) => ({ ...c })),
    justification: '',
    exceptionReason: '',
  };
}

export const blankRow = (): TItemRow => ({ id: '', description: '', quantity: '', unit: '', unitPrice: '', remove: false });

/** A posted string; textareas send CRLF line ends, the terms keep LF. */
const str = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '');

/**
 * The form as posted. Rows of existing items keep their ids from the terms in force (never from the request);
 * at most MAX_FORM_ROWS rows and the clauses of the terms are read, so a request cannot make the page loop long.
 */
export function formFromBody(body: Record<string, unknown>, current: TContractTerms): TAddendumForm {
  const rows: TItemRow[] = [];
  for (let i = 0; i < MAX_FORM_ROWS; i++) {
    const at = (key: string) => body[`items.${i}.${key}`];
    if (i >= current.items.length && at('description') === undefined) break;
    rows.push({
      id: current.items[i]?.id ?? '',
      description: str(at('description')),
      quantity: str(at('quantity')),
      unit: str(at('unit')),
      unitPrice: str(at('unitPrice')),
      remove: i < current.items.length && str(at('remove')) === '1',
    });
  }
  return {
    items: rows,
    endDate: str(body.endDate),
    clauses: current.clauses.map((c, i) => ({
      id: c.id,
      heading: typeof body[`clauses.${i}.heading`] === 'string' ? str(body[`clauses.${i}.heading`]) : c.heading,
      text: typeof body[`clauses.${i}.text`] === 'string' ? str(body[`clauses.${i}.text`]) : c.text,
    })),
    justification: str(body.justification),
    exceptionReason: str(body.exceptionReason),
  };
}

const isBlank = (row: TItemRow) => !row.description.trim() && !row.quantity.trim() && !row.unit.trim() && !row.unitPrice.trim();

/** "2,5" or "2.5" → 2.5; "1.000" → 1000 (Indonesian thousands); anything else NaN. */
export function parseQuantity(raw: string): number {
  const text = raw.replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  if (!/^\d+([.,]\d+)?$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

/** "Rp 13.500.000", "13500000" → 13500000; anything but whole rupiah NaN. */
export function parseRupiah(raw: string): number {
  const text = raw.replace(/^\s*Rp\.?\s*/i, '').replace(/[\s.]/g, '');
  return /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
}

export interface TCheckedAddendum {
  change: TAddendumChange;
  /** The terms the addendum would put in force. */
  next: TContractTerms;
}

/**
 * The change the form asks for, checked like the API checks it (ZAddendumChangeSchema, applyAddendum), or the
 * errors by field in the page's language. Only what differs from the terms in force is sent.
 */
export function checkForm(form: TAddendumForm, current: TContractTerms, t: TTranslate, withException: boolean): { errors: TFormErrors } | TCheckedAddendum {
  const errors: TFormErrors = {};
  const items: TContractItem[] = [];
  const usedIds = new Set(current.items.map((i) => i.id));
  form.items.forEach((row, i) => {
    if (row.remove || (!row.id && isBlank(row))) return;
    const path = (key: string) => `items.${i}.${key}`;
    const description = row.description.trim();
    const unit = row.unit.trim();
    const quantity = parseQuantity(row.quantity);
    const unitPrice = parseRupiah(row.unitPrice);
    if (!description) errors[path('description')] = t('addenda.error.required');
    else if (description.length > 500) errors[path('description')] = t('addenda.error.tooLong', { max: 500 });
    if (!row.quantity.trim()) errors[path('quantity')] = t('addenda.error.required');
    else if (!(quantity > 0) || quantity > 1e9) errors[path('quantity')] = t('addenda.error.quantity');
    if (!unit) errors[path('unit')] = t('addenda.error.required');
    else if (unit.length > 500) errors[path('unit')] = t('addenda.error.tooLong', { max: 500 });
    if (!row.unitPrice.trim()) errors[path('unitPrice')] = t('addenda.error.required');
    else if (Number.isNaN(unitPrice)) errors[path('unitPrice')] = t('addenda.error.rupiah');
    let id = row.id;
    if (!id) {
      for (let n = i + 1; !id || usedIds.has(id); n++) id = `tambahan-${n}`;
      usedIds.add(id);
    }
    items.push({ id, description, quantity, unit, unitPrice });
  });
  if (items.length === 0) errors['items.0.description'] ??= t('addenda.error.noItems');

  const endDate = form.endDate.trim();
  if (!ZIsoDateSchema.safeParse(endDate).success) errors.endDate = t('addenda.error.date');
  else if (durationDaysBetween(current.startDate, endDate) < 1) errors.endDate = t('addenda.error.endBeforeStart', { start: current.startDate });

  const clauses: TContractClause[] = form.clauses.map((c) => ({ id: c.id, heading: c.heading.trim(), text: c.text.trim() }));
  clauses.forEach((c, i) => {
    if (!c.heading) errors[`clauses.${i}.heading`] = t('addenda.error.required');
    if (!c.text) errors[`clauses.${i}.text`] = t('addenda.error.required');
  });

  const justification = form.justification.trim();
  if (justification.length < MIN_EXPLANATION) errors.justification = t('addenda.error.explain', { min: MIN_EXPLANATION });
  else if (justification.length > TEXT_MAX) errors.justification = t('addenda.error.tooLong', { max: TEXT_MAX });
  const exceptionReason = form.exceptionReason.trim();
  if (withException) {
    if (exceptionReason.length < MIN_EXPLANATION) errors.exceptionReason = t('addenda.error.explain', { min: MIN_EXPLANATION });
    else if (exceptionReason.length > TEXT_MAX) errors.exceptionReason = t('addenda.error.tooLong', { max: TEXT_MAX });
  }
  if (Object.keys(errors).length > 0) return { errors };

  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const raw: Record<string, unknown> = { justification };
  if (!same(items, current.items)) raw.items = items;
  if (endDate !== contractEndDate(current)) raw.endDate = endDate;
  if (!same(clauses, current.clauses)) raw.clauses = clauses;
  if (withException) raw.exceptionReason = exceptionReason;
  if (!('items' in raw || 'endDate' in raw || 'clauses' in raw)) return { errors: { _form: t('addenda.error.noChange') } };

  const parsed = ZAddendumChangeSchema.safeParse(raw);
  if (!parsed.success) return { errors: localizedPaths(parsed.error.issues.map((i) => i.path.map(String).join('.')), t) };
  try {
    return { change: parsed.data, next: applyAddendum(current, parsed.data) };
  } catch (err) {
    const path = (err as Error).message.split(': ')[0] ?? '_form';
    return { errors: localizedPaths([path], t) };
  }
}

/** Refusals the page did not foresee (the API's own words are English): one message at each field named. */
export function localizedPaths(paths: string[], t: TTranslate): TFormErrors {
  const errors: TFormErrors = {};
  for (const path of paths) {
    const field = /^(items\.\d+\.\w+|clauses\.\d+\.\w+|endDate|justification|exceptionReason)$/.test(path) ? path : path === 'value' || path.startsWith('items') ? 'items.0.description' : '_form';
    errors[field] ??= t('addenda.error.invalid');
  }
  return errors;
}

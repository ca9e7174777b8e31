/**
 * The terms of a procurement contract (Surat Perjanjian) between the commitment-making official (PPK) and
 * the provider (penyedia): one version of what is negotiated, signed and later amended by addenda.
 * Amounts are whole rupiah; dates are ISO calendar dates (YYYY-MM-DD) with no time of day.
 */
import { z } from 'zod';
import { dayNumber, isoDateOf, MAX_ISO_DATE, MAX_WORKING_DAYS, ZIsoDateSchema } from './calendar';
import { formatDateId, formatNumberId } from './certificate';
import { ZCleanText } from './clean-text';
import { rupiahInWords, terbilang, TERBILANG_MAX } from './terbilang';

const text = ZCleanText().trim().min(1).max(500);
/** Clause bodies are the one long text of a contract. */
const longText = ZCleanText({ multiline: true }).trim().min(1).max(20_000);

/** The longest execution period: ten years (multi-year contracts run a few). */
export const MAX_DURATION_DAYS = 3660;
/** Bounds on the lists of a contract, so no request makes the API loop long. */
export const MAX_ITEMS = 1000;
export const MAX_PAYMENTS = 60;
export const MAX_CLAUSES = 200;

export { ZIsoDateSchema };

/** Ids of items, payments and clauses: they appear in diff paths (`items[id=i3]`), so no brackets or dots. */
export const ZEntryIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'ids are letters, digits, "-" and "_"');

/** Whole rupiah, small enough to be spelled out (terbilang). */
const rupiah = z.number().int().nonnegative().max(TERBILANG_MAX);

/**
 * NPWP: 15 digits (the old format, usually written 99.999.999.9-999.999) or 16 digits (NIK-based, since 2024).
 * Stored as digits only so that the same taxpayer always compares equal.
 */
export const ZNpwpSchema = z
  .string()
  .trim()
  .regex(/^(\d{15,16}|\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3})$/, 'NPWP has 15 or 16 digits (99.999.999.9-999.999 is accepted)')
  .overwrite((s) => s.replace(/\D/g, ''));

export const ZContractItemSchema = z.strictObject({
  id: ZEntryIdSchema,
  description: text,
  /** Volume; may be fractional (2,5 m³). */
  quantity: z.number().positive().max(1e9),
  unit: text,
  unitPrice: rupiah,
});
export type TContractItem = z.infer<typeof ZContractItemSchema>;

export const ZPaymentTermSchema = z.strictObject({
  id: ZEntryIdSchema,
  milestone: text,
  percent: z.number().positive().max(100),
});
export type TPaymentTerm = z.infer<typeof ZPaymentTermSchema>;

export const ZContractClauseSchema = z.strictObject({
  id: ZEntryIdSchema,
  heading: text,
  /** May contain placeholders such as {vendor.name} or {value}; see CLAUSE_PLACEHOLDERS. */
  text: longText,
});
export type TContractClause = z.infer<typeof ZContractClauseSchema>;

/** Reports a repeated id at `<index>.id` of the list being checked. */
function checkUniqueIds(entries: ReadonlyArray<{ id: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${e.id}"` });
    seen.add(e.id);
  });
}

/** Reports unknown placeholders at `<index>.text` of the list being checked. */
function checkClausePlaceholders(clauses: ReadonlyArray<{ text: string }>, ctx: z.RefinementCtx): void {
  clauses.forEach((c, i) => {
    const unknown = unknownPlaceholders(c.text);
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', path: [i, 'text'], message: `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}` });
    }
  });
}

/** Bill of quantities (daftar kuantitas dan harga): at least one item, ids unique. */
export const ZItemsSchema = z.array(ZContractItemSchema).min(1).max(MAX_ITEMS).superRefine(checkUniqueIds);

/** Payment terms: ids unique, percentages adding up to exactly 100. */
export const ZPaymentsSchema = z
  .array(ZPaymentTermSchema)
  .min(1)
  .max(MAX_PAYMENTS)
  .superRefine((payments, ctx) => {
    checkUniqueIds(payments, ctx);
    const percent = payments.reduce((s, p) => s + p.percent, 0);
    // Tolerance for binary fractions (33.33 + 33.33 + 33.34).
    if (Math.abs(percent - 100) > 1e-9) ctx.addIssue({ code: 'custom', message: `payment percentages add up to ${percent}, not 100` });
  });

/** Clauses: ids unique, every placeholder known. */
export const ZClausesSchema = z
  .array(ZContractClauseSchema)
  .min(1)
  .max(MAX_CLAUSES)
  .superRefine((clauses, ctx) => {
    checkUniqueIds(clauses, ctx);
    checkClausePlaceholders(clauses, ctx);
  });

/** Jaminan pelaksanaan: percent of the value, due within working days of the award. */
export const ZPerformanceGuaranteeSchema = z.strictObject({
  percent: z.number().min(0).max(100).default(5),
  dueWorkingDays: z.number().int().positive().max(MAX_WORKING_DAYS).default(14),
});

/** The fields of the terms, without the cross-field check (so that variants can be derived from it). */
const ZContractTermsFieldsSchema = z.strictObject({
  /** Nama paket, e.g. "Pengadaan Komputer Layanan Perizinan". */
  title: text,
  /** PIHAK PERTAMA. */
  ppk: z.strictObject({
    name: text,
    nip: z.string().regex(/^\d{18}$/, 'NIP has 18 digits'),
    position: text,
    /** Satuan kerja. */
    unit: text,
  }),
  /** PIHAK KEDUA, acting through its representative. */
  vendor: z.strictObject({
    name: text,
    npwp: ZNpwpSchema,
    address: text,
    representative: z.strictObject({ name: text, position: text }),
  }),
  /** Surat Penunjukan Penyedia Barang/Jasa (SPPBJ). */
  award: z.strictObject({ letterNumber: text, date: ZIsoDateSchema }),
  /** Contract value: always the items' total (see itemsTotal). */
  value: rupiah.positive(),
  startDate: ZIsoDateSchema,
  /** Calendar days, the start date counting as day one. */
  durationDays: z.number().int().positive().max(MAX_DURATION_DAYS),
  items: ZItemsSchema,
  payments: ZPaymentsSchema,
  performanceGuarantee: ZPerformanceGuaranteeSchema.default({ percent: 5, dueWorkingDays: 14 }),
  /** Delay penalty per calendar day, in thousandths of the value (1‰ is the standard rate). */
  delayPenaltyPerMille: z.number().min(0).max(1000).default(1),
  clauses: ZClausesSchema,
});

/** The checks across fields: the value is the items' total, and the contract ends by MAX_ISO_DATE. */
function checkTerms(
  t: { value: number; items: ReadonlyArray<Pick<TContractItem, 'quantity' | 'unitPrice'>>; startDate: string; durationDays: number },
  ctx: z.RefinementCtx,
): void {
  const total = itemsTotal(t.items);
  if (total !== t.value) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `value ${t.value} is not the items' total ${total}` });
  }
  const end = dayNumber(t.startDate) + t.durationDays - 1;
  if (t.startDate <= MAX_ISO_DATE && t.durationDays <= MAX_DURATION_DAYS && end > dayNumber(MAX_ISO_DATE)) {
    ctx.addIssue({ code: 'custom', path: ['durationDays'], message: `the contract would end after ${MAX_ISO_DATE}` });
  }
}

export const ZContractTermsSchema = ZContractTermsFieldsSchema.superRefine(checkTerms);

/**
 * The terms as a PPK drafts them or a party proposes them: clauses, payments and guarantee may be left out
 * and then come from the contract type's template (a draft) or the version on the table (a proposal).
 */
export const ZContractTermsDraftSchema = ZContractTermsFieldsSchema.extend({
  payments: ZPaymentsSchema.optional(),
  performanceGuarantee: ZPerformanceGuaranteeSchema.optional(),
  clauses: ZClausesSchema.optional(),
}).superRefine(checkTerms);
export type TContractTerms = z.infer<typeof ZContractTermsSchema>;
export type TContractTermsInput = z.input<typeof ZContractTermsSchema>;
export type TContractTermsDraft = z.infer<typeof ZContractTermsDraftSchema>;

// --- amounts and dates ---------------------------------------------------------------------------------

/** x rounded to whole rupiah, after trimming float noise (1.15 × 10 is 11.499999999999998, meant 11.5). */
function wholeRupiah(x: number, round: (n: number) => number = Math.round): number {
  return round(Number(x.toFixed(6)));
}

/** quantity × unitPrice, rounded half up to whole rupiah. */
export function lineTotal(item: Pick<TContractItem, 'quantity' | 'unitPrice'>): number {
  return wholeRupiah(item.quantity * item.unitPrice);
}

/** The sum of the rounded line totals (the "Jumlah" row). */
export function itemsTotal(items: ReadonlyArray<Pick<TContractItem, 'quantity' | 'unitPrice'>>): number {
  return items.reduce((s, i) => s + lineTotal(i), 0);
}

/** The last day of the execution period: start + duration − 1 (a 1-day contract ends on its start date). */
export function contractEndDate(terms: Pick<TContractTerms, 'startDate' | 'durationDays'>): string {
  return isoDateOf(dayNumber(terms.startDate) + terms.durationDays - 1);
}

/** Calendar days from start to end, both included: the inverse of contractEndDate. */
export function durationDaysBetween(startDate: string, endDate: string): number {
  return dayNumber(endDate) - dayNumber(startDate) + 1;
}

/** The delay penalty per calendar day: value × perMille / 1000, rounded. */
export function penaltyPerDay(terms: Pick<TContractTerms, 'value' | 'delayPenaltyPerMille'>): number {
  return wholeRupiah((terms.value * terms.delayPenaltyPerMille) / 1000);
}

/** The performance guarantee, rounded up: the bank's guarantee must not fall short of the percent. */
export function guaranteeAmount(terms: Pick<TContractTerms, 'value' | 'performanceGuarantee'>): number {
  return wholeRupiah((terms.value * terms.performanceGuarantee.percent) / 100, Math.ceil);
}

/** Each payment's amount: rounded down, the last taking the remainder so they add up to the value. */
export function paymentAmounts(value: number, payments: ReadonlyArray<Pick<TPaymentTerm, 'percent'>>): number[] {
  const amounts = payments.map((p) => wholeRupiah((value * p.percent) / 100, Math.floor));
  if (amounts.length) amounts[amounts.length - 1] = value - amounts.slice(0, -1).reduce((s, a) => s + a, 0);
  return amounts;
}

// --- formatting ----------------------------------------------------------------------------------------

/** 1250000 → "Rp 1.250.000". Whole rupiah only: a fraction here is a rounding bug upstream. */
export function formatRupiah(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`formatRupiah takes whole rupiah, got ${n}`);
  return `${n < 0 ? '-' : ''}Rp ${formatNumberId(Math.abs(n))}`;
}

/** 15 digits → "01.234.567.8-901.000"; a 16-digit NPWP is written as it is. */
export function formatNpwp(npwp: string): string {
  const m = /^(\d{2})(\d{3})(\d{3})(\d)(\d{3})(\d{3})$/.exec(npwp);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}-${m[5]}.${m[6]}` : npwp;
}

/** "2026-07-01" → "1 Juli 2026" (noon in the office's zone, so the calendar date never shifts). */
function formatIsoDate(iso: string): string {
  return formatDateId(new Date(`${iso}T12:00:00+07:00`));
}

function paymentSchedule(t: TContractTerms): string {
  const amounts = paymentAmounts(t.value, t.payments);
  return t.payments.map((p, i) => `${i + 1}. ${p.milestone}: ${formatNumberId(p.percent)}% (${formatRupiah(amounts[i]!)})`).join('\n');
}

/** What each clause placeholder becomes, in the form Indonesian contracts write it. */
const PLACEHOLDERS = {
  title: (t) => t.title,
  'ppk.name': (t) => t.ppk.name,
  'ppk.nip': (t) => t.ppk.nip,
  'ppk.position': (t) => t.ppk.position,
  'ppk.unit': (t) => t.ppk.unit,
  'vendor.name': (t) => t.vendor.name,
  'vendor.npwp': (t) => formatNpwp(t.vendor.npwp),
  'vendor.address': (t) => t.vendor.address,
  'vendor.representative.name': (t) => t.vendor.representative.name,
  'vendor.representative.position': (t) => t.vendor.representative.position,
  'award.letterNumber': (t) => t.award.letterNumber,
  'award.date': (t) => formatIsoDate(t.award.date),
  value: (t) => formatRupiah(t.value),
  valueWords: (t) => rupiahInWords(t.value),
  startDate: (t) => formatIsoDate(t.startDate),
  endDate: (t) => formatIsoDate(contractEndDate(t)),
  durationDays: (t) => String(t.durationDays),
  durationDaysWords: (t) => terbilang(t.durationDays),
  penaltyPerMille: (t) => formatNumberId(t.delayPenaltyPerMille),
  penaltyPerDay: (t) => formatRupiah(penaltyPerDay(t)),
  guaranteePercent: (t) => formatNumberId(t.performanceGuarantee.percent),
  guaranteeAmount: (t) => formatRupiah(guaranteeAmount(t)),
  guaranteeDueWorkingDays: (t) => String(t.performanceGuarantee.dueWorkingDays),
  /** Numbered lines "1. Uang muka: 20% (Rp 2.500.000)", one per payment. */
  payments: paymentSchedule,
} satisfies Record<string, (t: TContractTerms) => string>;

export const CLAUSE_PLACEHOLDERS: readonly string[] = Object.keys(PLACEHOLDERS);

/** `{name}` where name is an identifier path; other braces are left alone. */
const PLACEHOLDER_PATTERN = /\{([A-Za-z][A-Za-z0-9.]*)\}/g;

/** The placeholder names in a clause text, in order of appearance, without repeats. */
export function clausePlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]!))];
}

export function unknownPlaceholders(text: string): string[] {
  return clausePlaceholders(text).filter((p) => !Object.hasOwn(PLACEHOLDERS, p));
}

/** The clause text with every placeholder filled in; throws on an unknown one (a template out of step). */
export function fillClause(text: string, terms: TContractTerms): string {
  return text.replace(PLACEHOLDER_PATTERN, (_, name: string) => {
    if (!Object.hasOwn(PLACEHOLDERS, name)) throw new Error(`unknown placeholder {${name}}`);
    return PLACEHOLDERS[name as keyof typeof PLACEHOLDERS](terms);
  });
}

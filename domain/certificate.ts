/**
 * What a permit certificate shows, independent of how it is drawn. Pure: the renderer in documents/
 * takes a TCertificateData and nothing else, so the same data always gives the same PDF.
 */
import { z } from 'zod';
import { localDate, PONTIANAK_CALENDAR } from './calendar';
import type { TCaseType, TFieldDefinition } from './case-type.schema';

const line = z.string().trim().min(1);

export const ZCertificateFieldSchema = z.object({ label: line, value: line });
export type TCertificateField = z.infer<typeof ZCertificateFieldSchema>;

/** Shown when a permit has no end date (PBG stays valid while the building keeps to it). */
export const OPEN_ENDED_VALIDITY_TEXT = 'Berlaku selama bangunan/usaha memenuhi ketentuan';

export const ZCertificateDataSchema = z.object({
  office: z.object({
    /** Letterhead lines in capitals, e.g. "PEMERINTAH KABUPATEN KUBU RAYA", then the agency's name. */
    nameLines: z.array(line).min(1).max(3),
    /** Address and contact lines under the name. */
    addressLines: z.array(line).max(3),
  }),
  /** Heading, e.g. "PERSETUJUAN BANGUNAN GEDUNG". */
  title: line,
  /** The permit type's name in Bahasa Indonesia, used in the running text. */
  permitTypeName: line,
  permitNumber: line,
  registrationNumber: line,
  holder: z.object({ name: line, address: line }),
  /** Label/value pairs in display order (see certificateFields). */
  fields: z.array(ZCertificateFieldSchema),
  legalBasis: z.array(line),
  issuedAt: z.date(),
  /** null: no end date; openEndedValidityText (or OPEN_ENDED_VALIDITY_TEXT) is shown instead. */
  validUntil: z.date().nullable(),
  openEndedValidityText: line.optional(),
  conditions: z.array(line),
  verificationUrl: z.url({ protocol: /^https?$/ }),
  /** A short form of the document hash, printed under the QR code for manual checks. */
  shortHash: line.max(64),
  signer: z.object({ name: line, title: line, nip: line.optional() }),
  /** Where the permit is issued ("Ditetapkan di …"), e.g. "Sungai Raya". */
  placeOfIssue: line,
  /** Printed under the opening when the permit was deemed approved by law (a lapsed case). */
  deemedApproval: line.optional(),
});
export type TCertificateData = z.infer<typeof ZCertificateDataSchema>;

export const ZValiditySchema = z
  .union([z.strictObject({ years: z.number().int().min(1).max(50) }), z.strictObject({ months: z.number().int().min(1).max(600) })])
  .nullable();
export type TValidity = z.infer<typeof ZValiditySchema>;

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function formatIsoDateId(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS_ID[m! - 1]} ${y}`;
}

/** "28 November 2026": the date in the office's time zone (Asia/Pontianak), as Indonesian letters write it. */
export function formatDateId(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return formatIsoDateId(localDate(date, PONTIANAK_CALENDAR));
}

/**
 * The end of validity: the same office-local calendar date `validity` later (clamped to the month's last day,
 * so 31 January + 1 month is 28/29 February), at local midnight. null for a permit without end.
 */
export function validUntilFrom(issuedAt: Date, validity: TValidity): Date | null {
  if (!validity) return null;
  const [y, m, d] = localDate(issuedAt, PONTIANAK_CALENDAR).split('-').map(Number);
  const months = 'years' in validity ? validity.years * 12 : validity.months;
  const monthIndex = m! - 1 + months;
  const year = y! + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const day = Math.min(d!, new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  return new Date(Date.UTC(year, month, day) - PONTIANAK_CALENDAR.utcOffsetMinutes * 60_000);
}

/** 1250.5 → "1.250,5" (Indonesian separators), without depending on the runtime's locale data. */
export function formatNumberId(n: number): string {
  const text = String(n);
  if (!Number.isFinite(n) || /e/i.test(text)) return text;
  const [whole, fraction] = text.replace('-', '').split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** "sosial_budaya" → "Sosial budaya": the fallback when a layout gives no label for an option. */
function readableOption(option: string): string {
  const words = option.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface TCertificateFieldOptions {
  /** Field ids in display order; default: every field of the type in its order. */
  fieldsShown?: readonly string[];
  /** Labels that replace the type's label on the certificate (the form's hints do not belong there). */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Display text per enum option, by field id: { land_rights: { shm: "Hak Milik (SHM)" } }. */
  optionLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Text for a field left empty, by field id; without one, an empty field's row is left out. */
  emptyValues?: Readonly<Record<string, string>>;
}

function displayValue(f: TFieldDefinition, value: unknown, optionLabels: Readonly<Record<string, string>> | undefined): string {
  switch (f.type) {
    case 'enum':
      return optionLabels?.[String(value)] ?? readableOption(String(value));
    case 'boolean':
      return value ? 'Ya' : 'Tidak';
    case 'number':
    case 'integer':
      return typeof value === 'number' ? formatNumberId(value) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatIsoDateId(value) : String(value);
    case 'text':
      return String(value).trim();
  }
}

/**
 * The certificate's label/value rows from a case type and the applicant's field values: Indonesian labels
 * from the type (or the layout's override), enum options readable, numbers and dates in Indonesian form.
 * Throws on a shown field the type does not define (a layout out of step with the catalog).
 */
export function certificateFields(type: TCaseType, values: Readonly<Record<string, unknown>>, options: TCertificateFieldOptions = {}): TCertificateField[] {
  const ids = options.fieldsShown ?? type.fields.map((f) => f.id);
  const rows: TCertificateField[] = [];
  for (const id of ids) {
    const f = type.fields.find((field) => field.id === id);
    if (!f) throw new Error(`field "${id}" is not a field of case type "${type.id}"`);
    const label = options.fieldLabels?.[id] ?? f.label.id;
    const raw = values[id];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      const text = options.emptyValues?.[id];
      if (text) rows.push({ label, value: text });
      continue;
    }
    rows.push({ label, value: displayValue(f, raw, options.optionLabels?.[id]) });
  }
  return rows;
}

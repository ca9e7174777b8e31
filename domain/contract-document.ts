/**
 * What a procurement contract (Surat Perjanjian) and its addenda show, independent of how they are drawn.
 * Pure: the renderers in documents/render/ (contract-pdf.ts, addendum-pdf.ts, termination-notice-pdf.ts) takes one of these and nothing else, so the same data
 * always gives the same PDF. Text arrives already filled in and formatted (clauses, the amount in words);
 * numbers and dates are formatted by the renderer with formatNumberId / formatDateId.
 *
 * A draft has no number (contractNumber / addendumNumber null): it is printed with a DRAFT watermark and
 * "Nomor: (diisi setelah penandatanganan)". A numbered document must carry its signing date and the
 * verification URL and short code printed beside its QR code.
 */
import { z } from 'zod';
import { localDate, PONTIANAK_CALENDAR } from './calendar';
import { ZCertificateDataSchema } from './certificate';
import { terbilang } from './terbilang';

const line = z.string().trim().min(1);
/** Running text: may hold several paragraphs separated by line breaks. */
const text = z.string().trim().min(1);
/** Whole rupiah. */
const rupiah = z.number().int().nonnegative();

/** The letterhead (kop surat): the same shape as the certificate's. */
export const ZLetterheadSchema = ZCertificateDataSchema.shape.office;
export type TLetterhead = z.infer<typeof ZLetterheadSchema>;

export const ZContractPartiesSchema = z.object({
  /** PIHAK PERTAMA: the commitment-making official (Pejabat Pembuat Komitmen). */
  ppk: z.object({
    name: line,
    nip: line,
    /** e.g. "Pejabat Pembuat Komitmen". */
    position: line,
    /** The work unit (satuan kerja) the PPK acts for, e.g. "Dinas Penanaman Modal dan PTSP Kabupaten Kubu Raya". */
    unit: line,
  }),
  /** PIHAK KEDUA: the provider (penyedia), acting through its representative. */
  vendor: z.object({
    name: line,
    npwp: line,
    address: line,
    representative: z.object({ name: line, position: line }),
  }),
});
export type TContractParties = z.infer<typeof ZContractPartiesSchema>;

export const ZContractItemSchema = z.object({
  no: z.number().int().positive(),
  description: line,
  /** Volume; may be fractional (2,5 m³). */
  quantity: z.number().positive().finite(),
  unit: line,
  unitPrice: rupiah,
  total: rupiah,
});
export type TContractItem = z.infer<typeof ZContractItemSchema>;

export const ZContractClauseSchema = z.object({ heading: line, text });
export type TContractClause = z.infer<typeof ZContractClauseSchema>;

export const ZPaymentMilestoneSchema = z.object({ milestone: line, percent: z.number().positive().max(100) });
export type TPaymentMilestone = z.infer<typeof ZPaymentMilestoneSchema>;

/** An amount added under the items' sum, e.g. { label: "PPN 11%", amount: 1_234_000 }. */
export const ZContractTaxSchema = z.object({ label: line, amount: rupiah });
export type TContractTax = z.infer<typeof ZContractTaxSchema>;

/** Verification is optional for a draft only; url and code come together. */
function checkNumbered(
  d: { verificationUrl?: string | undefined; shortCode?: string | undefined; date: Date | null },
  numbered: boolean,
  numberField: string,
  ctx: z.RefinementCtx,
): void {
  if ((d.verificationUrl === undefined) !== (d.shortCode === undefined)) {
    ctx.addIssue({ code: 'custom', path: [d.verificationUrl === undefined ? 'verificationUrl' : 'shortCode'], message: 'verificationUrl and shortCode come together' });
  }
  if (!numbered) return;
  if (d.verificationUrl === undefined) ctx.addIssue({ code: 'custom', path: ['verificationUrl'], message: `required when ${numberField} is set` });
  if (d.date === null) ctx.addIssue({ code: 'custom', path: ['date'], message: `required when ${numberField} is set` });
}

const verification = {
  verificationUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** A short form of the document's identity, printed under the QR code for manual checks. */
  shortCode: line.max(64).optional(),
};

export const ZContractDocumentSchema = z
  .object({
    office: ZLetterheadSchema,
    /** e.g. "SURAT PERJANJIAN PENGADAAN BARANG". */
    title: line,
    /** null: a draft. */
    contractNumber: line.nullable(),
    /** Printed in the running footer ("Versi 3"). */
    version: z.number().int().positive(),
    /** Nama paket. */
    packageName: line,
    /** Where the contract is signed, e.g. "Sungai Raya". */
    place: line,
    /** The signing date; null while a draft is not yet scheduled. */
    date: z.date().nullable(),
    parties: ZContractPartiesSchema,
    /** Surat Penunjukan Penyedia Barang/Jasa (SPPBJ). */
    award: z.object({ letterNumber: line, date: z.date() }),
    /** Contract value in whole rupiah: the items' totals plus taxes. */
    value: rupiah,
    /** The value in words, e.g. "satu juta dua ratus tiga puluh empat ribu lima ratus rupiah". */
    valueWords: line,
    startDate: z.date(),
    endDate: z.date(),
    /** Calendar days of the execution period. */
    durationDays: z.number().int().positive(),
    items: z.array(ZContractItemSchema).min(1),
    taxes: z.array(ZContractTaxSchema).optional(),
    clauses: z.array(ZContractClauseSchema).min(1),
    payments: z.array(ZPaymentMilestoneSchema).min(1),
    ...verification,
  })
  .superRefine((d, ctx) => {
    d.items.forEach((item, i) => {
      if (Math.abs(item.total - item.quantity * item.unitPrice) >= 1) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'total'], message: `total ${item.total} is not quantity × unitPrice (${item.quantity * item.unitPrice})` });
      }
    });
    const sum = [...d.items.map((i) => i.total), ...(d.taxes ?? []).map((t) => t.amount)].reduce((s, n) => s + n, 0);
    if (sum !== d.value) ctx.addIssue({ code: 'custom', path: ['value'], message: `value ${d.value} is not the items' totals plus taxes (${sum})` });
    const percent = d.payments.reduce((s, p) => s + p.percent, 0);
    if (Math.abs(percent - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['payments'], message: `payment percentages add up to ${percent}, not 100` });
    if (d.endDate.getTime() < d.startDate.getTime()) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'ends before it starts' });
    checkNumbered(d, d.contractNumber !== null, 'contractNumber', ctx);
  });
export type TContractDocument = z.infer<typeof ZContractDocumentSchema>;

export const ZAddendumChangeSchema = z.object({ label: line, before: line, after: line });
export type TAddendumChange = z.infer<typeof ZAddendumChangeSchema>;

export const ZAddendumDocumentSchema = z
  .object({
    office: ZLetterheadSchema,
    /** e.g. "ADENDUM KE-1 SURAT PERJANJIAN PENGADAAN BARANG". */
    title: line,
    /** null: a draft. */
    addendumNumber: line.nullable(),
    /** The contract this addendum amends. */
    contractNumber: line,
    /** The contract's signing date, named in the reference when given. */
    contractDate: z.date().optional(),
    /** Nama paket, named in the reference when given. */
    packageName: line.optional(),
    /** 1 for the first addendum (Adendum ke-1), 2, … */
    sequence: z.number().int().positive(),
    /** Why the contract changes; may hold several paragraphs. */
    justification: text,
    changes: z.array(ZAddendumChangeSchema).min(1),
    newValue: rupiah,
    newValueWords: line,
    newEndDate: z.date(),
    parties: ZContractPartiesSchema,
    place: line,
    date: z.date().nullable(),
    ...verification,
  })
  .superRefine((d, ctx) => checkNumbered(d, d.addendumNumber !== null, 'addendumNumber', ctx));
export type TAddendumDocument = z.infer<typeof ZAddendumDocumentSchema>;

/**
 * The notice that ends a contract early (Surat Pemutusan Kontrak): from the PPK to the vendor, naming the
 * contract, the terms in force and the reason, issued once the termination passed legal review. Always
 * numbered and dated: there is no draft of a notice.
 */
export const ZTerminationNoticeDocumentSchema = z.object({
  office: ZLetterheadSchema,
  /** "SURAT PEMUTUSAN KONTRAK". */
  title: line,
  noticeNumber: line,
  /** The contract it ends, and the contract's signing date when known. */
  contractNumber: line,
  contractDate: z.date().optional(),
  packageName: line,
  /** The value in force (after signed addenda), in whole rupiah, and in words. */
  value: rupiah,
  valueWords: line,
  parties: ZContractPartiesSchema,
  /** Why the PPK ends the contract; may hold several paragraphs. */
  reason: text,
  place: line,
  /** The day the termination takes effect, printed as the notice's date. */
  date: z.date(),
  /** The QR code checks the register entry of the contract it ends (terminated, with the reason and date). */
  verificationUrl: verification.verificationUrl.unwrap(),
  shortCode: verification.shortCode.unwrap(),
});
export type TTerminationNoticeDocument = z.infer<typeof ZTerminationNoticeDocumentSchema>;

// --- the signing day in words ---------------------------------------------------------------------------

const WEEKDAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/**
 * The signing day as a contract's opening spells it, on the office calendar:
 * "Senin tanggal dua puluh delapan bulan Desember tahun dua ribu dua puluh enam (28-12-2026)".
 */
export function formatSigningDayId(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const iso = localDate(date, PONTIANAK_CALENDAR);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS_ID[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
  return `${weekday} tanggal ${terbilang(d)} bulan ${MONTHS_ID[m - 1]} tahun ${terbilang(y)} (${iso.slice(8)}-${iso.slice(5, 7)}-${y})`;
}

import { contractEndDate, fillClause, formatNpwp, formatRupiah, lineTotal } from '../../domain/contract.schema';
import { formatNumberId } from '../../domain/certificate';
import { diffTerms } from '../../domain/contract-diff';
import type { TTermsDiffEntry } from '../../domain/contract-diff';
import type { TContractTerms } from '../../domain/contract.schema';
import { ZAddendumDocumentSchema, ZContractDocumentSchema, ZTerminationNoticeDocumentSchema } from '../../domain/contract-document';
import type { TAddendumDocument, TContractDocument, TTerminationNoticeDocument } from '../../domain/contract-document';
import type { TContractType } from '../../domain/contract-type.schema';
import { rupiahInWords } from '../../domain/terbilang';
import type { TOffice } from '../../domain/certificate-layout.schema';
import { unitLetterhead } from '../../domain/office-letterhead';

/** The type's name as a title, read once: the names in the data already begin with "Surat Perjanjian". */
const contractTitle = (type: TContractType) => `SURAT PERJANJIAN ${type.name.id.replace(/^surat perjanjian\s+/i, '').toUpperCase()}`;

export interface TComposeContractInput {
  office: TOffice;
  type: TContractType;
  terms: TContractTerms;
  version: number;
  /** null for a draft (watermarked, no number). */
  number: string | null;
  signedOn: Date | null;
  verification?: { url: string; code: string };
}

const isoDay = (d: string) => new Date(`${d}T00:00:00+07:00`);

/** The contract document's data, from the type's template, the office and one version of the terms. */
export function composeContractDocument(input: TComposeContractInput): TContractDocument {
  const { terms, type, office } = input;
  return ZContractDocumentSchema.parse({
    office: unitLetterhead(office, terms.ppk.unit),
    title: contractTitle(type),
    contractNumber: input.number,
    version: input.version,
    packageName: terms.title,
    place: office.placeOfIssue,
    date: input.signedOn,
    parties: {
      ppk: terms.ppk,
      vendor: { ...terms.vendor, npwp: formatNpwp(terms.vendor.npwp) },
    },
    award: { letterNumber: terms.award.letterNumber, date: isoDay(terms.award.date) },
    value: terms.value,
    valueWords: rupiahInWords(terms.value),
    startDate: isoDay(terms.startDate),
    endDate: isoDay(contractEndDate(terms)),
    durationDays: terms.durationDays,
    items: terms.items.map((item, i) => ({
      no: i + 1,
      description: item.description,
      quantity: item.quantity,
      unit: item.unit,
      unitPrice: item.unitPrice,
      total: lineTotal(item),
    })),
    clauses: terms.clauses.map((c) => ({ heading: c.heading, text: fillClause(c.text, terms) })),
    payments: terms.payments.map((p) => ({ milestone: p.milestone, percent: p.percent })),
    ...(input.verification ? { verificationUrl: input.verification.url, shortCode: input.verification.code } : {}),
  });
}

const CHANGE_LABELS: Record<string, string> = {
  value: 'Nilai kontrak',
  durationDays: 'Jangka waktu (hari kalender)',
  startDate: 'Tanggal mulai',
  title: 'Nama paket',
};

/** One diff entry as a row of the addendum's Semula → Menjadi table, in words a reader of the contract uses. */
function changeRow(entry: TTermsDiffEntry, base: TContractTerms, next: TContractTerms): { label: string; before: string; after: string } {
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return '-';
    if (typeof v === 'number') return entry.path === 'value' || /unitPrice/.test(entry.path) ? formatRupiah(v) : formatNumberId(v);
    if (typeof v === 'object') {
      const o = v as { description?: string; heading?: string; quantity?: number; unit?: string; unitPrice?: number };
      if (o.description) return `${o.description} (${formatNumberId(o.quantity ?? 0)} ${o.unit ?? ''} × ${formatRupiah(o.unitPrice ?? 0)})`;
      if (o.heading) return o.heading;
      return JSON.stringify(v);
    }
    return String(v);
  };
  const item = /^items\[id=([^\]]+)\](?:\.(\w+))?$/.exec(entry.path);
  let label = CHANGE_LABELS[entry.path] ?? entry.path;
  if (item) {
    const found = [...next.items, ...base.items].find((i) => i.id === item[1]);
    const field = { unitPrice: 'harga satuan', quantity: 'volume', description: 'uraian', unit: 'satuan' }[item[2] ?? ''] ?? 'item';
    label = `${found?.description ?? item[1]}: ${field}`;
  } else if (entry.path.startsWith('clauses')) {
    label = 'Pasal';
  }
  return { label, before: show(entry.before), after: show(entry.after) };
}

export interface TComposeAddendumInput {
  office: TOffice;
  type: TContractType;
  base: TContractTerms;
  next: TContractTerms;
  contractNumber: string;
  sequence: number;
  justification: string;
  number: string | null;
  signedOn: Date | null;
  verification?: { url: string; code: string };
}

/** The addendum document: what changes from the current terms, Semula → Menjadi, and the new value and end. */
export function composeAddendumDocument(input: TComposeAddendumInput): TAddendumDocument {
  const { base, next } = input;
  const changes = diffTerms(base, next)
    .filter((e) => !e.path.endsWith('[order]'))
    .map((e) => changeRow(e, base, next));
  return ZAddendumDocumentSchema.parse({
    office: unitLetterhead(input.office, next.ppk.unit),
    title: `ADENDUM KE-${input.sequence} ${contractTitle(input.type)}`,
    addendumNumber: input.number,
    contractNumber: input.contractNumber,
    packageName: next.title,
    sequence: input.sequence,
    justification: input.justification,
    changes: changes.length > 0 ? changes : [{ label: 'Perubahan', before: '-', after: '-' }],
    newValue: next.value,
    newValueWords: rupiahInWords(next.value),
    newEndDate: isoDay(contractEndDate(next)),
    parties: { ppk: next.ppk, vendor: { ...next.vendor, npwp: formatNpwp(next.vendor.npwp) } },
    place: input.office.placeOfIssue,
    date: input.signedOn,
    ...(input.verification ? { verificationUrl: input.verification.url, shortCode: input.verification.code } : {}),
  });
}

export interface TComposeTerminationInput {
  office: TOffice;
  /** The terms in force when the contract ends (the agreed version with signed addenda). */
  terms: TContractTerms;
  noticeNumber: string;
  contractNumber: string;
  contractSignedOn?: Date;
  reason: string;
  /** The day the termination takes effect. */
  date: Date;
  /** The verification of the contract it ends: the register shows that contract terminated, with the reason. */
  verification: { url: string; code: string };
}

/** The termination notice's data: who ends which contract, worth what, from when and why. */
export function composeTerminationNotice(input: TComposeTerminationInput): TTerminationNoticeDocument {
  const { terms, office } = input;
  return ZTerminationNoticeDocumentSchema.parse({
    office: unitLetterhead(office, terms.ppk.unit),
    title: 'SURAT PEMUTUSAN KONTRAK',
    noticeNumber: input.noticeNumber,
    contractNumber: input.contractNumber,
    ...(input.contractSignedOn ? { contractDate: input.contractSignedOn } : {}),
    packageName: terms.title,
    value: terms.value,
    valueWords: rupiahInWords(terms.value),
    parties: { ppk: terms.ppk, vendor: { ...terms.vendor, npwp: formatNpwp(terms.vendor.npwp) } },
    reason: input.reason,
    place: office.placeOfIssue,
    date: input.date,
    verificationUrl: input.verification.url,
    shortCode: input.verification.code,
  });
}

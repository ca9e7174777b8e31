import { contractEndDate, fillClause, formatNpwp, lineTotal } from '../domain/contract.schema';
import type { TContractTerms } from '../domain/contract.schema';
import { ZContractDocumentSchema } from '../domain/contract-document';
import type { TContractDocument } from '../domain/contract-document';
import type { TContractType } from '../domain/contract-type.schema';
import { rupiahInWords } from '../domain/terbilang';
import type { TOffice } from './certificate-layout';

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
    office: { nameLines: office.nameLines, addressLines: office.addressLines },
    title: `SURAT PERJANJIAN ${type.name.id.toUpperCase()}`,
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

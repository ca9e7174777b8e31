/**
 * A certificate layout and the office letterhead (domain/certificate-layout.schema.ts), with a case, make
 * the TCertificateData the renderer draws.
 */
import type { TCaseType } from '../../domain/case-type.schema';
import {
  certificateFields,
  validUntilFrom,
  ZCertificateDataSchema,
  type TCertificateData,
  type TValidity,
} from '../../domain/certificate';
import type { TCertificateLayout, TOffice } from '../../domain/certificate-layout.schema';

/** The layout's validity for this case: the requested months when the layout names such a field, capped by the layout. */
function caseValidity(layout: TCertificateLayout, fields: Readonly<Record<string, unknown>>): TValidity {
  const requested = layout.validityMonthsField ? fields[layout.validityMonthsField] : undefined;
  if (!layout.validity || typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1) return layout.validity;
  const cap = 'years' in layout.validity ? layout.validity.years * 12 : layout.validity.months;
  return { months: Math.min(requested, cap) };
}

export interface TComposeCertificateInput {
  office: TOffice;
  layout: TCertificateLayout;
  type: TCaseType;
  permitNumber: string;
  registrationNumber: string;
  holder: { name: string; address: string };
  /** The applicant's field values as submitted (validated against the type). */
  fields: Readonly<Record<string, unknown>>;
  issuedAt: Date;
  verificationUrl: string;
  shortHash: string;
  /** The signer's own title wins over the office's default. */
  signer: { name: string; nip?: string; title?: string };
  /** A lapsed case deemed approved by law: the line the certificate carries (DEEMED_APPROVAL_LINE). */
  deemedApproval?: string;
}

/** The validated data of one certificate, from the office, the type's layout and the case. */
export function composeCertificateData(input: TComposeCertificateInput): TCertificateData {
  const { office, layout, type } = input;
  if (layout.typeId !== type.id) throw new Error(`layout "${layout.typeId}" does not belong to permit type "${type.id}"`);
  return ZCertificateDataSchema.parse({
    office: { nameLines: office.nameLines, addressLines: office.addressLines },
    title: layout.title,
    permitTypeName: type.name.id,
    permitNumber: input.permitNumber,
    registrationNumber: input.registrationNumber,
    holder: input.holder,
    fields: certificateFields(type, input.fields, layout),
    legalBasis: layout.legalBasis,
    issuedAt: input.issuedAt,
    validUntil: validUntilFrom(input.issuedAt, caseValidity(layout, input.fields)),
    openEndedValidityText: layout.openEndedValidityText,
    conditions: layout.conditions,
    verificationUrl: input.verificationUrl,
    shortHash: input.shortHash,
    signer: { name: input.signer.name, nip: input.signer.nip, title: input.signer.title ?? office.signerTitle },
    placeOfIssue: office.placeOfIssue,
    deemedApproval: input.deemedApproval,
  });
}

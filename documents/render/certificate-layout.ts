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

/**
 * Checks layouts against the permit-type catalog: one layout per type and none extra, shown fields and
 * labelled options that the type defines. Throws listing every problem.
 */
export function assertLayoutsMatchCatalog(layouts: ReadonlyMap<string, TCertificateLayout>, catalog: ReadonlyMap<string, TCaseType>): void {
  const problems: string[] = [];
  for (const id of catalog.keys()) if (!layouts.has(id)) problems.push(`no certificate layout for permit type "${id}"`);
  for (const [id, layout] of layouts) {
    const type = catalog.get(id);
    if (!type) {
      problems.push(`layout "${id}": no such permit type`);
      continue;
    }
    const fieldOf = (fid: string) => type.fields.find((f) => f.id === fid);
    const keyed = [...layout.fieldsShown, ...Object.keys({ ...layout.fieldLabels, ...layout.optionLabels, ...layout.emptyValues })];
    if (layout.validityMonthsField) keyed.push(layout.validityMonthsField);
    for (const fid of new Set(keyed)) if (!fieldOf(fid)) problems.push(`layout "${id}": "${fid}" is not a field of the type`);
    for (const [fid, labels] of Object.entries(layout.optionLabels ?? {})) {
      const options = fieldOf(fid)?.options ?? [];
      for (const option of Object.keys(labels)) if (!options.includes(option)) problems.push(`layout "${id}": "${fid}" has no option "${option}"`);
      for (const option of options) if (!(option in labels)) problems.push(`layout "${id}": option "${fid}.${option}" has no label`);
    }
    const monthsField = layout.validityMonthsField && fieldOf(layout.validityMonthsField);
    if (monthsField && monthsField.type !== 'integer') problems.push(`layout "${id}": validityMonthsField "${monthsField.id}" must be an integer field`);
  }
  if (problems.length) throw new Error(`certificate layouts do not match the catalog:\n${problems.join('\n')}`);
}

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
  });
}

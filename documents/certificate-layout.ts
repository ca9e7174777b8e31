/**
 * Certificate layouts (templates/certificates/<type>.json) and the office letterhead (office.json):
 * validated data that, with a case, makes the TCertificateData the renderer draws.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TCaseType } from '../domain/case-type.schema';
import {
  certificateFields,
  validUntilFrom,
  ZCertificateDataSchema,
  ZValiditySchema,
  type TCertificateData,
  type TValidity,
} from '../domain/certificate';
import { templatePlaceholders } from '../domain/permit-number';

export const CERTIFICATES_DIR = path.resolve(__dirname, '..', 'templates', 'certificates');
export const OFFICE_FILE_NAME = 'office.json';
export const OFFICE_FILE = path.join(CERTIFICATES_DIR, OFFICE_FILE_NAME);

const text = z.string().trim().min(1);
const fieldId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'field ids are identifiers');

export const ZCertificateLayoutSchema = z
  .strictObject({
    typeId: z.string().regex(/^[a-z][a-z0-9-]*$/, 'type ids are lower-case slugs'),
    /** Heading in capitals, e.g. "PERSETUJUAN BANGUNAN GEDUNG". */
    title: text,
    /** e.g. "644/{seq}/PBG/DPMPTSP/{romanMonth}/{year}" (see domain/permit-number). */
    numberTemplate: text.superRefine((template, ctx) => {
      try {
        templatePlaceholders(template);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
    /** { years } or { months } from the date of issue; null: valid without end. */
    validity: ZValiditySchema,
    /** An integer field giving the requested months (e.g. reklame's duration), capped by `validity`. */
    validityMonthsField: fieldId.optional(),
    /** Replaces the default text for a permit without end. */
    openEndedValidityText: text.optional(),
    legalBasis: z.array(text).min(1),
    fieldsShown: z.array(fieldId).min(1),
    fieldLabels: z.record(fieldId, text).optional(),
    optionLabels: z.record(fieldId, z.record(z.string(), text)).optional(),
    emptyValues: z.record(fieldId, text).optional(),
    conditions: z.array(text).min(1),
  })
  .superRefine((layout, ctx) => {
    const seen = new Set<string>();
    layout.fieldsShown.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['fieldsShown', i], message: `duplicate field "${id}"` });
      seen.add(id);
    });
    if (layout.validityMonthsField && !layout.validity) {
      ctx.addIssue({ code: 'custom', path: ['validityMonthsField'], message: 'needs a validity to cap it' });
    }
  });
export type TCertificateLayout = z.infer<typeof ZCertificateLayoutSchema>;

export const ZOfficeSchema = z.strictObject({
  /** Where the letterhead data comes from and who confirms it. */
  source: z.string().optional(),
  nameLines: z.array(text).min(1).max(3),
  addressLines: z.array(text).max(3),
  placeOfIssue: text,
  signerTitle: text,
});
export type TOffice = z.infer<typeof ZOfficeSchema>;

/** A path for messages: relative to the working directory when inside it, absolute otherwise. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function readJson(file: string): unknown {
  let body: string;
  try {
    body = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${shown(file)}: cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new Error(`${shown(file)}: not valid JSON: ${(err as Error).message}`);
  }
}

function parseFile<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(readJson(file));
  if (parsed.success) return parsed.data;
  throw new Error(
    parsed.error.issues
      .map((issue) => `${shown(file)}: ${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
      .join('\n'),
  );
}

/** Every `.json` of `dir` but office.json, by type id. Throws naming the file and the path inside it. */
export function loadCertificateLayouts(dir: string = CERTIFICATES_DIR): Map<string, TCertificateLayout> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json') && n !== OFFICE_FILE_NAME).sort();
  } catch (err) {
    throw new Error(`certificate layouts ${shown(dir)}: cannot read the folder: ${(err as Error).message}`);
  }
  const layouts = new Map<string, TCertificateLayout>();
  const fileOf = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const layout = parseFile(file, ZCertificateLayoutSchema);
    const other = fileOf.get(layout.typeId);
    if (other) throw new Error(`${shown(file)}: typeId: duplicate layout for "${layout.typeId}" (already in ${shown(other)})`);
    fileOf.set(layout.typeId, file);
    layouts.set(layout.typeId, layout);
  }
  return layouts;
}

export function loadOffice(file: string = OFFICE_FILE): TOffice {
  return parseFile(file, ZOfficeSchema);
}

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

/**
 * Certificate layouts (templates/certificates/<type>.json) and the office letterhead (office.json): the
 * shape of that data. Loaded by store/certificate-layouts.ts; composed into certificates by documents/.
 */
import { z } from 'zod';
import { ZValiditySchema } from './certificate';
import { templatePlaceholders } from './number-template';

const text = z.string().trim().min(1);
const fieldId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'field ids are identifiers');

export const ZCertificateLayoutSchema = z
  .strictObject({
    typeId: z.string().regex(/^[a-z][a-z0-9-]*$/, 'type ids are lower-case slugs'),
    /** Heading in capitals, e.g. "PERSETUJUAN BANGUNAN GEDUNG". */
    title: text,
    /** e.g. "644/{seq}/PBG/DPMPTSP/{romanMonth}/{year}" (see domain/number-template.ts). */
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

/** A work unit (satuan kerja) of the regency with its own letterhead, e.g. the Dinas PUPR a PPK acts for. */
export const ZOfficeUnitSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** How a PPK's `unit` may spell this unit (compared without case and extra spaces). */
  names: z.array(text).min(1),
  nameLines: z.array(text).min(1).max(3),
  addressLines: z.array(text).max(3),
});
export type TOfficeUnit = z.infer<typeof ZOfficeUnitSchema>;

export const ZOfficeSchema = z.strictObject({
  /** Where the letterhead data comes from and who confirms it. */
  source: z.string().optional(),
  nameLines: z.array(text).min(1).max(3),
  addressLines: z.array(text).max(3),
  /** The government the office belongs to, e.g. "Pemerintah Kabupaten Kubu Raya" (certificates' organisation). */
  government: text,
  /** The region it serves, e.g. "Kabupaten Kubu Raya" (where signatures are made). */
  regency: text,
  /** The office's short name, e.g. "DPMPTSP Kabupaten Kubu Raya" (notices' sender, the root CA's name). */
  shortName: text,
  /** The address notices are sent from (the worker's default SMTP sender). */
  mailAddress: z.email(),
  placeOfIssue: text,
  signerTitle: text,
  /** The units whose officials sign documents on their own letterhead (contracts carry the PPK's unit). */
  units: z.array(ZOfficeUnitSchema).default([]),
});
export type TOffice = z.infer<typeof ZOfficeSchema>;

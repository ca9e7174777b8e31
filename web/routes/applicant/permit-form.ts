import type { ZodError, ZodType } from 'zod';
import type { TCaseType, TDocumentRequirement, TFieldDefinition } from '../../../domain/case-type.schema';
import { fieldsSchema } from '../../../domain/fields.schema';
import { ZApplicantSchema } from '../../../api/schemas';
import type { TFormErrors } from '../../components/form-errors';
import type { TTranslate } from '../../i18n/translate';
import type { TFormatters } from '../../i18n/format';

/**
 * The permit form between the page and the use case: inputs are named by the API's paths (`fields.size_m2`,
 * `applicant.nik`, `documents.ktp`), typed values are made from what was typed, and zod's issues become
 * messages in the page's language next to the field they concern. The use case validates again.
 */

export const APPLICANT_KEYS = ['name', 'nik', 'email', 'phone', 'address'] as const;
export type TApplicantKey = (typeof APPLICANT_KEYS)[number];

/** An upload kept by a draft: the documents use case stored it already, the draft keeps its id. */
export interface TDraftDocument {
  id: string;
  name: string;
  bytes: number;
  mediaType: string;
}

/** What the applicant typed, as typed (strings), so that a page with errors shows it again. */
export interface TTypedForm {
  fields: Record<string, string>;
  applicant: Partial<Record<TApplicantKey, string>>;
  documents: Record<string, TDraftDocument>;
}

/** The typed value of one field from what was typed; left as text when it is not one, so zod says why. */
export function typedValue(f: TFieldDefinition, raw: string | undefined): unknown {
  if (raw === undefined || raw.trim() === '') return undefined;
  switch (f.type) {
    case 'number':
    case 'integer': {
      // "8,5" is how Indonesians write 8.5; a lone comma with digits on both sides is the decimal separator.
      const compact = raw.trim().replace(/\s+/g, '');
      const normal = /^-?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
      const n = /^-?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : NaN;
      return Number.isFinite(n) ? n : raw;
    }
    case 'boolean':
      return raw === 'ya' ? true : raw === 'tidak' ? false : raw;
    default:
      return raw;
  }
}

/** The typed fields of a form (empty inputs left out). */
export function typedFields(type: TCaseType, raw: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of type.fields) {
    const value = typedValue(f, raw[f.id]);
    if (value !== undefined) out[f.id] = value;
  }
  return out;
}

/** A stored value shown in an input again (the revision form starts from the case's values). */
export function rawValue(f: TFieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (f.type === 'boolean') return value === true ? 'ya' : value === false ? 'tidak' : '';
  return String(value);
}

/** zod's issues as messages in the page's language, keyed by the API's path (`prefix.` + the issue's path). */
export function localizedErrors(error: ZodError, prefix: string, t: TTranslate, fieldOf?: (id: string) => TFieldDefinition | undefined): TFormErrors {
  const errors: TFormErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    const path = `${prefix}.${key}`;
    if (errors[path]) continue;
    const f = fieldOf?.(key);
    errors[path] = messageOf(issue as unknown as TIssue, t, prefix === 'applicant' ? key : undefined, f);
  }
  return errors;
}

interface TIssue {
  code: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  message: string;
}

function messageOf(issue: TIssue, t: TTranslate, applicantKey: string | undefined, f: TFieldDefinition | undefined): string {
  // Empty inputs are left out of the value, so zod sees them as missing.
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  if (missing) return f?.type === 'enum' || f?.type === 'boolean' ? t('applicant.error.choose') : t('applicant.error.required');
  if (applicantKey === 'nik') return t('applicant.error.nik');
  if (applicantKey === 'phone') return t('applicant.error.phone');
  if (applicantKey === 'email') return t('applicant.error.email');
  if (f?.type === 'date') return t('applicant.error.date');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return t('applicant.error.integer');
      if (issue.expected === 'number') return f?.type === 'integer' ? t('applicant.error.integer') : t('applicant.error.number');
      if (issue.expected === 'boolean') return t('applicant.error.choose');
      return t('applicant.error.invalid');
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('applicant.error.required') : t('applicant.error.tooShort', { min: Number(issue.minimum) });
      return t('applicant.error.tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('applicant.error.tooLong', { max: Number(issue.maximum) });
      return t('applicant.error.tooBig', { max: String(issue.maximum) });
    case 'invalid_value':
      return t('applicant.error.choose');
    case 'invalid_format':
      return t('applicant.error.format');
    case 'custom':
      return t('applicant.error.text');
    default:
      return t('applicant.error.invalid');
  }
}

const safeErrors = (schema: ZodType, value: unknown, prefix: string, t: TTranslate, fieldOf?: (id: string) => TFieldDefinition | undefined): TFormErrors => {
  const parsed = schema.safeParse(value);
  return parsed.success ? {} : localizedErrors(parsed.error, prefix, t, fieldOf);
};

/** The field errors of a permit's fields (complete: every required field), in the page's language. */
export function fieldErrors(type: TCaseType, fields: Record<string, unknown>, t: TTranslate): TFormErrors {
  return safeErrors(fieldsSchema(type), fields, 'fields', t, (id) => type.fields.find((f) => f.id === id));
}

/** The errors of the applicant's personal data. */
export function applicantErrors(applicant: Partial<Record<TApplicantKey, string>>, t: TTranslate): TFormErrors {
  const value = Object.fromEntries(APPLICANT_KEYS.filter((k) => (applicant[k] ?? '').trim() !== '').map((k) => [k, applicant[k]]));
  return safeErrors(ZApplicantSchema, value, 'applicant', t);
}

/** Required documents not uploaded yet. */
export function missingDocumentErrors(type: TCaseType, documents: Record<string, TDraftDocument>, t: TTranslate): TFormErrors {
  const errors: TFormErrors = {};
  for (const requirement of type.documents) {
    if (requirement.required && !documents[requirement.id]) errors[`documents.${requirement.id}`] = t('applicant.error.fileRequired');
  }
  return errors;
}

const MEDIA_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/** "PDF, PNG atau JPEG" in the page's language. */
export function mediaTypeWords(requirement: TDocumentRequirement, t: TTranslate): string {
  const names = requirement.mediaTypes.map((m) => MEDIA_NAMES[m] ?? m);
  return names.length === 1 ? names[0]! : t('applicant.or', { list: names.slice(0, -1).join(', '), last: names.at(-1)! });
}

/** The `accept` attribute of a requirement's file input: media types and their usual extensions. */
export function acceptOf(requirement: TDocumentRequirement): string {
  const extensions: Record<string, string[]> = { 'application/pdf': ['.pdf'], 'image/png': ['.png'], 'image/jpeg': ['.jpg', '.jpeg'] };
  return [...requirement.mediaTypes, ...requirement.mediaTypes.flatMap((m) => extensions[m] ?? [])].join(',');
}

/** Bytes for people: "2 MB", "1,5 MB", "12 KB". */
export function sizeWords(bytes: number, t: TTranslate, format: TFormatters): string {
  if (bytes < 1024 * 1024) return t('applicant.kilobytes', { size: format.number(Math.max(1, Math.ceil(bytes / 1024))) });
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return t('applicant.megabytes', { size: format.number(mb) });
}

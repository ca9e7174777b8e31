import { z } from 'zod';
import { DEADLINE_LIMITS, RESUME_POLICIES } from './working-time/deadline';

/** The longest service level a type may set: what the deadline rule counts (a longer one would fail its cases at start). */
const MAX_SERVICE_LEVEL_DAYS = DEADLINE_LIMITS.maxWorkingDays;

/** Roles look like `applicant`, `admin`, `auditor` (Inspektorat), `reviewer:<agency>`, `approver:<office>`. */
export const ZRoleSchema = z
  .string()
  .regex(/^(applicant|admin|auditor|(reviewer|approver|ppk|legal|vendor|supervisor):[a-z0-9-]+)$/, 'unknown role format');
export type TRole = z.infer<typeof ZRoleSchema>;

export const ZLocalizedSchema = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type TLocalized = z.infer<typeof ZLocalizedSchema>;

export const ZFieldDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'field ids are identifiers'),
  label: ZLocalizedSchema,
  type: z.enum(['text', 'number', 'integer', 'date', 'enum', 'boolean']),
  required: z.boolean().default(true),
  minLength: z.number().int().nonnegative().optional(),
  /** Text only: tab and line breaks are allowed (they are refused in single-line text). */
  multiline: z.boolean().optional(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z
    .string()
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid regular expression')
    .optional(),
  options: z.array(z.string().min(1)).min(1).optional(),
  /** What people read for each option, in both languages (`baliho` → "Baliho"); an option without one shows its words. */
  optionLabels: z.record(z.string(), ZLocalizedSchema).optional(),
});
export type TFieldDefinition = z.infer<typeof ZFieldDefinitionSchema>;

export const MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const ZMediaTypeSchema = z.enum(MEDIA_TYPES);
export type TMediaType = z.infer<typeof ZMediaTypeSchema>;

export const ZDocumentRequirementSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: ZLocalizedSchema,
  mediaTypes: z.array(ZMediaTypeSchema).min(1),
  maxBytes: z.number().int().positive(),
  required: z.boolean().default(true),
});
export type TDocumentRequirement = z.infer<typeof ZDocumentRequirementSchema>;

/** What a permit type does when its case deadline lapses undecided (wire names: never rename). */
export const LAPSE_POLICIES = ['flag', 'auto_approve'] as const;
export type TLapsePolicy = (typeof LAPSE_POLICIES)[number];

export const STAGE_KINDS = ['completeness_check', 'technical_review', 'recommendation', 'approval'] as const;
export const ZStageKindSchema = z.enum(STAGE_KINDS);
export type TStageKind = z.infer<typeof ZStageKindSchema>;

export const ZStageDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: ZLocalizedSchema,
    kind: ZStageKindSchema,
    roles: z.array(ZRoleSchema).min(1),
    /** true: one task per role and every one must decide; false: exactly one role acts. */
    parallel: z.boolean().default(false),
    serviceLevelDays: z.number().int().positive().max(MAX_SERVICE_LEVEL_DAYS),
    /**
     * When the case resumes after waiting on the applicant: the stage's count goes on (`continue`) or starts again
     * (`restart`). Unset: `restart` for a completeness check, `continue` otherwise (engine/case-clock.ts).
     */
    clockPolicy: z.enum(RESUME_POLICIES).optional(),
  })
  .refine((s) => s.parallel || s.roles.length === 1, {
    path: ['roles'],
    message: 'a stage with several roles must be parallel',
  })
  .refine((s) => new Set(s.roles).size === s.roles.length, { path: ['roles'], message: 'a role is listed twice' });
export type TStageDefinition = z.infer<typeof ZStageDefinitionSchema>;

export const ZCaseTypeSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'type ids are lower-case slugs'),
    code: z.string().regex(/^[A-Z0-9]{2,10}$/, 'the code goes into registration numbers'),
    name: ZLocalizedSchema,
    description: ZLocalizedSchema.optional(),
    fields: z.array(ZFieldDefinitionSchema),
    documents: z.array(ZDocumentRequirementSchema),
    stages: z.array(ZStageDefinitionSchema).min(1),
    serviceLevelDays: z.number().int().positive().max(MAX_SERVICE_LEVEL_DAYS),
    /** Who signs the issued document; by default the role of the last approval stage. */
    signerRole: ZRoleSchema.optional(),
    /**
     * What follows when the whole case's deadline lapses with no decision (deemed approval, Pasal 53 UU 30/2014 as
     * amended): `flag` (an administrator decides) or `auto_approve` (on to signature, deemed approved). Unset: `flag`.
     */
    lapsePolicy: z.enum(LAPSE_POLICIES).optional(),
  })
  .superRefine((t, ctx) => {
    const unique = (ids: string[], path: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${id}"` });
        seen.add(id);
      });
    };
    unique(t.fields.map((f) => f.id), 'fields');
    unique(t.documents.map((d) => d.id), 'documents');
    unique(t.stages.map((s) => s.id), 'stages');
    const stageDays = t.stages.reduce((sum, s) => sum + s.serviceLevelDays, 0);
    if (stageDays > t.serviceLevelDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceLevelDays'],
        message: `stages add up to ${stageDays} working days, more than the total ${t.serviceLevelDays}`,
      });
    }
    if (!signerRoleOf(t)) {
      ctx.addIssue({ code: 'custom', path: ['signerRole'], message: 'needs a signer role or an approval stage' });
    }
    t.fields.forEach((f, i) => {
      if (f.type === 'enum' && !f.options) {
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'an enum field needs options' });
      }
      for (const option of Object.keys(f.optionLabels ?? {})) {
        if (!f.options?.includes(option)) {
          ctx.addIssue({ code: 'custom', path: ['fields', i, 'optionLabels', option], message: `"${option}" is not an option of the field` });
        }
      }
    });
  });
export type TCaseType = z.infer<typeof ZCaseTypeSchema>;

/** The type's answer to a lapsed case deadline; `flag` unless it says otherwise. */
export function lapsePolicyOf(type: Pick<TCaseType, 'lapsePolicy'>): TLapsePolicy {
  return type.lapsePolicy ?? 'flag';
}

/** The role that signs a type's issued document. */
export function signerRoleOf(type: Pick<TCaseType, 'signerRole' | 'stages'>): string | undefined {
  return type.signerRole ?? [...type.stages].reverse().find((s) => s.kind === 'approval')?.roles[0];
}

/**
 * Contract types (pengadaan barang, pekerjaan konstruksi, jasa konsultansi): the standard template a new
 * contract is drafted from. Data in templates/contract-types/*.json, loaded by store/contract-catalog.ts.
 */
import { z } from 'zod';
import { MAX_WORKING_DAYS } from './calendar';
import { ZLocalizedSchema, ZRoleSchema } from './case-type.schema';
import { ZClausesSchema, ZPaymentsSchema } from './contract.schema';
import { templatePlaceholders } from './number-template';

/** Filled by formatDocumentNumber (domain/number-template.ts): {seq}, {seq:N}, {romanMonth}, {month}, {year}, {typeCode}. */
const ZNumberTemplateSchema = z.string().superRefine((template, ctx) => {
  let names: string[];
  try {
    names = templatePlaceholders(template);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return;
  }
  // Contracts are numbered per fiscal year; without the year, next year's numbers would repeat this year's.
  if (!names.includes('year')) ctx.addIssue({ code: 'custom', message: `number template "${template}" has no {year}` });
});

const ZWorkingDaysSchema = z.number().int().min(1).max(MAX_WORKING_DAYS);
const ZStageIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'stage ids are lower-case snake_case');

/** A review stage of the contract before negotiation; `{unit}` in the role is the PPK's own unit (ppk:<unit>). */
export const ZContractStageSchema = z.strictObject({
  id: ZStageIdSchema,
  name: ZLocalizedSchema,
  role: z.string().regex(/^(reviewer|approver|legal):([a-z0-9-]+|\{unit\})$/, 'a reviewer, approver or legal role; {unit} stands for the PPK\'s unit'),
  serviceLevelDays: ZWorkingDaysSchema,
});
export type TContractStage = z.infer<typeof ZContractStageSchema>;

/** The approval an addendum above the 10% cap needs (Perpres 16/2018 ps. 54). */
export const ZExceptionApprovalSchema = ZContractStageSchema.extend({ role: ZRoleSchema });
export type TExceptionApproval = z.infer<typeof ZExceptionApprovalSchema>;

/** Defaults of the fields that were constants in code before contract types carried them (older files stay valid). */
export const CONTRACT_TYPE_DEFAULTS = {
  reviewStages: [{ id: 'kajian_hukum', name: { id: 'Kajian hukum', en: 'Legal review' }, role: 'legal:{unit}', serviceLevelDays: 5 }],
  serviceLevelDays: 30,
  negotiationServiceDays: 5,
  guaranteeDueWorkingDays: 14,
  exceptionApproval: {
    id: 'persetujuan_pengecualian',
    name: { id: 'Persetujuan pengecualian batas 10%', en: 'Approval of the exception to the 10% cap' },
    role: 'approver:kepala-dpmptsp',
    serviceLevelDays: 3,
  },
  numberSeries: 'CONTRACT/{typeCode}/{year}',
  terminationReview: {
    id: 'pemutusan_kontrak',
    name: { id: 'Kajian hukum pemutusan kontrak', en: 'Legal review of the termination' },
    role: 'legal:{unit}',
    serviceLevelDays: 5,
  },
} as const;

export const ZContractTypeSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'type ids are lower-case slugs'),
  code: z.string().regex(/^[A-Z0-9]{2,10}$/, 'the code goes into contract numbers'),
  name: ZLocalizedSchema,
  /** e.g. "027/{seq}/SP-BRG/{romanMonth}/{year}". */
  numberTemplate: ZNumberTemplateSchema,
  /** The standard clauses (pasal) a draft starts with; placeholders are checked against CLAUSE_PLACEHOLDERS. */
  defaultClauses: ZClausesSchema,
  defaultPayments: ZPaymentsSchema,
  /** Jaminan pelaksanaan in percent of the value; 0 where none is required (jasa konsultansi). */
  defaultGuaranteePercent: z.number().min(0).max(100),
  /** Who signs first: by default the vendor's representative, then the PPK. */
  signingOrder: z.array(z.enum(['vendor', 'ppk'])).length(2).refine((o) => new Set(o).size === 2, 'each party signs once').default(['vendor', 'ppk']),
  /** The review stages before negotiation (legal review of the PPK's unit by default). */
  reviewStages: z
    .array(ZContractStageSchema)
    .min(1)
    .max(10)
    .refine((stages) => new Set(stages.map((st) => st.id)).size === stages.length, 'a stage id is listed twice')
    .default(() => CONTRACT_TYPE_DEFAULTS.reviewStages.map((st) => ({ ...st, name: { ...st.name } }))),
  /** Working days from submission to an active contract (the case's service level). */
  serviceLevelDays: ZWorkingDaysSchema.default(CONTRACT_TYPE_DEFAULTS.serviceLevelDays),
  /** Working days each party has to answer a proposal during negotiation. */
  negotiationServiceDays: ZWorkingDaysSchema.default(CONTRACT_TYPE_DEFAULTS.negotiationServiceDays),
  /** Working days after the award letter the performance guarantee is due, when the draft does not say. */
  guaranteeDueWorkingDays: ZWorkingDaysSchema.default(CONTRACT_TYPE_DEFAULTS.guaranteeDueWorkingDays),
  /** Who reviews the PPK's request to terminate an active contract (pemutusan kontrak), and in how many working days. */
  terminationReview: ZContractStageSchema.default(() => ({ ...CONTRACT_TYPE_DEFAULTS.terminationReview, name: { ...CONTRACT_TYPE_DEFAULTS.terminationReview.name } })),
  exceptionApproval: ZExceptionApprovalSchema.default(() => ({ ...CONTRACT_TYPE_DEFAULTS.exceptionApproval, name: { ...CONTRACT_TYPE_DEFAULTS.exceptionApproval.name } })),
  /** The gapless series contract numbers are drawn from: {typeCode} and {year} are filled in. */
  numberSeries: z
    .string()
    .regex(/^[A-Z0-9/{}a-zA-Z-]+$/)
    .refine((series) => series.includes('{year}'), 'a number series restarts each year: it needs {year}')
    .default(CONTRACT_TYPE_DEFAULTS.numberSeries),
});
export type TContractType = z.infer<typeof ZContractTypeSchema>;

/** What a draft of this type takes from the template when its terms leave them out. */
export function templateTerms(type: TContractType) {
  return {
    clauses: type.defaultClauses,
    payments: type.defaultPayments,
    performanceGuarantee: { percent: type.defaultGuaranteePercent, dueWorkingDays: type.guaranteeDueWorkingDays },
  };
}

/** The number series (reservation scope) of a contract of this type in a year. */
export function contractNumberSeries(type: Pick<TContractType, 'numberSeries' | 'code'>, year: number): string {
  return type.numberSeries.replaceAll('{typeCode}', type.code).replaceAll('{year}', String(year));
}

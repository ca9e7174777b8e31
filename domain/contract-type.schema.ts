/**
 * Contract types (pengadaan barang, pekerjaan konstruksi, jasa konsultansi): the standard template a new
 * contract is drafted from. Data in templates/contract-types/*.json, loaded by store/contract-catalog.ts.
 */
import { z } from 'zod';
import { ZLocalizedSchema } from './case-type.schema';
import { ZClausesSchema, ZPaymentsSchema } from './contract.schema';
import { templatePlaceholders } from './permit-number';

/** Filled by formatPermitNumber (domain/permit-number.ts): {seq}, {seq:N}, {romanMonth}, {month}, {year}, {typeCode}. */
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
});
export type TContractType = z.infer<typeof ZContractTypeSchema>;

/** What a draft of this type takes from the template when its terms leave them out. */
export function templateTerms(type: TContractType) {
  return {
    clauses: type.defaultClauses,
    payments: type.defaultPayments,
    performanceGuarantee: { percent: type.defaultGuaranteePercent, dueWorkingDays: 14 },
  };
}

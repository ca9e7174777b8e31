import { z } from 'zod';
import { flagsFrom, ZCaseFactsBaseSchema } from '../kind-module';

/** A permit's own state beyond the applicant's form: only the engine's flags (its stages live in the permit type). */
export const ZPermitFactsSchema = ZCaseFactsBaseSchema.extend({ kind: z.literal('permit') }).strict();
export type TPermitFacts = z.infer<typeof ZPermitFactsSchema>;

export const PERMIT_LEGACY_FACT_KEYS = ['flags'] as const;

export function permitFactsFromFields(fields: Readonly<Record<string, unknown>>): TPermitFacts {
  return { kind: 'permit', flags: flagsFrom(fields) };
}

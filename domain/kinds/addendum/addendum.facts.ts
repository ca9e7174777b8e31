import { z } from 'zod';
import { flagsFrom, wholeOr, ZCaseFactsBaseSchema } from '../kind-module';

/**
 * An addendum's own state: the contract it belongs to, its place in the contract's sequence and the two versions
 * of the contract's terms it goes from and to (stored in the contract's contract_versions).
 */
export const ZAddendumFactsSchema = ZCaseFactsBaseSchema.extend({
  kind: z.literal('addendum'),
  contractId: z.string(),
  sequence: z.number().int().min(0),
  baseVersion: z.number().int().min(0),
  termsVersion: z.number().int().min(0),
}).strict();
export type TAddendumFacts = z.infer<typeof ZAddendumFactsSchema>;

export const ADDENDUM_LEGACY_FACT_KEYS = ['contractId', 'sequence', 'baseVersion', 'termsVersion', 'flags'] as const;

export function addendumFactsFromFields(fields: Readonly<Record<string, unknown>>): TAddendumFacts {
  return {
    kind: 'addendum',
    flags: flagsFrom(fields),
    contractId: typeof fields.contractId === 'string' ? fields.contractId : '',
    sequence: wholeOr(fields.sequence, 0),
    baseVersion: wholeOr(fields.baseVersion, 0),
    termsVersion: wholeOr(fields.termsVersion, 0),
  };
}

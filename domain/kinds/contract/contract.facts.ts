import { z } from 'zod';
import { flagsFrom, wholeOr, ZCaseFactsBaseSchema } from '../kind-module';

const ZVersionSchema = z.number().int().min(1);

/** A signed addendum as its contract records it. */
export const ZSignedAddendumSchema = z.strictObject({
  sequence: z.number().int().min(1),
  number: z.string().min(1),
  termsVersion: ZVersionSchema,
});
export type TSignedAddendum = z.infer<typeof ZSignedAddendumSchema>;

/**
 * A contract's own state, kept by its workflow: the versions of the terms (stored in contract_versions) on the
 * table, agreed and in force, the proposals made, the signed addenda and the termination notice.
 */
export const ZContractFactsSchema = ZCaseFactsBaseSchema.extend({
  kind: z.literal('contract'),
  /** The latest version of the terms (on the table during negotiation; an addendum's while it runs). */
  termsVersion: z.number().int().min(0),
  /** How many proposals (propose_changes or counter) the negotiation has seen. */
  proposals: z.number().int().min(0),
  /** The version both parties agreed to and signed; null before. */
  agreedVersion: ZVersionSchema.nullable(),
  /** The version in force after signed addenda; null while none is signed. */
  currentVersion: ZVersionSchema.nullable(),
  addenda: z.array(ZSignedAddendumSchema),
  /** The number of the termination notice, once the contract was terminated. */
  terminationNoticeNumber: z.string().min(1).nullable(),
}).strict();
export type TContractFacts = z.infer<typeof ZContractFactsSchema>;

/** The facts of a case known to be a contract (a contract workflow's own state). */
export function contractFactsOf(facts: { kind: string }): TContractFacts {
  if (facts.kind !== 'contract') throw new TypeError(`expected a contract's facts, got a ${facts.kind}'s`);
  return facts as TContractFacts;
}

/** The terms in force: the agreed version plus signed addenda; before agreement, the version on the table. */
export const versionInForce = (facts: TContractFacts): number => facts.currentVersion ?? facts.agreedVersion ?? facts.termsVersion;

export const CONTRACT_LEGACY_FACT_KEYS = ['termsVersion', 'proposals', 'agreedVersion', 'currentVersion', 'addenda', 'flags', 'terminationNoticeNumber'] as const;

/** A new contract: version 1 of the terms on the table. */
export function newContractFacts(): TContractFacts {
  return { kind: 'contract', flags: [], termsVersion: 1, proposals: 0, agreedVersion: null, currentVersion: null, addenda: [], terminationNoticeNumber: null };
}

export function contractFactsFromFields(fields: Readonly<Record<string, unknown>>): TContractFacts {
  const addenda = Array.isArray(fields.addenda) ? fields.addenda.filter((a) => ZSignedAddendumSchema.safeParse(a).success) : [];
  const version = (value: unknown) => (value === undefined || value === null ? null : wholeOr(value, 0, 1) || null);
  return {
    kind: 'contract',
    flags: flagsFrom(fields),
    termsVersion: wholeOr(fields.termsVersion, 0),
    proposals: wholeOr(fields.proposals, 0),
    agreedVersion: version(fields.agreedVersion),
    currentVersion: version(fields.currentVersion),
    addenda: addenda as TContractFacts['addenda'],
    terminationNoticeNumber: typeof fields.terminationNoticeNumber === 'string' && fields.terminationNoticeNumber ? fields.terminationNoticeNumber : null,
  };
}

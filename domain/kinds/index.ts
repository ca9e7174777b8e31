/**
 * The case kinds. Each kind is one folder (domain/kinds/<kind>/: its case-type builder, facts, phases,
 * numbering, document) and one line here; the engine, workflows, store and API reach a kind through this table.
 */
import type { TCaseKind } from '../case';
import { addendumKind } from './addendum/addendum.kind';
import { contractKind } from './contract/contract.kind';
import { permitKind } from './permit/permit.kind';
import { withoutKeys } from './kind-module';
import type { TAddendumFacts } from './addendum/addendum.facts';
import type { TContractFacts } from './contract/contract.facts';
import type { TPermitFacts } from './permit/permit.facts';

export const CASE_KIND_MODULES = {
  permit: permitKind,
  contract: contractKind,
  addendum: addendumKind,
} as const satisfies { [K in TCaseKind]: { kind: K } };

/** Each kind's facts type, by kind. */
export interface TCaseFactsByKind {
  permit: TPermitFacts;
  contract: TContractFacts;
  addendum: TAddendumFacts;
}
export type TFactsOf<K extends TCaseKind> = TCaseFactsByKind[K];
/** The facts of a case of any kind; `kind` tells them apart. */
export type TCaseFacts = TCaseFactsByKind[TCaseKind];

export function kindModule<K extends TCaseKind>(kind: K): (typeof CASE_KIND_MODULES)[K] {
  return CASE_KIND_MODULES[kind];
}

/** Checks facts of a kind (the store reads them back with this). */
export function parseFacts<K extends TCaseKind>(kind: K, facts: unknown): TFactsOf<K> {
  return CASE_KIND_MODULES[kind].factsSchema.parse(facts) as TFactsOf<K>;
}

/**
 * A case's facts and applicant-filled fields from what an older case kept in one `fields` bag: the facts are
 * taken out of it, and `fields` keeps only what the applicant or PPK filled in.
 */
export function splitLegacyFields<K extends TCaseKind>(kind: K, fields: Readonly<Record<string, unknown>>): { facts: TFactsOf<K>; fields: Record<string, unknown> } {
  const module = CASE_KIND_MODULES[kind];
  return { facts: module.factsFromFields(fields) as TFactsOf<K>, fields: withoutKeys(fields, module.legacyFactKeys) };
}

/** A stored case's facts and fields: facts from their own place, or (written before it existed) out of `fields`. */
export function storedFactsAndFields<K extends TCaseKind>(
  kind: K,
  facts: unknown,
  fields: Readonly<Record<string, unknown>>,
): { facts: TFactsOf<K>; fields: Record<string, unknown> } {
  if (facts === null || facts === undefined) return splitLegacyFields(kind, fields);
  return { facts: parseFacts(kind, facts), fields: { ...fields } };
}

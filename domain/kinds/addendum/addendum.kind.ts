import type { TCaseKindModule } from '../kind-module';
import { addendumFactsFromFields, ADDENDUM_LEGACY_FACT_KEYS, ZAddendumFactsSchema, type TAddendumFacts } from './addendum.facts';
import { addendumNumberSeries } from './addendum.numbering';

/**
 * Addenda: changes to an active contract (addendum.change.ts: the change, the 10% cap), run as a child case of
 * the contract through its review stages (addendum.case-type.ts), then both signatures on the addendum's own
 * document. Numbers: the contract's number with the sequence (addendum.numbering.ts).
 */
export const addendumKind = {
  kind: 'addendum',
  workflowType: 'addendumWorkflow',
  factsSchema: ZAddendumFactsSchema,
  factsFromFields: addendumFactsFromFields,
  legacyFactKeys: ADDENDUM_LEGACY_FACT_KEYS,
  phases: ['review', 'signature', 'issued'],
  numbering: { step: 'addendum-number', scope: ({ parentNumber }) => addendumNumberSeries(parentNumber ?? '') },
  document: { spec: 'addendum', templates: 'templates/contract-types' },
} as const satisfies TCaseKindModule<'addendum', TAddendumFacts>;

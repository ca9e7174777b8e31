import { CONTRACT_TYPE_DEFAULTS, contractNumberSeries } from '../../contract-type.schema';
import type { TCaseKindModule } from '../kind-module';
import { contractFactsFromFields, CONTRACT_LEGACY_FACT_KEYS, ZContractFactsSchema, type TContractFacts } from './contract.facts';

/**
 * E-contracts: the contract type (templates/contract-types/<id>.json, domain/contract-type.schema.ts) becomes
 * the case type through contractCaseType; review stages, negotiation in versions, the performance guarantee,
 * both signatures, then `active` with addenda and termination. Numbers: the type's numberSeries and
 * numberTemplate; document: the contract composed from the type's clauses (documents/render/contract-compose.ts).
 */
export const contractKind = {
  kind: 'contract',
  workflowType: 'contractWorkflow',
  factsSchema: ZContractFactsSchema,
  factsFromFields: contractFactsFromFields,
  legacyFactKeys: CONTRACT_LEGACY_FACT_KEYS,
  phases: ['review', 'negotiation', 'guarantee', 'signature', 'active', 'addenda', 'termination'],
  numbering: {
    step: 'contract-number',
    scope: ({ typeCode, year, series }) => contractNumberSeries({ code: typeCode, numberSeries: series ?? CONTRACT_TYPE_DEFAULTS.numberSeries }, year),
  },
  document: { spec: 'contract', templates: 'templates/contract-types' },
} as const satisfies TCaseKindModule<'contract', TContractFacts>;

import type { TCaseType } from '../../case-type.schema';
import { CONTRACT_TYPE_DEFAULTS, type TExceptionApproval } from '../../contract-type.schema';

/** The approval stage of addenda above the 10% cap for contracts started before their type carried it. */
export const DEFAULT_EXCEPTION_APPROVAL: TExceptionApproval = {
  ...CONTRACT_TYPE_DEFAULTS.exceptionApproval,
  name: { ...CONTRACT_TYPE_DEFAULTS.exceptionApproval.name },
};

/**
 * The engine's view of an addendum: its contract's review stages (legal review), then, above the 10% cap, the
 * exception approval stage of the contract's type (the head of office by default).
 */
export function addendumCaseType(contract: TCaseType, exceptionApproval: TExceptionApproval | null): TCaseType {
  const stages = [...contract.stages];
  if (exceptionApproval) {
    stages.push({
      id: exceptionApproval.id,
      name: { ...exceptionApproval.name },
      kind: 'approval',
      roles: [exceptionApproval.role],
      parallel: false,
      serviceLevelDays: exceptionApproval.serviceLevelDays,
    });
  }
  return { ...contract, stages, serviceLevelDays: contract.serviceLevelDays };
}

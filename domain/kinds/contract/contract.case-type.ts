import type { TCaseType } from '../../case-type.schema';
import type { TContractType, TExceptionApproval } from '../../contract-type.schema';

/** The PPK's unit: `ppk:pupr` → `pupr`. */
export function ppkUnit(ppkRole: string): string {
  return ppkRole.slice(ppkRole.indexOf(':') + 1);
}

/**
 * The engine's view of a contract type, from its data: its review stages (roles of the PPK's own unit), its
 * service level, signed by the PPK's role. The workflow carries this snapshot, as a permit carries its type.
 */
export function contractCaseType(type: TContractType, ppkRole: string): TCaseType {
  const unit = ppkUnit(ppkRole);
  return {
    id: type.id,
    code: type.code,
    name: type.name,
    fields: [],
    documents: [],
    stages: type.reviewStages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      kind: 'technical_review' as const,
      roles: [stage.role.replace('{unit}', unit)],
      parallel: false,
      serviceLevelDays: stage.serviceLevelDays,
    })),
    serviceLevelDays: type.serviceLevelDays,
    signerRole: ppkRole,
  };
}

/** A step of a contract's life that one role reviews in a number of working days (the termination review). */
export interface TContractReviewStep {
  id: string;
  name: string;
  role: string;
  serviceLevelDays: number;
}

/**
 * What the contract workflow reads from its type beyond the review stages: the negotiation service level, the
 * approval of addenda above the 10% cap, and the legal review of a termination (its role in the PPK's unit).
 * A snapshot in the workflow's input; workflows started without it use the constants of before.
 */
export interface TContractTypeData {
  negotiationServiceDays: number;
  exceptionApproval: TExceptionApproval;
  terminationReview: TContractReviewStep;
}

export function contractTypeData(type: TContractType, ppkRole: string): TContractTypeData {
  const unit = ppkUnit(ppkRole);
  return {
    negotiationServiceDays: type.negotiationServiceDays,
    exceptionApproval: { ...type.exceptionApproval, name: { ...type.exceptionApproval.name } },
    terminationReview: {
      id: type.terminationReview.id,
      name: type.terminationReview.name.id,
      role: type.terminationReview.role.replace('{unit}', unit),
      serviceLevelDays: type.terminationReview.serviceLevelDays,
    },
  };
}

import type { TCaseType } from '../../case-type.schema';
import type { TContractType } from '../../contract-type.schema';

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

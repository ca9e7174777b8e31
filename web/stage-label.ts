import type { TCaseType, TLocalized } from '../domain/case-type.schema';
import type { TContractType } from '../domain/contract-type.schema';
import { LAPSE_STAGE_ID } from '../domain/engine/case-lapse';
import { SIGN_STAGE } from '../domain/engine/case-state';
import type { TLang } from './i18n/define-messages';
import { MESSAGES, type TMessageKey } from './i18n/messages';

/** A permit or contract type: where a stage's name in both languages comes from. */
export type TStageSource = TCaseType | TContractType;

/** The stages the contract workflow opens itself (workflows/contract/contract.workflow.ts), by id. */
export const CONTRACT_WORKFLOW_STAGES: Readonly<Record<string, TMessageKey>> = {
  tinjauan_penyedia: 'contracts.stage.vendorReview',
  tinjauan_ppk: 'contracts.stage.ppkReview',
  jaminan_pelaksanaan: 'contracts.stage.guarantee',
  penandatanganan: 'contracts.stage.signing',
};

/** The stages a type names itself: a permit type's stages; a contract type's review stages, exception approval and termination review. */
export function namedStagesOf(type: TStageSource): ReadonlyArray<{ id: string; name: TLocalized }> {
  return 'stages' in type ? type.stages : [...type.reviewStages, type.exceptionApproval, type.terminationReview];
}

/**
 * A stage's name in the page's language, the one rule of every page (applicant, contracts, tasks, addenda, admin,
 * the timeline): signing is the pages' own name (no type has it); then the type's own name (of several types, the
 * first that knows the stage); then the pages' name of a stage the contract workflow opens itself; else the name
 * the case recorded (Indonesian); else the id. No stage (null) is ''.
 */
export function stageLabel(types: TStageSource | readonly TStageSource[] | undefined, stageId: string | null | undefined, recorded: string | null | undefined, lang: TLang): string {
  if (!stageId) return recorded ?? '';
  if (stageId === SIGN_STAGE.id) return MESSAGES[lang]['tasks.kind.sign'];
  if (stageId === LAPSE_STAGE_ID) return MESSAGES[lang]['tasks.kind.lapse_decision'];
  const list: readonly TStageSource[] = types === undefined ? [] : Array.isArray(types) ? types : [types as TStageSource];
  for (const type of list) {
    const named = namedStagesOf(type).find((s) => s.id === stageId);
    if (named) return named.name[lang];
  }
  const fixed = CONTRACT_WORKFLOW_STAGES[stageId];
  return fixed ? MESSAGES[lang][fixed] : (recorded || stageId);
}

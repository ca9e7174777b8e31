import type { TContractType } from '../../../domain/contract-type.schema';
import type { TLang } from '../../i18n/define-messages';
import type { TMessageKey } from '../../i18n/messages';
import type { TTranslate } from '../../i18n/translate';

/** The stages the contract workflow opens itself (workflows/contract/contract.workflow.ts), by id. */
export const CONTRACT_WORKFLOW_STAGES: Readonly<Record<string, TMessageKey>> = {
  tinjauan_penyedia: 'contracts.stage.vendorReview',
  tinjauan_ppk: 'contracts.stage.ppkReview',
  jaminan_pelaksanaan: 'contracts.stage.guarantee',
  penandatanganan: 'contracts.stage.signing',
};

/**
 * A contract stage's name in the page's language: the type's own stages (review, exception approval,
 * termination review) carry both names; the workflow's fixed stages come from the catalogue; else as recorded.
 */
export function contractStageName(type: TContractType | undefined, stageId: string | null | undefined, recorded: string | null | undefined, t: TTranslate, lang: TLang): string {
  if (!stageId) return recorded ?? '';
  const typed = [...(type?.reviewStages ?? []), type?.exceptionApproval, type?.terminationReview].find((s) => s?.id === stageId);
  if (typed) return typed.name[lang];
  const fixed = CONTRACT_WORKFLOW_STAGES[stageId];
  return fixed ? t(fixed) : (recorded ?? stageId);
}

/** Every stage a contract of this type can be in, in order, as filter options (the inbox). */
export function contractStageOptions(type: TContractType, t: TTranslate, lang: TLang): { value: string; label: string }[] {
  const ids = [...type.reviewStages.map((s) => s.id), ...Object.keys(CONTRACT_WORKFLOW_STAGES), type.exceptionApproval.id, type.terminationReview.id];
  return [...new Set(ids)].map((id) => ({ value: id, label: contractStageName(type, id, id, t, lang) }));
}

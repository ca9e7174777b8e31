import type { TContractType } from '../../../domain/contract-type.schema';
import type { TLang } from '../../i18n/define-messages';
import { CONTRACT_WORKFLOW_STAGES, stageLabel } from '../../stage-label';

/** Every stage a contract of this type can be in, in order, as filter options (the inbox). */
export function contractStageOptions(type: TContractType, lang: TLang): { value: string; label: string }[] {
  const ids = [...type.reviewStages.map((s) => s.id), ...Object.keys(CONTRACT_WORKFLOW_STAGES), type.exceptionApproval.id, type.terminationReview.id];
  return [...new Set(ids)].map((id) => ({ value: id, label: stageLabel(type, id, id, lang) }));
}

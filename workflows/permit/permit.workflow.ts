import type { TCaseView, TCaseWorkflowInput } from '../shared/case.messages';
import { runReviewLifecycle } from '../shared/case.lifecycle';

export type TPermitWorkflowInput = TCaseWorkflowInput & { kind: 'permit' };

/** One permit application, workflow id `permit:<caseId>`. */
export async function permitWorkflow(input: TPermitWorkflowInput): Promise<TCaseView> {
  return runReviewLifecycle(input);
}

/** The updates of the bare workflow (scripts/bench-e2e/bare.workflow.ts), for its worker and the bench's client. */
import { defineUpdate } from '@temporalio/workflow';

export const BARE_WORKFLOW_TYPE = 'bareCaseWorkflow';
export const BARE_DECISIONS = 5;
export const bareSubmitUpdate = defineUpdate<string>('bareSubmit');
export const bareDecideUpdate = defineUpdate<number, [number]>('bareDecide');
/** The bare workflow's input: `projectEachUpdate` adds an activity after each answered update (`--bare-projection`). */
export interface TBareOptions {
  projectEachUpdate?: boolean;
}

/**
 * Drives one case of the bare workflow (scripts/bench-e2e/bare.workflow.ts) as the API drives a permit: the
 * submission by update-with-start, then each decision update in turn, then waits for the workflow to finish.
 */
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { bareCaseWorkflow } from './bare.workflow';
import { BARE_DECISIONS, BARE_WORKFLOW_TYPE, bareDecideUpdate, bareSubmitUpdate, type TBareOptions } from './bare.messages';

export async function runBareCase(client: Client, taskQueue: string, workflowId: string, options: TBareOptions, onStep: (kind: 'submit' | 'decision', ms: number) => void): Promise<void> {
  const start = new WithStartWorkflowOperation<typeof bareCaseWorkflow>(BARE_WORKFLOW_TYPE, { workflowId, taskQueue, workflowIdConflictPolicy: 'FAIL', args: [options] });
  let startedAt = performance.now();
  await client.workflow.executeUpdateWithStart(bareSubmitUpdate, { startWorkflowOperation: start });
  onStep('submit', performance.now() - startedAt);
  const handle = await start.workflowHandle();
  for (let n = 1; n <= BARE_DECISIONS; n++) {
    startedAt = performance.now();
    await handle.executeUpdate(bareDecideUpdate, { args: [n] });
    onStep('decision', performance.now() - startedAt);
  }
  await handle.result();
}

/**
 * Test only, bundled for its own worker and task queue (test/api/broken-workflow.api.test.ts), never for the
 * real worker: a case workflow with a bug. It answers the real update wire names, and its handlers throw a
 * plain Error, which fails the workflow task on every attempt, as a bug in workflow code does.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { claimUpdate, decisionUpdate, revisionUpdate, withdrawalUpdate } from '../../workflows/shared/case.messages';

export async function brokenCaseWorkflow(): Promise<void> {
  for (const update of [claimUpdate, decisionUpdate, revisionUpdate, withdrawalUpdate]) {
    setHandler(update, () => {
      throw new Error('a deliberate bug in workflow code (test only)');
    });
  }
  await condition(() => false);
}

import { proxyActivities } from '@temporalio/workflow';
import type { TTreeHeadActivities } from '../../activities/tree-head.activity';
import { NON_RETRYABLE_FAILURE_TYPES } from '../../domain/failures';
import type { TSignedTreeHead } from '../../domain/transparency/log-entry';

const { publishTreeHead } = proxyActivities<TTreeHeadActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 5, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES] },
});

/** `log-tree-head:<id>`, started by an administrator's POST /admin/log/tree-head. */
export const treeHeadWorkflowId = (id: string): string => `log-tree-head:${id}`;

/** A signed tree head on demand: the API has no seal key, the worker's activity signs (activities/tree-head.activity.ts). */
export async function treeHeadWorkflow(): Promise<TSignedTreeHead> {
  return publishTreeHead();
}

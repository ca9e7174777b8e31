import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TCaseView } from '../workflows/shared/case.messages';
import { caseWorkflowId } from '../workflows/shared/case.messages';
import type { TCaseRow } from '../store/records.types';
import type { TApiDeps } from './deps';
import { ApiError } from './errors';

/**
 * Executes an update on a case the caller may act on. The store already showed the case exists, so a
 * workflow that is gone means the case has closed: a 409, not a 404.
 */
export async function updateCase<Arg>(
  deps: TApiDeps,
  row: TCaseRow,
  update: UpdateDefinition<TCaseView, [Arg]>,
  arg: Arg,
): Promise<TCaseView> {
  try {
    return await deps.temporal.workflow.getHandle(caseWorkflowId(row.kind, row.caseId)).executeUpdate(update, { args: [arg] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ApiError('INVALID_TRANSITION', `the case is already ${row.status}`);
    throw err;
  }
}

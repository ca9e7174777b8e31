import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TCaseView } from '../workflows/shared/case.messages';
import { caseWorkflowId, registrationUpdate } from '../workflows/shared/case.messages';
import type { TCaseWorkflowInput } from '../workflows/shared/case.messages';
import { SA_CASE_KIND, SA_TYPE_ID } from '../workflows/shared/search-attributes';
import type { TActor } from '../domain/roles';
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

/** The workflow type that runs each kind of case (names registered by workflows/index.ts). */
const WORKFLOW_TYPES = { permit: 'permitWorkflow', contract: 'contractWorkflow', addendum: 'addendumWorkflow' } as const;

/**
 * Starts a case with update-with-start: the registration update answers once the case is registered, so the
 * caller gets its number in the same response. The same case id attaches to the running case
 * (USE_EXISTING), and a closed case is never started again (REJECT_DUPLICATE): both answer with that case.
 */
export async function startCase(deps: TApiDeps, actor: TActor, input: TCaseWorkflowInput): Promise<void> {
  try {
    await deps.temporal.workflow.executeUpdateWithStart(registrationUpdate, {
      args: [{ actor }],
      startWorkflowOperation: new WithStartWorkflowOperation(WORKFLOW_TYPES[input.kind], {
        workflowId: caseWorkflowId(input.kind, input.caseId),
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: SA_CASE_KIND, value: input.kind },
          { key: SA_TYPE_ID, value: input.type.id },
        ],
      }),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

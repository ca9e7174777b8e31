import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateStage } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TCaseUpdateResult } from '../workflows/shared/case.messages';
import { caseWorkflowId, isCaseAnswer, registrationUpdate } from '../workflows/shared/case.messages';
import type { TCaseWorkflowInput } from '../workflows/shared/case.messages';
import { SA_CASE_KIND, SA_TYPE_ID } from '../workflows/shared/search-attributes';
import type { TActor } from '../domain/roles';
import type { TCaseRow } from '../store/records.types';
import type { Records } from '../store/records';
import type { TApiDeps } from './deps';
import { ApiError, caseUnavailable, isCaseRefusal, isTemporalError } from './errors';

/** First look at the workflow when an update is not accepted yet, then again at this interval. */
const PROBE_EVERY_MS = 250;
/**
 * How long a healthy but busy workflow may take to accept an update. The update carries the instant as its
 * `notAfter`, and the workflow's validators refuse it later than that (assertNotExpired).
 */
const ACCEPT_BOUND_MS = 10_000;
/** Past `notAfter`, for a workflow task that started just before it to finish. */
const ACCEPT_GRACE_MS = 1_000;

/**
 * Executes an update on a case the caller may act on. The store already showed the case exists, so a
 * workflow that is gone means the case has closed: a 409, not a 404.
 *
 * A case whose workflow task keeps failing (a bug in workflow code) would hold the request until the server
 * gives up, then answer 500. Instead the update is raced against a timer: until the workflow accepts it, the
 * API looks at the workflow every PROBE_EVERY_MS and answers 503 CASE_UNAVAILABLE (with the case id) as soon
 * as its pending workflow task is on a second or later attempt, i.e. it has failed; a workflow that is only
 * busy is given ACCEPT_BOUND_MS. Once accepted, the update runs to its result as before.
 *
 * What a 503 means for the request: it was not applied when the API answered, and the API stops waiting for
 * it. The server keeps it queued for the workflow; should the workflow recover (a fixed worker deployed), its
 * validators refuse the update once `notAfter` (ACCEPT_BOUND_MS after the request, by the server's clock) has
 * passed. So it is applied later only if the workflow recovers within that window; the 503's details give
 * `notAfter`, and a client reads the case before sending the request again.
 *
 * Once it has the result, the update is done and the store shows it (writeAnswer): the caller reads its own write.
 */
export async function updateCase<Arg>(
  deps: TApiDeps,
  row: TCaseRow,
  update: UpdateDefinition<TCaseUpdateResult, [Arg]>,
  arg: Arg,
): Promise<void> {
  const handle = deps.temporal.workflow.getHandle(caseWorkflowId(row.kind, row.caseId));
  const stopPolling = new AbortController();
  const notAfter = new Date(Date.now() + ACCEPT_BOUND_MS).toISOString();
  const unavailable = (why: string) => caseUnavailable(row.caseId, why, notAfter);
  try {
    const accepted = deps.temporal.connection.withAbortSignal(stopPolling.signal, () =>
      handle.startUpdate(update, { args: [{ ...arg, notAfter } as Arg], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    accepted.catch(() => undefined); // settled below, or abandoned on purpose with a 503
    const giveUpAt = Date.parse(notAfter) + ACCEPT_GRACE_MS;
    for (;;) {
      const settled = await Promise.race([accepted.then((u) => ({ u })), delay(PROBE_EVERY_MS)]);
      if (settled) {
        await writeAnswer(deps, row.caseId, await settled.u.result());
        return;
      }
      const failing = await workflowTaskFailing(deps.temporal, handle.workflowId);
      if (failing || Date.now() >= giveUpAt) {
        stopPolling.abort();
        throw unavailable(failing ? 'its workflow is failing' : 'its workflow did not take the request in time');
      }
    }
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ApiError('INVALID_TRANSITION', `the case is already ${row.status}`);
    if (err instanceof ApiError) throw err;
    if (isCaseRefusal(err)) throw err;
    // Anything else from Temporal here (an update failing with other than a refusal, a cancelled call) is the
    // workflow's fault, not the caller's.
    if (isTemporalError(err)) throw unavailable('its workflow could not complete the request');
    throw err;
  } finally {
    stopPolling.abort();
  }
}

const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

/**
 * True when the workflow's last workflow task failed: its pending task is on attempt 2 or later, or the last
 * event of its history is a workflow task failure (the first failure, before the retry is scheduled).
 */
export async function workflowTaskFailing(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    const [{ raw }, { history }] = await Promise.all([
      temporal.workflow.getHandle(workflowId).describe(),
      temporal.workflowService.getWorkflowExecutionHistoryReverse({ namespace: temporal.options.namespace, execution: { workflowId }, maximumPageSize: 1 }),
    ]);
    return (raw.pendingWorkflowTask?.attempt ?? 0) > 1 || Boolean(history?.events?.[0]?.workflowTaskFailedEventAttributes);
  } catch {
    return false; // a workflow that cannot be described is not known to be failing
  }
}

/** The workflow type that runs each kind of case (names registered by workflows/index.ts). */
const WORKFLOW_TYPES = { permit: 'permitWorkflow', contract: 'contractWorkflow', addendum: 'addendumWorkflow' } as const;

/**
 * Writes the projection an update answered with (cases with `case-projection-in-answer-v1`), so that the caller's
 * next read shows the update; older cases answer once their projector has written it, and their view is ignored.
 * The result reaches the API only after the workflow task that completed the update committed, so this is committed
 * state; the store keeps the highest version, and the projector writing the same version later changes nothing.
 * The update is done whatever happens here: a failed write is logged, not answered as an error (the projector writes
 * the version moments later).
 */
export async function writeAnswer(deps: Pick<TApiDeps, 'logger'> & { records: Pick<Records, 'projectCase'> }, caseId: string, result: TCaseUpdateResult): Promise<void> {
  if (!isCaseAnswer(result) || result.projection === null) return;
  if (result.projection.caseId !== caseId) throw new Error(`an update of case ${caseId} answered with a projection of case ${result.projection.caseId}`);
  try {
    await deps.records.projectCase(result.projection);
  } catch (err) {
    deps.logger.warn({ err, caseId, version: result.projection.version }, 'the projection of an answered update was not written; the projector writes it');
  }
}

/**
 * What a retried start answers with: a case the store shows registered but not projected yet (version 0) was started
 * by an API that died before writing the registration's answer, which the workflow leaves to its caller for a while
 * (case-quiet-history-v1); the retry asks for that answer again and writes it, so that it too reads its own write.
 */
export async function retriedStart(deps: TApiDeps, actor: TActor, row: TCaseRow): Promise<TCaseRow> {
  if (row.version > 0) return row;
  await updateCase(deps, row, registrationUpdate, { actor });
  return (await deps.records.getCase(row.caseId)) ?? row;
}

/**
 * Starts a case with update-with-start: the registration update answers once the case is registered, so the
 * caller gets its number in the same response. The same case id attaches to the running case
 * (USE_EXISTING), and a closed case is never started again (REJECT_DUPLICATE): both answer with that case.
 */
export async function startCase(deps: TApiDeps, actor: TActor, input: TCaseWorkflowInput): Promise<void> {
  try {
    const result = await deps.temporal.workflow.executeUpdateWithStart(registrationUpdate, {
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
    await writeAnswer(deps, input.caseId, result);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

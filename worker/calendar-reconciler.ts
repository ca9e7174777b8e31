import { errorMessage, startPeriodicPass, type TPeriodicPass } from './periodic-pass';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { calendarReprojectionWorkflowId } from '../domain/working-time/calendar-change';
import type { CalendarClosures } from '../store/calendar-closures';
import type { calendarReprojectionWorkflow } from '../workflows/calendar/calendar-reprojection.workflow';

/**
 * The API writes a closure change to the store, then starts its re-projection workflow
 * (`calendar-reprojection:<changeId>`). If the API dies between the two, the change is in force but no open case was
 * re-projected. The reconciler finds the changes whose re-projection was never seen completed and starts it: a
 * duplicate start is a no-op (a running one is attached to, a completed one refused and then noted in the store),
 * so any number of workers may reconcile at once. It runs when the worker starts, then every interval.
 */

/** Changes younger than this are left to the API that is writing them (it starts their workflow itself). */
export const RECONCILE_GRACE_MS = 60_000;
/** Changes older than this are not looked at (the namespace may have forgotten their workflows by then). */
export const RECONCILE_HORIZON_MS = 30 * 86_400_000;
/** Changes started or checked per pass. */
export const RECONCILE_BATCH = 50;

export interface TCalendarReconcilerDeps {
  client: Client;
  taskQueue: string;
  closures: Pick<CalendarClosures, 'notReprojected' | 'markReprojected'>;
}

export interface TReconcileResult {
  /** Changes whose re-projection this pass started (none had run, or the last run failed or was terminated). */
  started: string[];
  /** Changes whose re-projection was running already (attached to, nothing started). */
  running: string[];
  /** Changes whose re-projection had completed: noted in the store, not looked at again. */
  completed: string[];
}

/** One pass: each pending change's re-projection started, or found running or completed. */
export async function reconcileCalendarChanges(deps: TCalendarReconcilerDeps, now = new Date()): Promise<TReconcileResult> {
  const pending = await deps.closures.notReprojected({
    since: new Date(now.getTime() - RECONCILE_HORIZON_MS).toISOString(),
    before: new Date(now.getTime() - RECONCILE_GRACE_MS).toISOString(),
    limit: RECONCILE_BATCH,
  });
  const result: TReconcileResult = { started: [], running: [], completed: [] };
  for (const { change, closures } of pending) {
    const workflowId = calendarReprojectionWorkflowId(change.changeId);
    const status = await deps.client.workflow
      .getHandle(workflowId)
      .describe()
      .then((d) => d.status.name, (err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      });
    if (status === 'RUNNING') {
      result.running.push(change.changeId);
      continue;
    }
    try {
      if (status !== 'COMPLETED') {
        await deps.client.workflow.start<typeof calendarReprojectionWorkflow>('calendarReprojectionWorkflow', {
          taskQueue: deps.taskQueue,
          workflowId,
          args: [{ signal: { change, closures }, after: null, signalled: 0 }],
          // Never two at once, nor again after one completed (another worker reconciling, the API starting late).
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
        result.started.push(change.changeId);
        continue;
      }
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await deps.closures.markReprojected(change.changeId, now);
    result.completed.push(change.changeId);
  }
  return result;
}

export type TCalendarReconciler = TPeriodicPass;

/** Reconciles now and then every `intervalMs` (default 5 minutes); a failed pass is logged and the next one tries again. */
export function startCalendarReconciler(deps: TCalendarReconcilerDeps & { intervalMs?: number; log: { warn(fields: object, msg: string): void; info(fields: object, msg: string): void } }): TCalendarReconciler {
  return startPeriodicPass(
    async () => {
      const r = await reconcileCalendarChanges(deps);
      if (r.started.length) deps.log.info({ started: r.started }, 'calendar changes re-projected that had not been');
    },
    deps.intervalMs ?? 5 * 60_000,
    (err) => deps.log.warn({ error: errorMessage(err) }, 'calendar reconciliation failed; next pass retries'),
  );
}

import { continueAsNew, getExternalWorkflowHandle, log, proxyActivities } from '@temporalio/workflow';
import type { TRecordActivities } from '../../activities/records.activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../../domain/failures';
import { calendarChangedSignal, caseWorkflowId } from '../shared/case.messages';
import { REPROJECTION_PAGE_SIZE, type TCalendarReprojectionInput, type TCalendarReprojectionResult } from './calendar-reprojection.messages';

const records = proxyActivities<TRecordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES] },
});

/** Pages per run before the history starts afresh (continue-as-new): 400 signals, each two events and its input. */
const PAGES_PER_RUN = 2;

/**
 * After a closure is added or removed (issue 10 §3): pages through the store's open cases whose deadlines the
 * closure's date could move, and signals each one `calendarChanged`. Durable: if the API that started it or the
 * worker dies half-way, the run goes on from the last page signalled. A case that has ended meanwhile is skipped;
 * a case signalled twice (a retried page) ignores the revision it already applied.
 */
export async function calendarReprojectionWorkflow(input: TCalendarReprojectionInput): Promise<TCalendarReprojectionResult> {
  let { after, signalled } = input;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const cases = await records.openCasesForCalendarChange({ date: input.signal.change.date, after, limit: REPROJECTION_PAGE_SIZE });
    await Promise.all(
      cases.map((c) =>
        getExternalWorkflowHandle(caseWorkflowId(c.kind, c.caseId))
          .signal(calendarChangedSignal, input.signal)
          .catch((err: unknown) => log.info('case not signalled (ended meanwhile)', { caseId: c.caseId, error: err instanceof Error ? err.message : String(err) })),
      ),
    );
    signalled += cases.length;
    if (cases.length < REPROJECTION_PAGE_SIZE) return { signalled };
    after = cases.at(-1)!.caseId;
  }
  return continueAsNew<typeof calendarReprojectionWorkflow>({ ...input, after, signalled });
}

import { dayNumber, localDate, ZIsoDateSchema } from '../../domain/calendar';
import type { TActor } from '../../domain/roles';
import { CLOSURE_LIMITS, type TCalendarChange, type TClosuresEdition } from '../../domain/working-time/calendar-change';
import type { TWorkingTime } from '../../domain/working-time/working-days';
import { ClosureChangeRefused } from '../../store/calendar-closures';
import { calendarReprojectionWorkflowId } from '../../workflows/calendar/calendar-reprojection.messages';
import type { calendarReprojectionWorkflow } from '../../workflows/calendar/calendar-reprojection.workflow';
import type { TApiDeps } from '../deps';
import { ApiError, invalid } from '../errors';
import { ZClosureBodySchema } from '../schemas';

/**
 * The office calendar and the closures in force now: what every count of working days outside a case's own clock
 * uses (inbox tags, admin ages and analytics, applicants' estimates, contract dates), read once per request.
 */
export async function workingTimeNow(deps: Pick<TApiDeps, 'officeCalendar' | 'records'>): Promise<TWorkingTime> {
  return { calendar: deps.officeCalendar, closures: (await deps.records.calendarClosures.edition()).closures };
}

/** The date must lie within a year back and two years ahead of today (office time). */
function checkDateInRange(date: string, deps: TApiDeps, now: Date): void {
  const today = dayNumber(localDate(now, deps.officeCalendar));
  const day = dayNumber(date);
  if (day < today - CLOSURE_LIMITS.maxDaysBack || day > today + CLOSURE_LIMITS.maxDaysAhead) {
    throw invalid('date', `a closure lies at most ${CLOSURE_LIMITS.maxDaysBack} days back and ${CLOSURE_LIMITS.maxDaysAhead} days ahead of today`);
  }
}

export interface TClosureChangeResult {
  change: TCalendarChange;
  revision: number;
  items: TClosuresEdition['closures'];
  /** The workflow that signals every open case the change could concern. */
  reprojection: { workflowId: string };
}

/**
 * Writes the change (closure, numbered change and admin event in one transaction), then starts the durable
 * re-projection: a workflow per change that pages through the open cases and signals each one.
 */
async function applied(deps: TApiDeps, write: () => Promise<{ change: TCalendarChange; edition: TClosuresEdition }>): Promise<TClosureChangeResult> {
  let result: Awaited<ReturnType<typeof write>>;
  try {
    result = await write();
  } catch (err) {
    if (err instanceof ClosureChangeRefused) throw new ApiError(err.code === 'CLOSURE_NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT', err.message);
    throw err;
  }
  const workflowId = calendarReprojectionWorkflowId(result.change.changeId);
  await deps.temporal.workflow.start<typeof calendarReprojectionWorkflow>('calendarReprojectionWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [{ signal: { change: result.change, closures: result.edition.closures }, after: null, signalled: 0 }],
  });
  return { change: result.change, revision: result.edition.revision, items: result.edition.closures, reprojection: { workflowId } };
}

export async function addClosure(deps: TApiDeps, actor: TActor, body: unknown, now = new Date()): Promise<TClosureChangeResult> {
  const { date, reason } = ZClosureBodySchema.parse(body);
  checkDateInRange(date, deps, now);
  return applied(deps, () => deps.records.calendarClosures.add({ date, reason, by: actor.userId }, now));
}

export async function removeClosure(deps: TApiDeps, actor: TActor, dateParam: string, now = new Date()): Promise<TClosureChangeResult> {
  const parsed = ZIsoDateSchema.safeParse(dateParam);
  if (!parsed.success) throw invalid('date', 'expected a calendar date YYYY-MM-DD');
  return applied(deps, () => deps.records.calendarClosures.remove({ date: parsed.data, by: actor.userId }, now));
}

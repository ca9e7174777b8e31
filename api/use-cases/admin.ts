import { z } from 'zod';
import { localDate } from '../../domain/calendar';
import type { TCaseStatus } from '../../domain/case';
import { lapseMark } from '../../domain/engine/lapse-mark';
import { isAdmin, type TActor } from '../../domain/roles';
import { daysBefore, daysSpanned, localDateRange, weekBoundaries, workingAgeBoundaries } from '../../domain/service-level-periods';
import { AGE_BUCKETS, breachForecast, FORECAST_HISTORY_DAYS, stageServiceLevels } from '../../domain/sla-analytics';
import { workingDayCounter } from '../../domain/working-time/working-days';
import { adminActionItem } from '../../store/admin-items';
import type { TCaseRow } from '../../store/records.types';
import type { TOpenCasesGroup } from '../../store/service-levels';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { workflowTaskFailing } from '../case-updates';
import { decodeCursor, encodeCursor, nextCursorOf, ZCursorId, ZCursorInstant, zCursor } from '../cursor';
import type { TApiDeps } from '../deps';
import { workingTimeNow } from './calendar';
import { ApiError, invalid, notFound } from '../errors';
import { toCsv } from '../csv';
import { ZRevocationSchema, type SLA_CSV_TABLES } from '../schemas';
import { withMaskedApplicant } from '../views';

/** At most this many cases are described per request (overdue first, as listOpenCases orders them). */
const STUCK_SCAN_LIMIT = 500;
const STUCK_SCAN_CONCURRENCY = 8;

export { AGE_BUCKETS };
/** The periods (weeks) the on-time figures may cover. */
export const ON_TIME_WEEKS = [4, 8, 12] as const;
/** How many overdue cases the dashboard lists (the case list and the CSV have all of them). */
export const DASHBOARD_OVERDUE_ROWS = 20;
/** The most rows an export carries. */
export const EXPORT_LIMIT = 10_000;

export function assertAdmin(actor: TActor): void {
  if (!isAdmin(actor)) throw new ApiError('FORBIDDEN', 'only administrators may do this');
}

type TListRow = Pick<TCaseRow, 'caseId' | 'kind' | 'typeId' | 'registrationNumber' | 'status' | 'stageId' | 'stageName' | 'submittedAt' | 'stageDueAt' | 'caseDueAt' | 'closedAt'> & {
  overdue: boolean;
};

/**
 * The open cases whose workflow task keeps failing. The dev server (Temporal 1.29) has no
 * TemporalReportedProblems search attribute to ask Visibility, so each open case's workflow is described.
 */
async function stuckCases<T extends TListRow>(deps: TApiDeps, open: T[]): Promise<T[]> {
  const scanned = open.slice(0, STUCK_SCAN_LIMIT);
  const failing: boolean[] = new Array(scanned.length).fill(false);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < scanned.length; i = next++) {
      failing[i] = await workflowTaskFailing(deps.temporal, caseWorkflowId(scanned[i]!.kind, scanned[i]!.caseId));
    }
  };
  await Promise.all(Array.from({ length: STUCK_SCAN_CONCURRENCY }, worker));
  return scanned.filter((_, i) => failing[i]);
}

export interface TAdminCaseListInput {
  /** `stuck`: only running cases whose workflow task keeps failing. */
  problem?: 'stuck';
  /** `open` (the default): cases still running; a status: the cases in it, newest first. */
  status?: 'open' | TCaseStatus;
  typeId?: string;
  stageId?: string;
  overdueOnly?: boolean;
  /** At most this many cases (the CSV exports: EXPORT_LIMIT). */
  limit: number;
  /** nextCursor of the previous page (its shape depends on the list: open, a status, or stuck). */
  cursor?: string;
}

/** The cursors of the three lists of the case list, each in its list's order (store/keyset.ts). */
const OPEN_CURSOR = zCursor('admin-open', z.tuple([z.union([z.literal(0), z.literal(1)]), ZCursorInstant.nullable(), ZCursorId]));
const STATUS_CURSOR = zCursor('admin-status', z.tuple([ZCursorInstant, ZCursorId]));
const STUCK_CURSOR = zCursor('admin-stuck', z.tuple([ZCursorId]));

/**
 * Service-level oversight (GET /admin/cases and the page /dasbor/kasus): open cases with their stage, age in
 * working days and due dates, overdue first; or the cases of one status, newest first; or the stuck ones, by case
 * id. One page at a time; `nextCursor` continues. The open list's order reads "overdue" at each request: a case
 * falling overdue between two pages moves up, behind the reader.
 */
export async function adminCaseList(deps: TApiDeps, actor: TActor, input: TAdminCaseListInput) {
  assertAdmin(actor);
  const now = new Date();
  const status = input.status ?? 'open';
  const filter = { typeId: input.typeId, stageId: input.stageId };
  let rows: TListRow[];
  let nextCursor: string | null;
  if (input.problem === 'stuck') {
    const after = decodeCursor(STUCK_CURSOR, input.cursor)?.[0];
    const open = (await deps.records.listOpenCases(now)).filter(
      (r) => (filter.typeId === undefined || r.typeId === filter.typeId) && (filter.stageId === undefined || r.stageId === filter.stageId) && (!input.overdueOnly || r.overdue),
    );
    // Active contracts are settled for the office but their workflows run (addenda): they can be stuck too.
    const active = input.overdueOnly
      ? []
      : (await deps.records.listCases({ status: 'active', typeId: filter.typeId, limit: STUCK_SCAN_LIMIT })).items
          .filter((r) => filter.stageId === undefined || r.stageId === filter.stageId)
          .map((r) => ({ ...r, overdue: false }));
    const stuck = (await stuckCases(deps, [...open, ...active])).filter((r) => after === undefined || r.caseId > after).sort((x, y) => (x.caseId < y.caseId ? -1 : 1));
    rows = stuck.slice(0, input.limit);
    nextCursor = stuck.length > input.limit ? encodeCursor('admin-stuck', [rows.at(-1)!.caseId]) : null;
  } else if (status !== 'open') {
    const page = await deps.records.listCases({ status, typeId: filter.typeId, limit: input.limit, cursor: decodeCursor(STATUS_CURSOR, input.cursor) });
    rows = page.items.map((r) => ({ ...r, overdue: false }));
    nextCursor = nextCursorOf('admin-status', page);
  } else {
    const cursor = decodeCursor(OPEN_CURSOR, input.cursor);
    const page = await deps.records.serviceLevels.openCases(now, { ...filter, overdueOnly: input.overdueOnly, limit: input.limit, cursor });
    rows = page.items.map((r) => ({ ...r, closedAt: null }));
    nextCursor = nextCursorOf('admin-open', page);
  }
  const [applicants, issued, time, lapses] = await Promise.all([
    deps.records.getApplicants(rows.map((row) => row.caseId)),
    status === 'open' ? Promise.resolve(new Map<string, { number: string; status: string }>()) : deps.records.serviceLevels.issuedByCases(rows.map((r) => r.caseId)),
    workingTimeNow(deps),
    deps.records.getLapses(rows.map((row) => row.caseId)),
  ]);
  const ageOf = workingDayCounter(time);
  return {
    asOf: now.toISOString(),
    nextCursor,
    items: rows.map((row) => ({
      ...withMaskedApplicant(row, applicants),
      kind: row.kind,
      // Open: working days so far; closed: the working days it took, not a count that goes on growing after it.
      ageWorkingDays: ageOf(new Date(row.submittedAt), row.closedAt ? new Date(row.closedAt) : now),
      overdue: row.overdue,
      issued: issued.get(row.caseId) ?? null,
      lapse: lapseMark(row, lapses.get(row.caseId), now),
    })),
  };
}
export type TAdminCaseItem = Awaited<ReturnType<typeof adminCaseList>>['items'][number];

/** The issued document of a case, for an administrator about to revoke it. */
export async function issuedDocumentOfCase(deps: TApiDeps, actor: TActor, caseId: string) {
  assertAdmin(actor);
  const [issued, row] = await Promise.all([deps.records.issuance.byCase(caseId), deps.records.getCase(caseId)]);
  if (!issued || !row) throw notFound('issued permit');
  return { issued, case: row };
}

/**
 * Revokes an issued permit (POST /admin/permits/:id/revocation and the page's confirmation): the reason code is
 * public (domain/revocation.ts), the note internal. 409 when the document is no longer valid.
 */
export async function revokePermit(deps: TApiDeps, actor: TActor, caseId: string, body: z.input<typeof ZRevocationSchema>) {
  assertAdmin(actor);
  const { reason, reasonCode } = ZRevocationSchema.parse(body);
  const issued = await deps.records.issuance.byCase(caseId);
  if (!issued) throw notFound('issued permit');
  const at = new Date();
  // A document is revoked once: its number makes the request one (a repeat is refused below and logs nothing).
  const logged = adminActionItem({ action: 'permit_revoked', actorId: actor.userId, target: issued.number, ids: { caseId }, request: { reasonCode, reason }, once: issued.number, at: at.toISOString() });
  if (!(await deps.records.issuance.changeStatus(issued.number, 'revoked', reason, at, reasonCode, actor.userId, [logged]))) {
    throw new ApiError('CONFLICT', `permit ${issued.number} is already ${issued.status}`);
  }
  deps.logger.info({ number: issued.number, by: actor.userId }, 'permit revoked');
  const after = (await deps.records.issuance.byNumber(issued.number))!;
  return { number: after.number, status: after.status, reason: after.statusReason, reasonCode: after.publicReason, revokedAt: after.statusChangedAt };
}

export interface TDashboardFilter {
  typeId?: string;
  stageId?: string;
  /** How many weeks the on-time figures cover (one of ON_TIME_WEEKS). */
  weeks: number;
  /** The range of the service-level analytics (local dates; default the last SLA_DEFAULT_DAYS days). */
  from?: string;
  to?: string;
}

/**
 * The service-level dashboard: open cases per type and stage, the overdue ones, their age in working days, the
 * share of tasks decided on time per stage and week, and the service-level analytics (`sla`: per type and stage,
 * and the breach forecast) from the same use case as GET /admin/sla.
 */
export async function serviceLevelDashboard(deps: TApiDeps, actor: TActor, filter: TDashboardFilter) {
  assertAdmin(actor);
  const now = new Date();
  const where = { typeId: filter.typeId, stageId: filter.stageId };
  const ageBoundaries = workingAgeBoundaries(now, AGE_BUCKETS.slice(1), await workingTimeNow(deps));
  const weeks = weekBoundaries(now, filter.weeks, deps.officeCalendar);
  const sl = deps.records.serviceLevels;
  const [groups, ageCounts, onTimeCells, overdue, sla] = await Promise.all([
    sl.openByTypeAndStage(now, where),
    sl.openByAge(ageBoundaries, where),
    sl.onTimeByStage(weeks.boundaries, where),
    adminCaseList(deps, actor, { ...where, overdueOnly: true, limit: DASHBOARD_OVERDUE_ROWS }),
    serviceLevelAnalytics(deps, actor, { ...where, from: filter.from, to: filter.to }, now),
  ]);
  const stages = new Map<string, { stageId: string; stageName: string; weeks: Array<{ decided: number; onTime: number }> }>();
  for (const cell of onTimeCells) {
    let stage = stages.get(cell.stageId);
    if (!stage) {
      stage = { stageId: cell.stageId, stageName: cell.stageName, weeks: weeks.mondays.map(() => ({ decided: 0, onTime: 0 })) };
      stages.set(cell.stageId, stage);
    }
    stage.weeks[cell.period] = { decided: cell.decided, onTime: cell.onTime };
  }
  return {
    asOf: now.toISOString(),
    totals: { open: sum(groups, (g) => g.open), overdue: sum(groups, (g) => g.overdue) },
    openByStage: groups,
    overdue,
    aging: AGE_BUCKETS.map((from, i) => ({ from, to: i + 1 < AGE_BUCKETS.length ? AGE_BUCKETS[i + 1]! - 1 : null, count: ageCounts[i] ?? 0 })),
    onTime: { weeks: weeks.mondays, stages: [...stages.values()] },
    sla,
  };
}
export type TDashboard = Awaited<ReturnType<typeof serviceLevelDashboard>>;
export type { TOpenCasesGroup };

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

/** The default range of the service-level analytics: the last this many days, today included. */
export const SLA_DEFAULT_DAYS = 90;
/** The longest range the analytics cover (a leap year), so that one request reads a bounded number of rows. */
export const SLA_MAX_DAYS = 366;
/** The most stage rounds one request reads (closed in the range, or open now); more is refused, not cut. */
export const SLA_MAX_ROWS = 50_000;

export interface TSlaInput {
  /** Local office dates (YYYY-MM-DD), both included; default: the last SLA_DEFAULT_DAYS days up to today. */
  from?: string;
  to?: string;
  typeId?: string;
  stageId?: string;
}

/**
 * Service-level analytics (GET /admin/sla and the dashboard's per-stage tables): per type and stage, the stages
 * closed in the range with their on-time share and the median and 90th percentile of working days used, the open
 * ones by age, and the breach forecast of the open ones learnt from the stages closed in the last
 * FORECAST_HISTORY_DAYS days, working days counted by the deadline rule on the office calendar. The store returns
 * rounds; domain/sla-analytics.ts does every sum.
 */
export async function serviceLevelAnalytics(deps: TApiDeps, actor: TActor, input: TSlaInput, now = new Date()) {
  assertAdmin(actor);
  const today = localDate(now, deps.officeCalendar);
  const to = input.to ?? today;
  const from = input.from ?? daysBefore(to, SLA_DEFAULT_DAYS - 1);
  if (daysSpanned(from, to) < 1) throw invalid('to', `must not come before from (${from})`);
  if (daysSpanned(from, to) > SLA_MAX_DAYS) throw invalid(input.from === undefined ? 'to' : 'from', `the range may span at most ${SLA_MAX_DAYS} days`);
  const historyFrom = daysBefore(today, FORECAST_HISTORY_DAYS - 1);
  const filter = { typeId: input.typeId, stageId: input.stageId };
  const sl = deps.records.serviceLevels;
  const bounded = async <T>(rows: Promise<T[]>, parameter: string, what: string) => {
    const found = await rows;
    if (found.length > SLA_MAX_ROWS) throw invalid(parameter, `more than ${SLA_MAX_ROWS} ${what}: choose a shorter range, a type or a stage`);
    return found;
  };
  const sameWindow = from === historyFrom && to === today;
  const [closed, open, history, time] = await Promise.all([
    bounded(sl.closedStages(localDateRange(from, to, deps.officeCalendar), filter, SLA_MAX_ROWS + 1), 'from', 'stages closed in the range'),
    bounded(sl.openStages(filter, SLA_MAX_ROWS + 1), 'typeId', 'open stages'),
    sameWindow ? undefined : bounded(sl.closedStages(localDateRange(historyFrom, today, deps.officeCalendar), filter, SLA_MAX_ROWS + 1), 'typeId', 'stages closed in the forecast window'),
    workingTimeNow(deps),
  ]);
  const forecast = breachForecast({ open, history: history ?? closed, now, time });
  return {
    asOf: now.toISOString(),
    from,
    to,
    typeId: input.typeId ?? null,
    stageId: input.stageId ?? null,
    ageBuckets: AGE_BUCKETS.map((lower, i) => ({ from: lower, to: i + 1 < AGE_BUCKETS.length ? AGE_BUCKETS[i + 1]! - 1 : null })),
    stages: stageServiceLevels({ closed, open, now, time }),
    forecast: { historyFrom, historyTo: today, withoutHistory: forecast.withoutHistory, items: forecast.items },
  };
}
export type TSlaAnalytics = Awaited<ReturnType<typeof serviceLevelAnalytics>>;

/** One table of the analytics as CSV for GET /admin/sla (stable English column names; the pages write their own). */
export function slaCsv(data: TSlaAnalytics, table: (typeof SLA_CSV_TABLES)[number]): string {
  if (table === 'forecast') {
    return toCsv(
      ['registration_number', 'case_id', 'type_id', 'stage_id', 'stage_name', 'opened_at', 'elapsed_working_days', 'remaining_working_days', 'based_on', 'expected_finish_at', 'stage_due_at', 'case_due_at', 'breaches', 'late_by_working_days'],
      data.forecast.items.map((f) => [
        f.registrationNumber,
        f.caseId,
        f.typeId,
        f.stageId,
        f.stageName,
        f.openedAt,
        f.elapsedWorkingDays,
        f.remainingWorkingDays,
        f.basedOn,
        f.expectedFinishAt,
        f.stageDueAt,
        f.caseDueAt,
        f.breaches.join(' '),
        f.lateByWorkingDays,
      ]),
    );
  }
  return toCsv(
    ['type_id', 'stage_id', 'stage_name', 'closed', 'on_time', 'on_time_share', 'median_working_days', 'p90_working_days', 'open', ...data.ageBuckets.map((b) => `open_${b.from}_${b.to ?? 'plus'}`)],
    data.stages.map((s) => [s.typeId, s.stageId, s.stageName, s.closed, s.onTime, s.onTimeShare, s.medianWorkingDays, s.p90WorkingDays, s.open, ...s.openByAge]),
  );
}

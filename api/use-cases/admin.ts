import type { z } from 'zod';
import { workingDaysBetween } from '../../domain/calendar';
import type { TCaseStatus } from '../../domain/case';
import { isAdmin, type TActor } from '../../domain/roles';
import { weekBoundaries, workingAgeBoundaries } from '../../domain/service-level-periods';
import type { TCaseRow } from '../../store/records.types';
import type { TOpenCasesGroup } from '../../store/service-levels';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { workflowTaskFailing } from '../case-updates';
import type { TApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { ZRevocationSchema } from '../schemas';
import { withMaskedApplicant } from '../views';

/** At most this many cases are described per request (overdue first, as listOpenCases orders them). */
const STUCK_SCAN_LIMIT = 500;
const STUCK_SCAN_CONCURRENCY = 8;

/** Lower bounds of the aging histogram's buckets, in working days: 0–2, 3–5, 6–10, 11–20, 21 and more. */
export const AGE_BUCKETS = [0, 3, 6, 11, 21] as const;
/** The periods (weeks) the on-time figures may cover. */
export const ON_TIME_WEEKS = [4, 8, 12] as const;
/** How many overdue cases the dashboard lists (the case list and the CSV have all of them). */
export const DASHBOARD_OVERDUE_ROWS = 20;
/** The most rows an export carries. */
export const EXPORT_LIMIT = 10_000;

function assertAdmin(actor: TActor): void {
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
  /** A page of the list; without it, every matching case (the JSON API's answer). */
  page?: { limit: number; offset: number };
}

/**
 * Service-level oversight (GET /admin/cases and the page /dasbor/kasus): open cases with their stage, age in
 * working days and due dates, overdue first; or the cases of one status; or the stuck ones.
 */
export async function adminCaseList(deps: TApiDeps, actor: TActor, input: TAdminCaseListInput) {
  assertAdmin(actor);
  const now = new Date();
  const status = input.status ?? 'open';
  const filter = { typeId: input.typeId, stageId: input.stageId };
  let rows: TListRow[];
  let total: number;
  if (input.problem === 'stuck') {
    const open = (await deps.records.listOpenCases(now)).filter(
      (r) => (filter.typeId === undefined || r.typeId === filter.typeId) && (filter.stageId === undefined || r.stageId === filter.stageId) && (!input.overdueOnly || r.overdue),
    );
    // Active contracts are settled for the office but their workflows run (addenda): they can be stuck too.
    const active = input.overdueOnly
      ? []
      : (await deps.records.listCases({ status: 'active', typeId: filter.typeId, limit: STUCK_SCAN_LIMIT, offset: 0 })).items
          .filter((r) => filter.stageId === undefined || r.stageId === filter.stageId)
          .map((r) => ({ ...r, overdue: false }));
    const stuck = await stuckCases(deps, [...open, ...active]);
    total = stuck.length;
    rows = input.page ? stuck.slice(input.page.offset, input.page.offset + input.page.limit) : stuck;
  } else if (status !== 'open') {
    const page = input.page ?? { limit: EXPORT_LIMIT, offset: 0 };
    const listed = await deps.records.listCases({ status, typeId: filter.typeId, limit: page.limit, offset: page.offset });
    rows = listed.items.map((r) => ({ ...r, overdue: false }));
    total = listed.total;
  } else if (!input.page && !input.overdueOnly && filter.typeId === undefined && filter.stageId === undefined) {
    rows = await deps.records.listOpenCases(now);
    total = rows.length;
  } else {
    const page = input.page ?? { limit: EXPORT_LIMIT, offset: 0 };
    const listed = await deps.records.serviceLevels.openCases(now, { ...filter, overdueOnly: input.overdueOnly, ...page });
    rows = listed.items.map((r) => ({ ...r, closedAt: null }));
    total = listed.total;
  }
  const [applicants, issued] = await Promise.all([
    deps.records.getApplicants(rows.map((row) => row.caseId)),
    status === 'open' ? Promise.resolve(new Map<string, { number: string; status: string }>()) : deps.records.serviceLevels.issuedByCases(rows.map((r) => r.caseId)),
  ]);
  return {
    asOf: now.toISOString(),
    total,
    items: rows.map((row) => ({
      ...withMaskedApplicant(row, applicants),
      kind: row.kind,
      ageWorkingDays: workingDaysBetween(new Date(row.submittedAt), now, deps.calendar),
      overdue: row.overdue,
      issued: issued.get(row.caseId) ?? null,
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
  if (!(await deps.records.issuance.changeStatus(issued.number, 'revoked', reason, new Date(), reasonCode))) {
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
}

/**
 * The service-level dashboard: open cases per type and stage, the overdue ones, their age in working days, and
 * the share of tasks decided on time per stage and week. Every figure is counted by the database.
 */
export async function serviceLevelDashboard(deps: TApiDeps, actor: TActor, filter: TDashboardFilter) {
  assertAdmin(actor);
  const now = new Date();
  const where = { typeId: filter.typeId, stageId: filter.stageId };
  const ageBoundaries = workingAgeBoundaries(now, AGE_BUCKETS.slice(1), deps.calendar);
  const weeks = weekBoundaries(now, filter.weeks, deps.calendar);
  const sl = deps.records.serviceLevels;
  const [groups, ageCounts, onTimeCells, overdue] = await Promise.all([
    sl.openByTypeAndStage(now, where),
    sl.openByAge(ageBoundaries, where),
    sl.onTimeByStage(weeks.boundaries, where),
    adminCaseList(deps, actor, { ...where, overdueOnly: true, page: { limit: DASHBOARD_OVERDUE_ROWS, offset: 0 } }),
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
  };
}
export type TDashboard = Awaited<ReturnType<typeof serviceLevelDashboard>>;
export type { TOpenCasesGroup };

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

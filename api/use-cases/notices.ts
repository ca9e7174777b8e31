import { z } from 'zod';
import { isAdmin, type TActor } from '../../domain/roles';
import type { TNoticeCursor, TNoticeListItem } from '../../store/stage-notices';
import type { TApiDeps } from '../deps';
import { encodeCursor, ZCursorId, ZCursorInstant, zCursor, zLimit } from '../cursor';
import { ApiError } from '../errors';

/**
 * A staff member's reminders and escalations (issue 10 §2), shared by `GET /api/v1/notices` and the inbox page:
 * the notices addressed to roles they hold, of the last NOTICE_WINDOW_DAYS days, newest first, a bounded page at a
 * time; and the administrators' open escalations for the dashboard.
 */

/** How far back the inbox and the API list notices. */
export const NOTICE_WINDOW_DAYS = 30;
/** The dashboard's list of open escalations; the count covers them all. */
export const DASHBOARD_ESCALATION_ROWS = 20;

export const ZNoticesQuerySchema = z.object({
  limit: zLimit(20, 100),
  cursor: zCursor('notices', z.tuple([ZCursorInstant, ZCursorId]))
    .transform(([at, key]): TNoticeCursor => ({ at, key }))
    .optional(),
});

export interface TNoticeView {
  caseId: string;
  caseKind: TNoticeListItem['caseKind'];
  registrationNumber: string;
  typeId: string;
  stageId: string;
  stageName: string;
  kind: TNoticeListItem['kind'];
  to: TNoticeListItem['to'];
  role: string;
  at: string;
  dueAt: string | null;
  /** The case is still on that stage (an escalation still open). */
  stageOpen: boolean;
  /** The task page to open (`/tugas/:id`), or the inbox when the store has no task for the stage. */
  link: string;
  taskId: string | null;
}

const view = (n: TNoticeListItem): TNoticeView => ({
  caseId: n.caseId,
  caseKind: n.caseKind,
  registrationNumber: n.registrationNumber,
  typeId: n.typeId,
  stageId: n.stageId,
  stageName: n.stageName,
  kind: n.kind,
  to: n.to,
  role: n.role,
  at: n.at,
  dueAt: n.dueAt,
  stageOpen: n.stageOpen,
  link: n.taskId ? `/tugas/${n.taskId}` : '/tugas',
  taskId: n.taskId,
});

/** My notices: addressed to a role I hold (never an applicant's), newest first; `nextCursor` continues after this page. */
export async function myNotices(deps: Pick<TApiDeps, 'records'>, actor: TActor, query: unknown, now = new Date()): Promise<{ items: TNoticeView[]; nextCursor: string | null }> {
  const q = ZNoticesQuerySchema.parse(query);
  const roles = actor.roles.filter((r) => r !== 'applicant');
  const since = new Date(now.getTime() - NOTICE_WINDOW_DAYS * 86_400_000).toISOString();
  // One more than the page: whether another page follows, without a count.
  const rows = await deps.records.stageNotices.forRoles({ roles, since, cursor: q.cursor, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(view), nextCursor: rows.length > q.limit && last ? encodeCursor('notices', [last.at, last.key]) : null };
}

/** Escalations whose case is still on the overdue stage: how many, and the longest overdue first (administrators). */
export async function openEscalations(deps: Pick<TApiDeps, 'records'>, actor: TActor, limit = DASHBOARD_ESCALATION_ROWS) {
  if (!isAdmin(actor)) throw new ApiError('FORBIDDEN', 'only administrators may do this');
  return deps.records.stageNotices.openEscalations(limit);
}

/** An inbox task's notice badge: its case's stage was escalated, or a reminder went to its role. */
export type TNoticeBadge = 'escalated' | 'reminded';

/** The badge of each task of an inbox page (bounded by the page), by task id. */
export async function noticeBadges(deps: Pick<TApiDeps, 'records'>, tasks: ReadonlyArray<{ id: string; caseId: string; stageId: string; role: string }>): Promise<Map<string, TNoticeBadge>> {
  const notices = await deps.records.stageNotices.forCases([...new Set(tasks.map((t) => t.caseId))]);
  const badges = new Map<string, TNoticeBadge>();
  for (const task of tasks) {
    const same = notices.filter((n) => n.caseId === task.caseId && n.stageId === task.stageId);
    if (same.some((n) => n.kind === 'escalation')) badges.set(task.id, 'escalated');
    else if (same.some((n) => n.role === task.role)) badges.set(task.id, 'reminded');
  }
  return badges;
}

import type { Kysely } from 'kysely';
import type { TCaseKind } from '../domain/case';
import { OPEN_TASK_STATUSES } from '../domain/case';
import type { TNoticeAddressee, TStageNoticeKind } from '../domain/engine/case-clock';
import type { TDatabase } from './database';

/** A reminder or escalation of a case's stage, addressed to a role's inbox (issue 10 §2). */
export interface TStageNoticeRow {
  /** `<caseId>:<stageId>:<kind>:<role>`: a retried activity or a replayed timer writes nothing new. */
  key: string;
  caseId: string;
  stageId: string;
  kind: TStageNoticeKind;
  to: TNoticeAddressee;
  role: string;
  /** When the notice fell due (its mark on the stage's clock) and the stage's deadline then. */
  at: string;
  dueAt: string | null;
  createdAt: string;
}

/** A notice as an inbox lists it: with its case, whether the case is still on that stage, and a task to open. */
export interface TNoticeListItem extends TStageNoticeRow {
  registrationNumber: string;
  typeId: string;
  caseKind: TCaseKind;
  stageName: string;
  /** The case is open and still on the notice's stage. */
  stageOpen: boolean;
  /** The stage's task of the notice's role, else one still open, else its latest; null when the store has none. */
  taskId: string | null;
}

/** An escalation whose stage the case is still on: the dashboard's open escalations. */
export interface TOpenEscalation {
  caseId: string;
  stageId: string;
  stageName: string;
  registrationNumber: string;
  typeId: string;
  caseKind: TCaseKind;
  /** When the stage became overdue (the escalation's mark) and its deadline now. */
  at: string;
  stageDueAt: string | null;
  taskId: string | null;
}

/** Where a page of notices ends: the next page starts after this (newest first, ties by key). */
export interface TNoticeCursor {
  at: string;
  key: string;
}

export class StageNotices {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Idempotent by key: each notice of a stage is written once per role, whatever is retried. */
  async enqueue(rows: Array<Omit<TStageNoticeRow, 'createdAt'>>): Promise<void> {
    if (rows.length === 0) return;
    const createdAt = new Date().toISOString();
    await this.db
      .insertInto('stage_notices')
      .values(rows.map((r) => ({ key: r.key, case_id: r.caseId, stage_id: r.stageId, kind: r.kind, addressee: r.to, role: r.role, at: r.at, due_at: r.dueAt, created_at: createdAt })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async forCase(caseId: string): Promise<TStageNoticeRow[]> {
    const rows = await this.db.selectFrom('stage_notices').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('key').execute();
    return rows.map(toRow);
  }

  /** Every notice of these cases (whatever its role), for the inbox's badges; bounded by the caller's page of tasks. */
  async forCases(caseIds: readonly string[]): Promise<TStageNoticeRow[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.db.selectFrom('stage_notices').selectAll().where('case_id', 'in', [...caseIds]).orderBy('at').orderBy('key').execute();
    return rows.map(toRow);
  }

  /** One page of the notices addressed to `roles` since `since`, newest first, after `cursor`. */
  async forRoles(q: { roles: readonly string[]; since: string; cursor?: TNoticeCursor; limit: number }): Promise<TNoticeListItem[]> {
    if (q.roles.length === 0) return [];
    let query = this.db
      .selectFrom('stage_notices as n')
      .innerJoin('cases as c', 'c.case_id', 'n.case_id')
      .selectAll('n')
      .select(['c.registration_number', 'c.type_id', 'c.kind as case_kind', 'c.stage_id as case_stage_id', 'c.stage_name as case_stage_name', 'c.closed_at'])
      .where('n.role', 'in', [...q.roles])
      .where('n.at', '>=', q.since);
    const cursor = q.cursor;
    if (cursor) query = query.where((eb) => eb.or([eb('n.at', '<', cursor.at), eb.and([eb('n.at', '=', cursor.at), eb('n.key', '<', cursor.key)])]));
    const rows = await query.orderBy('n.at', 'desc').orderBy('n.key', 'desc').limit(q.limit).execute();
    const tasks = await this.stageTasks(rows.map((r) => r.case_id));
    return rows.map((r) => {
      const task = taskOf(tasks, r.case_id, r.stage_id, r.role);
      return {
        ...toRow(r),
        registrationNumber: r.registration_number,
        typeId: r.type_id,
        caseKind: r.case_kind,
        stageName: task?.stage_name ?? (r.case_stage_id === r.stage_id ? r.case_stage_name : null) ?? r.stage_id,
        stageOpen: r.closed_at === null && r.case_stage_id === r.stage_id,
        taskId: task?.id ?? null,
      };
    });
  }

  /** The escalations whose case is still open on that stage (one per case and stage), longest overdue first, and their count. */
  async openEscalations(limit: number): Promise<{ items: TOpenEscalation[]; total: number }> {
    const base = this.db
      .selectFrom('stage_notices as n')
      .innerJoin('cases as c', (join) => join.onRef('c.case_id', '=', 'n.case_id').onRef('c.stage_id', '=', 'n.stage_id'))
      .where('n.kind', '=', 'escalation')
      .where('c.closed_at', 'is', null);
    const [rows, count] = await Promise.all([
      base
        .select((eb) => ['n.case_id', 'n.stage_id', eb.fn.min('n.at').as('at'), 'c.registration_number', 'c.type_id', 'c.kind as case_kind', 'c.stage_name', 'c.stage_due_at'])
        .groupBy(['n.case_id', 'n.stage_id', 'c.registration_number', 'c.type_id', 'c.kind', 'c.stage_name', 'c.stage_due_at'])
        .orderBy('at')
        .orderBy('n.case_id')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom(base.select(['n.case_id', 'n.stage_id']).distinct().as('e'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const tasks = await this.stageTasks(rows.map((r) => r.case_id));
    return {
      items: rows.map((r) => ({
        caseId: r.case_id,
        stageId: r.stage_id,
        stageName: r.stage_name ?? r.stage_id,
        registrationNumber: r.registration_number,
        typeId: r.type_id,
        caseKind: r.case_kind,
        at: String(r.at),
        stageDueAt: r.stage_due_at,
        taskId: taskOf(tasks, r.case_id, r.stage_id, null)?.id ?? null,
      })),
      total: Number(count.n),
    };
  }

  private async stageTasks(caseIds: readonly string[]) {
    if (caseIds.length === 0) return [];
    return this.db
      .selectFrom('tasks')
      .select(['id', 'case_id', 'stage_id', 'stage_name', 'role', 'status'])
      .where('case_id', 'in', [...new Set(caseIds)])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}

type TStageTask = Awaited<ReturnType<StageNotices['stageTasks']>>[number];

/** The task a notice links to: its role's open task, else any open one, else its role's latest, else the stage's latest. */
function taskOf(tasks: readonly TStageTask[], caseId: string, stageId: string, role: string | null): TStageTask | undefined {
  const stage = tasks.filter((t) => t.case_id === caseId && t.stage_id === stageId);
  const open = stage.filter((t) => OPEN_TASK_STATUSES.includes(t.status));
  return open.find((t) => t.role === role) ?? open[0] ?? stage.findLast((t) => t.role === role) ?? stage.at(-1);
}

function toRow(r: { key: string; case_id: string; stage_id: string; kind: TStageNoticeKind; addressee: TNoticeAddressee; role: string; at: string; due_at: string | null; created_at: string }): TStageNoticeRow {
  return { key: r.key, caseId: r.case_id, stageId: r.stage_id, kind: r.kind, to: r.addressee, role: r.role, at: r.at, dueAt: r.due_at, createdAt: r.created_at };
}

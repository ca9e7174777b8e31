import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { CASE_STATUSES, OPEN_TASK_STATUSES, SETTLED_STATUSES, type TCaseKind, type TCaseStatus } from '../domain/case';
import type { TClosedStage, TOpenStage } from '../domain/sla-analytics';

/** The statuses of running cases, listed (not `not in` the settled ones) so that an index serves the filter. */
const RUNNING_STATUSES = CASE_STATUSES.filter((s) => !SETTLED_STATUSES.includes(s));
/**
 * "The case is running" as the first column of cases_running_due_idx (migration 0024) writes it: the statuses as
 * literals, in this order. The index serves the filter only for this very expression.
 */
const RUNNING = sql<boolean>`(cases.status in (${sql.join(RUNNING_STATUSES.map((s) => sql.lit(s)))}))`;
import type { TDatabase } from './database';
import { keysetPage, keysetQuery, type TKeyColumn, type TKeysetPage, type TKeyValue } from './keyset';

/** Which open cases an administrator looks at: one type, one stage (both optional). */
export interface TServiceLevelFilter {
  typeId?: string;
  stageId?: string;
}

export interface TOpenCasesGroup {
  typeId: string;
  kind: TCaseKind;
  /** Null for a case between stages (with the applicant, or waiting for the workflow). */
  stageId: string | null;
  stageName: string | null;
  open: number;
  overdue: number;
}

export interface TOnTimeCell {
  stageId: string;
  stageName: string;
  /** Index of the period the tasks were decided in (0 = the oldest of the boundaries given). */
  period: number;
  decided: number;
  onTime: number;
}

export interface TOpenCaseRef {
  caseId: string;
  kind: TCaseKind;
  typeId: string;
  registrationNumber: string;
  status: TCaseStatus;
  stageId: string | null;
  stageName: string | null;
  submittedAt: string;
  stageDueAt: string | null;
  caseDueAt: string | null;
  overdue: boolean;
}

/**
 * The administrators' figures, counted by the database (GROUP BY and CASE over indexed text timestamps; no case
 * is loaded into memory to be counted). Portable SQL: ISO-8601 text compares as time in SQLite and PostgreSQL.
 */
export class ServiceLevels {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Open cases per type and stage, and how many of them are past their stage or case deadline. */
  async openByTypeAndStage(now: Date, filter: TServiceLevelFilter): Promise<TOpenCasesGroup[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select((eb) => [
        'type_id',
        'kind',
        'stage_id',
        eb.fn.max('stage_name').as('stage_name'),
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>(overdueFlag(eb, now)).as('overdue'),
      ])
      .where((eb) => openMatching(eb, filter))
      .groupBy(['type_id', 'kind', 'stage_id'])
      .orderBy('type_id')
      .orderBy('stage_id', (ob) => ob.asc().nullsFirst()) // as SQLite sorts nulls; PostgreSQL would put them last
      .execute();
    return rows.map((r) => ({
      typeId: r.type_id,
      kind: r.kind,
      stageId: r.stage_id,
      stageName: r.stage_name,
      open: Number(r.open),
      overdue: Number(r.overdue ?? 0),
    }));
  }

  /** Every case (open or closed) per kind and status: an index-only count over cases_status_kind_idx. */
  async casesByKindAndStatus(): Promise<Array<{ kind: TCaseKind; status: TCaseStatus; count: number }>> {
    const rows = await this.db
      .selectFrom('cases')
      .select((eb) => ['kind', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'kind'])
      .execute();
    return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.n) }));
  }

  /**
   * Open cases per age bucket: `boundaries` are instants, newest first; a case submitted before
   * `boundaries[i]` (and not before `boundaries[i + 1]`) is in bucket i + 1, one submitted at or after
   * `boundaries[0]` in bucket 0. The caller turns working-day ages into these instants with the calendar.
   */
  async openByAge(boundaries: readonly Date[], filter: TServiceLevelFilter): Promise<number[]> {
    const counts = new Array<number>(boundaries.length + 1).fill(0);
    const rows = await this.db
      .selectFrom('cases')
      .select((eb) => [bucketOf('cases.submitted_at', boundaries, 'desc').as('bucket'), eb.fn.countAll<number>().as('n')])
      .where((eb) => openMatching(eb, filter))
      .groupBy('bucket')
      .execute();
    for (const r of rows) counts[Number(r.bucket)] = Number(r.n);
    return counts;
  }

  /**
   * Decided tasks per stage and period, and how many of them were decided by their due time. `boundaries`
   * are ascending instants; period i holds the tasks decided in [boundaries[i], boundaries[i + 1]).
   */
  async onTimeByStage(boundaries: readonly Date[], filter: TServiceLevelFilter): Promise<TOnTimeCell[]> {
    if (boundaries.length < 2) return [];
    const first = boundaries[0]!.toISOString();
    const last = boundaries.at(-1)!.toISOString();
    const rows = await this.db
      .selectFrom('tasks')
      .innerJoin('cases', 'cases.case_id', 'tasks.case_id')
      .select((eb) => [
        'tasks.stage_id',
        eb.fn.max('tasks.stage_name').as('stage_name'),
        bucketOf('tasks.decided_at', boundaries.slice(1, -1), 'asc').as('period'),
        eb.fn.countAll<number>().as('decided'),
        eb.fn.sum<number>(eb.case().when('tasks.decided_at', '<=', eb.ref('tasks.due_at')).then(1).else(0).end()).as('on_time'),
      ])
      .where('tasks.status', '=', 'done')
      .where('tasks.decided_at', '>=', first)
      .where('tasks.decided_at', '<', last)
      .$if(filter.typeId !== undefined, (q) => q.where('cases.type_id', '=', filter.typeId!))
      .$if(filter.stageId !== undefined, (q) => q.where('tasks.stage_id', '=', filter.stageId!))
      .groupBy(['tasks.stage_id', 'period'])
      .orderBy('tasks.stage_id')
      .orderBy('period')
      .execute();
    return rows.map((r) => ({
      stageId: r.stage_id,
      stageName: r.stage_name ?? r.stage_id,
      period: Number(r.period),
      decided: Number(r.decided),
      onTime: Number(r.on_time ?? 0),
    }));
  }

  /**
   * One page of the open cases, overdue first then earliest case deadline (as `listOpenCases`; keyset: overdue at
   * `now`, case_due_at, case_id): the administrators' case list and the dashboard's overdue list. "Overdue now" is in
   * no index, so the page is read as two runs along cases_running_due_idx, the overdue cases then the others, each in
   * the index's order (nulls last by `case_due_at is null`; the flag tested on the index's stage_due_at): a page reads
   * the index up to its rows, not every open case sorted (about 12 ms at 10,000).
   */
  async openCases(
    now: Date,
    filter: TServiceLevelFilter & { overdueOnly?: boolean; limit: number; cursor?: readonly TKeyValue[] },
  ): Promise<TKeysetPage<TOpenCaseRef>> {
    const order: TKeyColumn[] = [
      { expr: sql`(cases.case_due_at is null)`, dir: 'asc' },
      { expr: sql.ref('cases.case_due_at'), dir: 'asc' },
      { expr: sql.ref('cases.case_id'), dir: 'asc' },
    ];
    const [cursorFlag, cursorDue, cursorId] = filter.cursor ?? [];
    const run = (flag: 0 | 1, limit: number) => {
      const query = this.db
        .selectFrom('cases')
        .select(['case_id', 'kind', 'type_id', 'registration_number', 'status', 'stage_id', 'stage_name', 'submitted_at', 'stage_due_at', 'case_due_at'])
        .where((eb) => eb.and([openMatching(eb, filter), overdueAt(eb, now, flag)]));
      const within = filter.cursor && Number(cursorFlag) === flag ? [cursorDue === null ? 1 : 0, cursorDue ?? null, cursorId ?? null] : undefined;
      return keysetQuery(query, order, within, limit).execute();
    };
    const rows: Array<Awaited<ReturnType<typeof run>>[number] & { overdue: number }> = [];
    for (const flag of filter.overdueOnly ? ([1] as const) : ([1, 0] as const)) {
      if (filter.cursor && Number(cursorFlag) < flag) continue; // the cursor is past the overdue run
      rows.push(...(await run(flag, filter.limit - rows.length)).map((r) => ({ ...r, overdue: flag })));
      if (rows.length > filter.limit) break;
    }
    return keysetPage(
      rows,
      filter.limit,
      (r) => [r.overdue, r.case_due_at, r.case_id],
      (r) => ({
        caseId: r.case_id,
        kind: r.kind,
        typeId: r.type_id,
        registrationNumber: r.registration_number,
        status: r.status,
        stageId: r.stage_id,
        stageName: r.stage_name,
        submittedAt: r.submitted_at,
        stageDueAt: r.stage_due_at,
        caseDueAt: r.case_due_at,
        overdue: r.overdue === 1,
      }),
    );
  }

  /**
   * Stage rounds (a case's tasks of one stage opened together) closed in [start, end): every task of the round
   * decided, the last decision in the range. At most `limit` rows (ask for one more to learn there are more).
   * Bounded by the range: the rounds are found from the tasks decided in it, then read whole by case.
   */
  async closedStages(range: { start: Date; end: Date }, filter: TServiceLevelFilter, limit: number): Promise<TClosedStage[]> {
    const start = range.start.toISOString();
    const end = range.end.toISOString();
    const rounds = this.db
      .selectFrom('tasks')
      .select(['case_id', 'stage_id', 'created_at'])
      .distinct()
      .where('status', '=', 'done')
      .where('decided_at', '>=', start)
      .where('decided_at', '<', end)
      .$if(filter.stageId !== undefined, (q) => q.where('stage_id', '=', filter.stageId!));
    const rows = await this.db
      .selectFrom('tasks as t')
      .innerJoin(rounds.as('r'), (join) => join.onRef('r.case_id', '=', 't.case_id').onRef('r.stage_id', '=', 't.stage_id').onRef('r.created_at', '=', 't.created_at'))
      .innerJoin('cases as c', 'c.case_id', 't.case_id')
      .select((eb) => [
        'c.type_id',
        't.stage_id',
        't.created_at',
        eb.fn.max('t.stage_name').as('stage_name'),
        eb.fn.max('t.due_at').as('due_at'),
        eb.fn.max('t.decided_at').as('closed_at'),
      ])
      .$if(filter.typeId !== undefined, (q) => q.where('c.type_id', '=', filter.typeId!))
      .groupBy(['t.case_id', 'c.type_id', 't.stage_id', 't.created_at'])
      .having((eb) => eb.fn.sum(eb.case().when('t.status', '=', 'done').then(0).else(1).end()), '=', 0)
      .having((eb) => eb.fn.max('t.decided_at'), '>=', start)
      .having((eb) => eb.fn.max('t.decided_at'), '<', end)
      .orderBy('t.case_id')
      .orderBy('t.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      typeId: r.type_id,
      stageId: r.stage_id,
      stageName: r.stage_name ?? r.stage_id,
      openedAt: r.created_at,
      dueAt: r.due_at!,
      closedAt: r.closed_at!,
    }));
  }

  /**
   * Stage rounds open now on running cases (the tasks of a round still undecided), with the round's due time and
   * the case's deadline. At most `limit` rows. The inbox index (status first) finds the open tasks.
   */
  async openStages(filter: TServiceLevelFilter, limit: number): Promise<TOpenStage[]> {
    const rows = await this.db
      .selectFrom('tasks as t')
      .innerJoin('cases', 'cases.case_id', 't.case_id')
      .select((eb) => [
        't.case_id',
        'cases.registration_number',
        'cases.type_id',
        't.stage_id',
        't.created_at',
        'cases.case_due_at',
        eb.fn.max('t.stage_name').as('stage_name'),
        eb.fn.max('t.due_at').as('due_at'),
      ])
      .where('t.status', 'in', OPEN_TASK_STATUSES)
      .where((eb) => eb.and([eb('cases.status', 'in', RUNNING_STATUSES), ...(filter.typeId === undefined ? [] : [eb('cases.type_id', '=', filter.typeId)])]))
      .$if(filter.stageId !== undefined, (q) => q.where('t.stage_id', '=', filter.stageId!))
      .groupBy(['t.case_id', 'cases.registration_number', 'cases.type_id', 't.stage_id', 't.created_at', 'cases.case_due_at'])
      .orderBy('t.case_id')
      .orderBy('t.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      caseId: r.case_id,
      registrationNumber: r.registration_number,
      typeId: r.type_id,
      stageId: r.stage_id,
      stageName: r.stage_name ?? r.stage_id,
      openedAt: r.created_at,
      stageDueAt: r.due_at,
      caseDueAt: r.case_due_at,
    }));
  }

  /** Every stage a task has been opened for, with its name: the stage filter's choices. */
  async knownStages(): Promise<Array<{ stageId: string; stageName: string }>> {
    const rows = await this.db
      .selectFrom('tasks')
      .select((eb) => ['stage_id', eb.fn.max('stage_name').as('stage_name')])
      .groupBy('stage_id')
      .orderBy('stage_id')
      .execute();
    return rows.map((r) => ({ stageId: r.stage_id, stageName: r.stage_name ?? r.stage_id }));
  }

  /**
   * Submission and closing instants of a type's permits issued since `since`, newest first, at most `limit`:
   * what an applicant's estimate (tracking) learns from.
   */
  async issuedDurations(typeId: string, since: Date, limit: number): Promise<Array<{ submittedAt: string; closedAt: string }>> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['submitted_at', 'closed_at'])
      .where('type_id', '=', typeId)
      .where('status', '=', 'issued')
      .where('closed_at', '>=', since.toISOString())
      .orderBy('closed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ submittedAt: r.submitted_at, closedAt: r.closed_at! }));
  }

  /** The issued documents of some cases (one query for a page of a list). */
  async issuedByCases(caseIds: readonly string[]): Promise<Map<string, { number: string; status: string }>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('issued_documents').select(['case_id', 'number', 'status']).where('case_id', 'in', caseIds).execute();
    return new Map(rows.map((r) => [r.case_id, { number: r.number, status: r.status }]));
  }
}

function openMatching(eb: ExpressionBuilder<TDatabase, 'cases'>, filter: TServiceLevelFilter): Expression<SqlBool> {
  return eb.and([
    eb(RUNNING, '=', sql.lit(true)),
    ...(filter.typeId === undefined ? [] : [eb('cases.type_id', '=', filter.typeId)]),
    ...(filter.stageId === undefined ? [] : [eb('cases.stage_id', '=', filter.stageId)]),
  ]);
}

/**
 * overdueFlag = `flag` as plain comparisons, whose share PostgreSQL's planner estimates from the columns' statistics
 * (of the CASE it guessed 0.5%, and sorted every running case instead of reading cases_running_due_idx in order).
 */
function overdueAt(eb: ExpressionBuilder<TDatabase, 'cases'>, now: Date, flag: 0 | 1): Expression<SqlBool> {
  const at = now.toISOString();
  if (flag === 1) return eb.or([eb('cases.stage_due_at', '<', at), eb('cases.case_due_at', '<', at)]);
  return eb.and([
    eb.or([eb('cases.stage_due_at', '>=', at), eb('cases.stage_due_at', 'is', null)]),
    eb.or([eb('cases.case_due_at', '>=', at), eb('cases.case_due_at', 'is', null)]),
  ]);
}

/** 1 when the stage or the case deadline has passed at `now` (as listOpenCases decides), else 0. */
function overdueFlag(eb: ExpressionBuilder<TDatabase, 'cases'>, now: Date) {
  const at = now.toISOString();
  return eb
    .case()
    .when(eb.or([eb('cases.stage_due_at', '<', at), eb('cases.case_due_at', '<', at)]))
    .then(1)
    .else(0)
    .end();
}

/**
 * The index of the interval an ISO timestamp column falls in, as a CASE expression. `asc`: boundaries ascending,
 * index = how many boundaries are at or before the value. `desc`: boundaries descending (newest first), index =
 * how many boundaries lie after the value (0 = at or after the newest).
 */
function bucketOf(column: string, boundaries: readonly Date[], order: 'asc' | 'desc') {
  const ref = sql.ref(column);
  const k = boundaries.length;
  if (k === 0) return sql<number>`0`;
  const whens =
    order === 'asc'
      ? boundaries.map((b, i) => sql`when ${ref} < ${b.toISOString()} then ${sql.lit(i)}`)
      : boundaries.map((_, j) => k - 1 - j).map((i) => sql`when ${ref} < ${boundaries[i]!.toISOString()} then ${sql.lit(i + 1)}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(order === 'asc' ? k : 0)} end`;
}

import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TCalendarChange, TClosuresEdition } from '../domain/working-time/calendar-change';
import type { TClosure } from '../domain/working-time/deadline';
import { CLOSURE_LIMITS } from '../domain/working-time/calendar-change';
import type { TCaseKind } from '../domain/case';
import { appendToLog } from './audit-log';
import { lockForTransaction, type TDatabase } from './database';
import { adminActionItem } from './admin-items';
import { calendarChangeItem } from './log-items';

/** Why a closure change was refused; the API maps it to 409 (already there, not there) or 422 (too many). */
export class ClosureChangeRefused extends Error {
  override readonly name = 'ClosureChangeRefused';
  constructor(
    readonly code: 'CLOSURE_EXISTS' | 'CLOSURE_NOT_FOUND' | 'TOO_MANY_CLOSURES',
    message: string,
  ) {
    super(message);
  }
}

/** An open case a calendar change may concern, as the re-projection pages through them. */
export interface TOpenCaseRef {
  caseId: string;
  kind: TCaseKind;
}

/**
 * Regional closures declared at run time (issue 10 §3). Each change is one transaction: the closure row, the next
 * revision in the change log, the admin event (security_events) and the transparency log's calendar change and
 * administrator's action — all or nothing.
 */
export class CalendarClosures {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** The closures in force and the revision they stand at (0 before any change). */
  async edition(): Promise<TClosuresEdition> {
    const [rows, last] = await Promise.all([
      this.db.selectFrom('calendar_closures').select(['date', 'reason']).orderBy('date').execute(),
      this.db.selectFrom('calendar_changes').select((eb) => eb.fn.max('revision').as('revision')).executeTakeFirst(),
    ]);
    return { revision: Number(last?.revision ?? 0), closures: rows };
  }

  async add(input: { date: string; reason: string; by: string }, now = new Date()): Promise<{ change: TCalendarChange; edition: TClosuresEdition }> {
    return this.change('added', input, now);
  }

  async remove(input: { date: string; by: string }, now = new Date()): Promise<{ change: TCalendarChange; edition: TClosuresEdition }> {
    return this.change('removed', { ...input, reason: '' }, now);
  }

  /**
   * One page of open cases whose deadlines a closure on `date` could move: not closed, and a deadline on or after
   * the start of that day (or none, while paused). Ordered by case id; `after` is the last id of the page before.
   */
  async openCasesFrom(input: { dayStartsAt: string; after: string | null; limit: number }): Promise<TOpenCaseRef[]> {
    let query = this.db
      .selectFrom('cases')
      .select(['case_id', 'kind'])
      .where('closed_at', 'is', null)
      .where((eb) => eb.or([eb('case_due_at', 'is', null), eb('case_due_at', '>=', input.dayStartsAt), eb('stage_due_at', '>=', input.dayStartsAt)]));
    if (input.after !== null) query = query.where('case_id', '>', input.after);
    const rows = await query.orderBy('case_id').limit(input.limit).execute();
    return rows.map((r) => ({ caseId: r.case_id, kind: r.kind as TCaseKind }));
  }

  /**
   * Changes whose re-projection was not yet seen completed, made from `since` to `before` (a change younger than
   * `before` may still be being started by the API that wrote it), oldest first, at most `limit`; each with the
   * closures in force right after it (the log replayed up to its revision), which is what the cases are sent.
   */
  async notReprojected(input: { since: string; before: string; limit: number }): Promise<Array<{ change: TCalendarChange; closures: TClosure[] }>> {
    const rows = await this.db
      .selectFrom('calendar_changes')
      .select(['id', 'revision', 'action', 'date', 'reason'])
      .where('reprojected_at', 'is', null)
      .where('at', '>=', input.since)
      .where('at', '<', input.before)
      .orderBy('revision')
      .limit(input.limit)
      .execute();
    if (rows.length === 0) return [];
    const log = await this.db.selectFrom('calendar_changes').select(['revision', 'action', 'date', 'reason']).where('revision', '<=', rows.at(-1)!.revision).orderBy('revision').execute();
    const inForce = new Map<string, string>();
    let next = 0;
    return rows.map((row) => {
      for (; next < log.length && log[next]!.revision <= row.revision; next++) {
        const entry = log[next]!;
        if (entry.action === 'added') inForce.set(entry.date, entry.reason);
        else inForce.delete(entry.date);
      }
      const closures = [...inForce].map(([date, reason]) => ({ date, reason })).sort((a, b) => (a.date < b.date ? -1 : 1));
      return { change: { changeId: row.id, revision: row.revision, action: row.action, date: row.date, reason: row.reason }, closures };
    });
  }

  /** Notes that a change's re-projection completed, so that the reconciler looks at it no more. */
  async markReprojected(changeId: string, at: Date): Promise<void> {
    await this.db.updateTable('calendar_changes').set({ reprojected_at: at.toISOString() }).where('id', '=', changeId).where('reprojected_at', 'is', null).execute();
  }

  private async change(action: 'added' | 'removed', input: { date: string; reason: string; by: string }, now: Date) {
    return this.db.transaction().execute(async (trx) => {
      await lockForTransaction(trx, 'calendar-changes'); // one change at a time: each takes the next revision
      const existing = await trx.selectFrom('calendar_closures').select(['date', 'reason']).where('date', '=', input.date).executeTakeFirst();
      let reason = input.reason;
      if (action === 'added') {
        if (existing) throw new ClosureChangeRefused('CLOSURE_EXISTS', `${input.date} is already a closure`);
        const count = await trx.selectFrom('calendar_closures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        if (Number(count.n) >= CLOSURE_LIMITS.maxClosures) throw new ClosureChangeRefused('TOO_MANY_CLOSURES', `at most ${CLOSURE_LIMITS.maxClosures} closures`);
        await trx.insertInto('calendar_closures').values({ date: input.date, reason, created_by: input.by, created_at: now.toISOString() }).execute();
      } else {
        if (!existing) throw new ClosureChangeRefused('CLOSURE_NOT_FOUND', `${input.date} is not a closure`);
        reason = existing.reason;
        await trx.deleteFrom('calendar_closures').where('date', '=', input.date).execute();
      }
      const last = await trx.selectFrom('calendar_changes').select((eb) => eb.fn.max('revision').as('revision')).executeTakeFirst();
      const change: TCalendarChange = { changeId: crypto.randomUUID(), revision: Number(last?.revision ?? 0) + 1, action, date: input.date, reason };
      await trx.insertInto('calendar_changes').values({ id: change.changeId, revision: change.revision, action, date: input.date, reason, by_user: input.by, at: now.toISOString() }).execute();
      await trx
        .insertInto('security_events')
        .values({ id: crypto.randomUUID(), at: now.toISOString(), kind: action === 'added' ? 'calendar_closure_added' : 'calendar_closure_removed', user_id: input.by, detail: JSON.stringify({ date: input.date, reason, revision: change.revision, changeId: change.changeId }) })
        .execute();
      const closures = await trx.selectFrom('calendar_closures').select(['date', 'reason']).orderBy('date').execute();
      // The administrator's request ({date, reason} to add, {date} to remove) is hashed into the admin entry; the
      // change id makes it one (a repeated request is refused above and appends nothing).
      const request = action === 'added' ? { date: input.date, reason: input.reason } : { date: input.date };
      await appendToLog(trx, [
        calendarChangeItem(change, input.by, now.toISOString()),
        adminActionItem({ action: `calendar_closure_${action}`, actorId: input.by, target: input.date, ids: { changeId: change.changeId }, request, once: change.changeId, at: now.toISOString() }),
      ]);
      return { change, edition: { revision: change.revision, closures } };
    });
  }
}

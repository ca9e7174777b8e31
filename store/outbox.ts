import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { dialectOf, type TOutboxTable, type TDatabase } from './database';

export interface TOutboxMessage {
  key: string;
  caseId: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

/** Unsent and not held by a dispatcher (no claim, or its lease ran out by `at`). */
const claimable = (at: string) => (eb: ExpressionBuilder<TDatabase, 'outbox'>) =>
  eb.and([eb('outbox.sent_at', 'is', null), eb.or([eb('outbox.claimed_until', 'is', null), eb('outbox.claimed_until', '<=', at)])]);

/** Notifications written in the same store as the case, sent later by a dispatcher: at-least-once, never lost. */
export class Outbox {
  private readonly postgres: boolean;

  constructor(private readonly db: Kysely<TDatabase>) {
    this.postgres = dialectOf(db) === 'postgres';
  }

  /** Idempotent by key: a retried activity enqueues nothing new. */
  async enqueue(message: Pick<TOutboxMessage, 'key' | 'caseId' | 'recipient' | 'subject' | 'body'>): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({ ...pick(message), created_at: new Date().toISOString(), sent_at: null, attempts: 0, last_error: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async forCase(caseId: string): Promise<TOutboxMessage[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
    return rows.map(toMessage);
  }

  /** Unsent messages no dispatcher holds at `now`, oldest first. */
  async pending(limit = 20, now = new Date()): Promise<TOutboxMessage[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where(claimable(now.toISOString()))
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  /**
   * Claims those of `keys` that are still unsent and unclaimed for `owner` until now + `leaseMs`; returns the keys
   * claimed. One statement: the condition is checked again on each row as it is updated, so of two dispatchers
   * claiming a message at once exactly one gets it (PostgreSQL: the loser waits for the row lock, then sees the
   * claim; `skip locked` lets it pass rows being claimed instead of waiting. SQLite: one writer at a time).
   */
  async claim(keys: readonly string[], owner: string, leaseMs: number, now = new Date()): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const at = now.toISOString();
    const candidates = this.db
      .selectFrom('outbox')
      .select('outbox.key')
      .where('outbox.key', 'in', keys)
      .where(claimable(at))
      .$if(this.postgres, (q) => q.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('outbox')
      .set({ claimed_by: owner, claimed_until: new Date(now.getTime() + leaseMs).toISOString() })
      .where('outbox.key', 'in', candidates)
      .where(claimable(at))
      .returning('outbox.key')
      .execute();
    return new Set(rows.map((r) => r.key));
  }

  /** Gives back the claims of `owner` on messages it did not get to (a stop, the mail server down). */
  async release(keys: readonly string[], owner: string): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({ claimed_by: null, claimed_until: null })
      .where('key', 'in', keys)
      .where('claimed_by', '=', owner)
      .where('sent_at', 'is', null)
      .execute();
  }

  async markSent(key: string): Promise<void> {
    await this.db.updateTable('outbox').set({ sent_at: new Date().toISOString(), claimed_by: null, claimed_until: null }).where('key', '=', key).execute();
  }

  /** How many messages are still unsent (held by a dispatcher or not) and when the oldest of them was written. */
  async backlog(): Promise<{ unsent: number; oldestCreatedAt: string | null }> {
    // Both figures from outbox_unsent_idx (sent_at, created_at): the range of unsent rows, not the table.
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll<number>().as('unsent'), eb.fn.min('created_at').as('oldest')])
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { unsent: Number(row.unsent), oldestCreatedAt: row.oldest ?? null };
  }

  /** Counts a failed attempt and gives the message back; no dispatcher takes it again before `retryAt` (if given). */
  async markFailed(key: string, error: string, retryAt?: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), claimed_by: null, claimed_until: retryAt?.toISOString() ?? null }))
      .where('key', '=', key)
      .execute();
  }
}

const pick = (m: Pick<TOutboxMessage, 'key' | 'caseId' | 'recipient' | 'subject' | 'body'>) => ({
  key: m.key,
  case_id: m.caseId,
  recipient: m.recipient,
  subject: m.subject,
  body: m.body,
});

function toMessage(r: Selectable<TOutboxTable>): TOutboxMessage {
  return {
    key: r.key,
    caseId: r.case_id,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attempts: Number(r.attempts),
    lastError: r.last_error,
  };
}

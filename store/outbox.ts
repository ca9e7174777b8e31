import type { Kysely, Selectable } from 'kysely';
import type { TOutboxTable, TDatabase } from './database';

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

/** Notifications written in the same store as the case, sent later by a dispatcher: at-least-once, never lost. */
export class Outbox {
  constructor(private readonly db: Kysely<TDatabase>) {}

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

  async pending(limit = 20): Promise<TOutboxMessage[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  async markSent(key: string): Promise<void> {
    await this.db.updateTable('outbox').set({ sent_at: new Date().toISOString() }).where('key', '=', key).execute();
  }

  async markFailed(key: string, error: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
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

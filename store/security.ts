import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { attemptGate, beginAttempt, failedAttempt, NO_ATTEMPTS, succeededAttempt } from '../domain/attempt-throttle';
import type { TAttemptGate, TAttemptState, TThrottleConfig } from '../domain/attempt-throttle';
import { appendToLog } from './audit-log';
import { lockForTransaction, type TDatabase, type TSecurityEventKind } from './database';
import { securityEventItem } from './log-items';

/** Something an administrator should know about (a lock-out after guessed passphrases, …). */
export interface TSecurityEvent {
  id: string;
  at: string;
  kind: TSecurityEventKind;
  userId: string;
  detail: Record<string, unknown>;
}

/**
 * Attempts at a secret (a signer's passphrase, keyed by the user id; a tracking PIN, keyed `tracking:<number>`)
 * and the security events an administrator reviews. Kept in the records database, so a lock survives a restart
 * and holds for every API process.
 */
export class Security {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /**
   * Opens an attempt when the throttle allows one; the check and the count are one transaction, so
   * concurrent guesses from several processes are counted one by one.
   */
  async beginAttempt(userId: string, config: TThrottleConfig, now = new Date()): Promise<TAttemptGate> {
    return this.db.transaction().execute(async (trx) => {
      await lockForTransaction(trx, `passphrase-attempts:${userId}`); // guesses through several API processes count one by one
      const row = await trx.selectFrom('passphrase_attempts').selectAll().where('user_id', '=', userId).executeTakeFirst();
      const state: TAttemptState = row ? { failures: Number(row.failures), lastAttemptAt: row.last_attempt_at, lockedUntil: row.locked_until } : NO_ATTEMPTS;
      const gate = attemptGate(state, now, config);
      if (gate.allowed) await save(trx, userId, beginAttempt(state, now));
      return gate;
    });
  }

  /** The attempt failed; returns whether this failure locked the person out (an event of `lockEvent` is written then). */
  async attemptFailed(userId: string, config: TThrottleConfig, now = new Date(), lockEvent: TSecurityEventKind = 'passphrase_locked'): Promise<{ lockedUntil: string | null }> {
    return this.db.transaction().execute(async (trx) => {
      await lockForTransaction(trx, `passphrase-attempts:${userId}`); // guesses through several API processes count one by one
      const row = await trx.selectFrom('passphrase_attempts').selectAll().where('user_id', '=', userId).executeTakeFirst();
      const state: TAttemptState = row ? { failures: Number(row.failures), lastAttemptAt: row.last_attempt_at, lockedUntil: row.locked_until } : NO_ATTEMPTS;
      const failures = state.failures;
      const next = failedAttempt(state, now, config);
      await save(trx, userId, next.state);
      if (!next.lockedNow) return { lockedUntil: null };
      const event = { id: crypto.randomUUID(), at: now.toISOString(), kind: lockEvent, userId, detail: { failures, lockedUntil: next.state.lockedUntil } };
      await trx.insertInto('security_events').values({ id: event.id, at: event.at, kind: event.kind, user_id: userId, detail: JSON.stringify(event.detail) }).execute();
      await appendToLog(trx, [securityEventItem(event)]);
      return { lockedUntil: next.state.lockedUntil };
    });
  }

  async attemptSucceeded(userId: string): Promise<void> {
    await save(this.db, userId, succeededAttempt());
  }

  /** Newest first. */
  async listEvents(limit = 100): Promise<TSecurityEvent[]> {
    const rows = await this.db.selectFrom('security_events').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind, userId: r.user_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}

async function save(db: Kysely<TDatabase>, userId: string, state: TAttemptState): Promise<void> {
  const values = { failures: state.failures, last_attempt_at: state.lastAttemptAt, locked_until: state.lockedUntil };
  await db
    .insertInto('passphrase_attempts')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

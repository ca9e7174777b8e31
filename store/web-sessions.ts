import type { Kysely } from 'kysely';
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { TDatabase } from './database';

/** How long a session lives without a cookie expiry of its own (express-session's default is a browser session). */
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * express-session's store over the records database. Expired rows are ignored on read and swept on write, so
 * nothing needs a timer; a destroyed session (sign-out) is gone for every API process at once.
 */
export class WebSessionStore extends session.Store {
  constructor(private readonly db: Kysely<TDatabase>) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.db
      .selectFrom('web_sessions')
      .select('data')
      .where('id', '=', sid)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst()
      .then((row) => callback(null, row ? (JSON.parse(row.data) as SessionData) : null), callback);
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    const now = new Date();
    const row = { id: sid, data: JSON.stringify(data), expires_at: expiryOf(data, now) };
    this.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('web_sessions').where('expires_at', '<=', now.toISOString()).execute();
        await trx
          .insertInto('web_sessions')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet({ data: row.data, expires_at: row.expires_at }))
          .execute();
      })
      .then(() => callback?.(), callback);
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    this.db
      .updateTable('web_sessions')
      .set({ expires_at: expiryOf(data, new Date()) })
      .where('id', '=', sid)
      .execute()
      .then(() => callback?.(), () => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.db
      .deleteFrom('web_sessions')
      .where('id', '=', sid)
      .execute()
      .then(() => callback?.(), callback);
  }
}

function expiryOf(data: SessionData, now: Date): string {
  const expires = data.cookie?.expires;
  return (expires ? new Date(expires) : new Date(now.getTime() + DEFAULT_TTL_MS)).toISOString();
}

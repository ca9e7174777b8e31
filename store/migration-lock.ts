import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on Kysely<any> (see migrations.ts) */

/**
 * Runs `work` while this process holds the database's migration lock, on one connection, so that when the API
 * and the worker open a new database together exactly one of them migrates and the other then finds nothing
 * to do. Kysely's own lock is a no-op on SQLite (it assumes one process) and its SQLite migrations run outside
 * a transaction, which is how two first starts used to create the same table twice.
 */
export type TMigrationLock = <T>(db: Kysely<any>, work: (locked: Kysely<any>) => Promise<T>) => Promise<T>;

/** How long a process waits for another one's migration before giving up. */
const WAIT_MS = 120_000;

const isBusy = (err: unknown) => /^SQLITE_BUSY/.test(String((err as { code?: unknown }).code ?? ''));

/**
 * SQLite: the whole migration is one `BEGIN IMMEDIATE` transaction (SQLite's DDL is transactional). It takes the
 * database's write lock up front, so a second process waits (busy_timeout, then again until WAIT_MS) and, once
 * the first commits, reads the finished migration table. A process that dies mid-way releases the lock with
 * its connection and its half-done migration rolls back: no stale lock file to clean up.
 */
export const sqliteMigrationLock: TMigrationLock = (db, work) =>
  db.connection().execute(async (conn) => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        await sql`begin immediate`.execute(conn);
        break;
      } catch (err) {
        if (!isBusy(err) || Date.now() > deadline) throw err;
      }
    }
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });

/**
 * PostgreSQL: Kysely's own migrator already does what the SQLite lock above adds. Its PostgreSQL adapter takes a
 * session advisory lock (`pg_advisory_lock`) on one connection and runs the pending migrations in one transaction
 * (PostgreSQL's DDL is transactional), and it tolerates a second process creating its bookkeeping tables at the
 * same moment. So the work runs as it is.
 */
export const postgresMigrationLock: TMigrationLock = (db, work) => work(db);

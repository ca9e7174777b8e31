import { expect } from 'chai';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type TDatabase } from '../../store/database';
import { DIALECTS, testDatabase, testPostgres, type TTestDatabase } from '../harness/databases';

/**
 * PostgreSQL going away (a fast shutdown, a restart, an administrator ending sessions) while a connection is in
 * use: the query or transaction on it fails, the process does not (found by the fault campaign, scripts/chaos.ts:
 * a worker died of an unhandled 'error' event of a checked-out `pg` client), and the next query gets a new one.
 */
if (DIALECTS.includes('postgres')) describe('store: a PostgreSQL connection ended by the server while in use', () => {
  let database: TTestDatabase;
  let db: Kysely<TDatabase>;

  beforeEach(async () => {
    database = await testDatabase('postgres', { migrated: true });
    db = openDatabase(database.location);
  });

  afterEach(async () => {
    await db.destroy();
    await database.dispose();
  });

  it('fails the transaction that held it, not the process, and the next query runs on a new connection', async () => {
    const pg = await testPostgres();
    const name = new URL(database.location).pathname.slice(1);
    const inTransaction = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      // Between two statements the connection is checked out of the pool but has no query running.
      pg.psql(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
      await new Promise((r) => setTimeout(r, 300)); // the socket's end reaches the client meanwhile
      await sql`select 2`.execute(trx);
    });
    const outcome = await inTransaction.then(() => 'committed', (err: Error) => err.message);
    expect(outcome).to.match(/terminat|not queryable|Connection/i);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows[0]!.one).to.equal(1);
  });
});

import Database from 'better-sqlite3';
import { expect } from 'chai';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withPreparedStatements } from '../../store/sqlite-statements';

describe('SQLite statements prepared once per SQL text (store/sqlite-statements.ts)', () => {
  function open() {
    const sqlite = new Database(':memory:');
    const texts: string[] = [];
    const counting = { close: () => sqlite.close(), prepare: (text: string) => (texts.push(text), sqlite.prepare(text)) };
    return { db: new Kysely<any>({ dialect: new SqliteDialect({ database: withPreparedStatements(counting) }) }), texts }; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test table
  }

  it('prepares a repeated query once and still answers each run with its own parameters', async () => {
    const { db, texts } = open();
    await sql`create table t (id integer primary key, v text)`.execute(db);
    for (const v of ['a', 'b', 'c']) await db.insertInto('t').values({ v }).execute();
    const read = (v: string) => db.selectFrom('t').select('id').where('v', '=', v).executeTakeFirstOrThrow();
    expect((await read('b')).id).to.equal(2);
    expect((await read('c')).id).to.equal(3);
    expect(texts.filter((t) => t.startsWith('insert'))).to.have.length(1);
    expect(texts.filter((t) => t.startsWith('select'))).to.have.length(1);
    await db.destroy();
  });

  it('keeps a reused statement right across a schema change and inside transactions that roll back', async () => {
    const { db } = open();
    await sql`create table t (id integer primary key, v text)`.execute(db);
    const all = () => db.selectFrom('t').selectAll().execute();
    await db.insertInto('t').values({ v: 'a' }).execute();
    expect(await all()).to.deep.equal([{ id: 1, v: 'a' }]);
    await sql`alter table t add column w text default 'x'`.execute(db);
    expect(await all()).to.deep.equal([{ id: 1, v: 'a', w: 'x' }]);
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('t').values({ v: 'b' }).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.transaction().execute((trx) => trx.insertInto('t').values({ v: 'c' }).execute());
    expect((await all()).map((r) => r.v)).to.deep.equal(['a', 'c']);
    await db.destroy();
  });
});

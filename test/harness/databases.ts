/**
 * Records databases for the suites that run on both dialects: `for (const dialect of DIALECTS) describe(…)`.
 * SQLite is a file in a temporary folder; PostgreSQL is a database of one throwaway server per mocha process
 * (scripts/postgres-instance.ts), started on first use and stopped when the process exits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, type TPostgresInstance } from '../../scripts/postgres-instance';
import { openDatabase, type TDialect } from '../../store/database';
import { migrateToLatest } from '../../store/migrations';
import { openRecords, type Records } from '../../store/records';

const ALL: readonly TDialect[] = ['sqlite', 'postgres'];

/** Both, unless SAHKAN_TEST_DIALECTS narrows them (`sqlite` for a quick local run without PostgreSQL). */
export const DIALECTS: readonly TDialect[] = (() => {
  const asked = process.env.SAHKAN_TEST_DIALECTS?.split(',').map((d) => d.trim()).filter(Boolean);
  if (!asked) return ALL;
  const unknown = asked.filter((d) => !ALL.includes(d as TDialect));
  if (unknown.length > 0) throw new Error(`SAHKAN_TEST_DIALECTS: unknown dialect ${unknown.join(', ')} (sqlite, postgres)`);
  return asked as TDialect[];
})();

let server: Promise<TPostgresInstance> | undefined;

/** The process's PostgreSQL server (started on first call). */
export function testPostgres(): Promise<TPostgresInstance> {
  server ??= startPostgres({ ephemeral: true }).then((pg) => {
    process.once('exit', () => pg.stop());
    return pg;
  });
  return server;
}

let created = 0;
let template: Promise<string> | undefined;

/** A database with every migration applied, copied by `create database … template` (faster than migrating each). */
function migratedTemplate(pg: TPostgresInstance): Promise<string> {
  template ??= (async () => {
    const name = `sahkan_template_${process.pid}`;
    const db = openDatabase(pg.createDatabase(name));
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy(); // a template must have no open connection while it is copied
    }
    return name;
  })();
  return template;
}

export interface TTestDatabase {
  dialect: TDialect;
  /** What openRecords and openDatabase take: a SQLite file or a postgres:// URL. */
  location: string;
  /** Removes the database (after its users closed their connections). */
  dispose(): Promise<void>;
}

/** Emptied migrated databases to hand out again: emptying one (TRUNCATE) is ten times faster than copying the template. */
const emptied: string[] = [];

/** Removes every row but the migrations' own bookkeeping. */
const EMPTY_ALL_TABLES = `do $$ begin execute (select 'truncate ' || string_agg(quote_ident(tablename), ', ')
  from pg_tables where schemaname = 'public' and tablename not like 'kysely_migration%'); end $$`;

/** A new records database of the dialect; `migrated`: already at the latest migration (else empty). */
export async function testDatabase(dialect: TDialect, options: { migrated?: boolean } = {}): Promise<TTestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-records-'));
    return { dialect, location: path.join(dir, 'records.db'), dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = await testPostgres();
  if (options.migrated) {
    const reused = emptied.pop();
    const name = reused ?? `sahkan_test_${process.pid}_${++created}`;
    const location = reused ? pg.url(name) : pg.createDatabase(name, await migratedTemplate(pg));
    return {
      dialect,
      location,
      dispose: async () => {
        pg.psql(EMPTY_ALL_TABLES, name);
        emptied.push(name);
      },
    };
  }
  const name = `sahkan_test_${process.pid}_${++created}`;
  const location = pg.createDatabase(name);
  return { dialect, location, dispose: async () => pg.dropDatabase(name) };
}

/**
 * Migrated records on a fresh test database of `dialect`, opened before the suite (before each test with
 * `eachTest`) and closed with their database after it; `opened` receives them for the suite's own variable.
 */
export function recordsForSuite(dialect: TDialect, opened: (records: Records) => void, options: { eachTest?: boolean } = {}): void {
  let database: TTestDatabase | undefined;
  let records: Records | undefined;
  const [setUp, tearDown] = options.eachTest ? [beforeEach, afterEach] : [before, after];
  setUp(async () => {
    database = await testDatabase(dialect, { migrated: true });
    records = await openRecords(database.location);
    opened(records);
  });
  tearDown(async () => {
    await records?.close();
    await database?.dispose();
  });
}

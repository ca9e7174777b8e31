import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; the store issues a few hundred, a bound keeps odd ones from piling up. */
const MAX_STATEMENTS = 1000;

/**
 * A SQLite database for Kysely whose statements are prepared once per SQL text: Kysely asks the driver to prepare
 * every query anew, which took about a tenth of the API's and the worker's CPU time under load (issue 12).
 * Reusing one is safe here: Kysely runs one query at a time on its one connection (a streamed query holds it until
 * done), better-sqlite3 resets a statement after each run and prepares it again by itself after a schema change.
 */
export function withPreparedStatements(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // re-inserted below: the map's order is the least recently used first
      } else {
        statement = database.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

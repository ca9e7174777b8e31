import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';

/**
 * Keyset pagination for the store's lists: a page is the rows after the last row of the previous one in the list's
 * order (its key, the sort columns with an id last as the tie-breaker), so a page costs the same however deep it is
 * and rows changing between pages neither repeat nor vanish the way an offset makes them. Portable SQL (SQLite and
 * PostgreSQL): comparisons and `is null` only.
 */

export type TKeyValue = string | number | null;

/** One sort column of a list: its expression, direction, and whether it may be null (nulls sort last). */
export interface TKeyColumn {
  expr: Expression<unknown>;
  dir: 'asc' | 'desc';
  nullable?: boolean;
}

/** A page read from the store: `next` is the key of its last row when more rows follow, else null. */
export interface TKeysetPage<T> {
  items: T[];
  next: TKeyValue[] | null;
}

/** Rows strictly after `key` in the order of `columns`. */
function after(columns: readonly TKeyColumn[], key: readonly TKeyValue[]): Expression<SqlBool> {
  const equal = (c: TKeyColumn, v: TKeyValue) => (v === null ? sql`${c.expr} is null` : sql`${c.expr} = ${v}`);
  const beyond = (c: TKeyColumn, v: TKeyValue) => {
    if (v === null) return null; // nothing sorts after a null (nulls last)
    const cmp = c.dir === 'asc' ? sql`${c.expr} > ${v}` : sql`${c.expr} < ${v}`;
    return c.nullable ? sql`(${cmp} or ${c.expr} is null)` : cmp;
  };
  const alternatives = columns.flatMap((c, i) => {
    const past = beyond(c, key[i] ?? null);
    return past ? [sql`(${sql.join([...columns.slice(0, i).map((p, j) => equal(p, key[j] ?? null)), past], sql` and `)})`] : [];
  });
  return alternatives.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
}

/** The query ordered by `columns`, after `cursor`, one more row than `limit` (to learn whether a next page exists). */
export function keysetQuery<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  columns: readonly TKeyColumn[],
  cursor: readonly TKeyValue[] | undefined,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  let q = cursor ? query.where(after(columns, cursor)) : query;
  for (const c of columns) q = q.orderBy(c.expr, (ob) => (c.dir === 'asc' ? (c.nullable ? ob.asc().nullsLast() : ob.asc()) : c.nullable ? ob.desc().nullsLast() : ob.desc()));
  return q.limit(limit + 1);
}

/** The page of `rows` (read by keysetQuery with `limit`) and the key of its last row when more follow. */
export function keysetPage<R, T>(rows: readonly R[], limit: number, keyOf: (row: R) => TKeyValue[], map: (row: R) => T): TKeysetPage<T> {
  const page = rows.slice(0, limit);
  return { items: page.map(map), next: rows.length > limit && page.length > 0 ? keyOf(page.at(-1)!) : null };
}

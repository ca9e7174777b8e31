import { sql, type Kysely } from 'kysely';
import { dialectOf, type TDatabase } from './database';

/**
 * The open-data aggregates (issue 13 §3), counted by the database over issued permits in a range of months. Months are
 * the office's: the range comes as the instant each month begins in office time (domain/open-data.ts
 * `monthsAskedSchema`), and a closing instant is given its month by comparing it with those instants (one CASE, the
 * same SQL on SQLite and PostgreSQL; ISO texts compare as time does).
 */

export interface TMonthRange {
  /** Each month with the instant it begins, then the instant the range ends (the month after the last). */
  starts: ReadonlyArray<{ month: string; startsAt: string }>;
}

export interface TIssuedCount {
  month: string;
  typeId: string;
  /** The `kecamatan` field of the application; null when the applicant left it empty. */
  kecamatan: string | null;
  issued: number;
}

export interface TIssuedClosing {
  month: string;
  typeId: string;
  submittedAt: string;
  closedAt: string;
  caseDueAt: string | null;
}

export class OpenDataQueries {
  private readonly kecamatan;

  constructor(private readonly db: Kysely<TDatabase>) {
    // The only dialect difference: reading one member of the fields' JSON text.
    this.kecamatan =
      dialectOf(db) === 'postgres' ? sql<string | null>`(cast(fields as jsonb) ->> 'kecamatan')` : sql<string | null>`json_extract(fields, '$.kecamatan')`;
  }

  private issuedIn(range: TMonthRange) {
    const { starts } = range;
    return this.db
      .selectFrom('cases')
      .where('kind', '=', 'permit')
      .where('status', '=', 'issued')
      .where('closed_at', '>=', starts[0]?.startsAt ?? '')
      .where('closed_at', '<', starts.at(-1)?.startsAt ?? '');
  }

  /** Issued permits per month, type and kecamatan: one row per group, never one per case. */
  async issuedPerMonth(range: TMonthRange): Promise<TIssuedCount[]> {
    const month = monthOfClosing(range);
    const rows = await this.issuedIn(range)
      .select((eb) => [month.as('month'), 'type_id', this.kecamatan.as('kecamatan'), eb.fn.countAll<number>().as('issued')])
      .groupBy([month, 'type_id', this.kecamatan])
      .orderBy('month')
      .orderBy('type_id')
      .orderBy('kecamatan', (ob) => ob.asc().nullsFirst())
      .execute();
    return rows.map((r) => ({ month: r.month, typeId: r.type_id, kecamatan: r.kecamatan, issued: Number(r.issued) }));
  }

  /**
   * The submission, closing and deadline instants of the permits issued in the range, at most `limit` (ask for one
   * more to learn there are more): working days need the office calendar, which the database does not know, so the
   * processing times are counted by the caller. Only these instants are read, nothing about the applicant.
   */
  async issuedClosings(range: TMonthRange, limit: number): Promise<TIssuedClosing[]> {
    const rows = await this.issuedIn(range)
      .select([monthOfClosing(range).as('month'), 'type_id', 'submitted_at', 'closed_at', 'case_due_at'])
      .orderBy('closed_at')
      .orderBy('case_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ month: r.month, typeId: r.type_id, submittedAt: r.submitted_at, closedAt: r.closed_at!, caseDueAt: r.case_due_at }));
  }
}

/** The month whose span holds `closed_at`: the last month that begins at or before it (rows are within the range). */
function monthOfClosing(range: TMonthRange) {
  const whens = range.starts
    .slice(0, -1)
    .reverse()
    .map(({ month, startsAt }) => sql`when closed_at >= ${sql.lit(startsAt)} then ${sql.lit(month)}`);
  // Literals, not parameters: PostgreSQL groups by the select's expression only when the two are the same text.
  return sql<string>`case ${sql.join(whens, sql` `)} end`;
}

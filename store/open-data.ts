import { sql, type Kysely } from 'kysely';
import { dialectOf, type TDatabase } from './database';

/**
 * The open-data aggregates (issue 13 §3), counted by the database over issued permits in a range of months. A month
 * is the first seven characters of the ISO timestamp (`substr(closed_at, 1, 7)`, the same on SQLite and
 * PostgreSQL): the UTC month of the closing instant. Ranges are `[from, toExclusive)` as `YYYY-MM` texts, which
 * compare with the ISO timestamps as time does.
 */

export interface TMonthRange {
  /** First month, `YYYY-MM`. */
  from: string;
  /** The month after the last one, `YYYY-MM`. */
  toExclusive: string;
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
    return this.db
      .selectFrom('cases')
      .where('kind', '=', 'permit')
      .where('status', '=', 'issued')
      .where('closed_at', '>=', range.from)
      .where('closed_at', '<', range.toExclusive);
  }

  /** Issued permits per month, type and kecamatan: one row per group, never one per case. */
  async issuedPerMonth(range: TMonthRange): Promise<TIssuedCount[]> {
    const month = sql<string>`substr(closed_at, 1, 7)`;
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
      .select([sql<string>`substr(closed_at, 1, 7)`.as('month'), 'type_id', 'submitted_at', 'closed_at', 'case_due_at'])
      .orderBy('closed_at')
      .orderBy('case_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ month: r.month, typeId: r.type_id, submittedAt: r.submitted_at, closedAt: r.closed_at!, caseDueAt: r.case_due_at }));
  }
}

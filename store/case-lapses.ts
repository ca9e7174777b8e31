import type { Kysely } from 'kysely';
import type { TLapseEvidence } from '../domain/engine/case-lapse';
import type { TDatabase } from './database';

/** A lapsed case's evidence pack and its sealed report (a blob), as first recorded. */
export interface TCaseLapseRecord {
  caseId: string;
  evidence: TLapseEvidence;
  reportSha256: string;
  recordedAt: string;
}

/** The evidence packs of lapsed cases (deemed approval, issue 10 §2): one per case, never rewritten. */
export class CaseLapses {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Keeps the first record of a case: a retried activity gets that one back, whatever it sealed meanwhile. */
  async record(lapse: TCaseLapseRecord): Promise<TCaseLapseRecord> {
    await this.db
      .insertInto('case_lapses')
      .values({ case_id: lapse.caseId, evidence: JSON.stringify(lapse.evidence), report_sha256: lapse.reportSha256, lapsed_at: lapse.evidence.lapsedAt, recorded_at: lapse.recordedAt })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .execute();
    return (await this.forCase(lapse.caseId))!;
  }

  async forCase(caseId: string): Promise<TCaseLapseRecord | undefined> {
    const row = await this.db.selectFrom('case_lapses').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return row && { caseId: row.case_id, evidence: JSON.parse(row.evidence) as TLapseEvidence, reportSha256: row.report_sha256, recordedAt: row.recorded_at };
  }
}

import { sql, type Kysely } from 'kysely';
import type { TAward } from '../domain/anomalies/contract-rules';
import type { TAuditCase } from '../domain/anomalies/finding';
import { medianOf } from '../domain/anomalies/run-rules';
import { contractFactsOf } from '../domain/kinds/contract/contract.facts';
import type { TDatabase } from './database';
import { keysetPage, keysetQuery, type TKeyColumn, type TKeysetPage, type TKeyValue } from './keyset';
import type { Records } from './records';

const CHANGED_FIRST: TKeyColumn[] = [
  { expr: sql.ref('updated_at'), dir: 'asc' },
  { expr: sql.ref('case_id'), dir: 'asc' },
];

/** Issued permits per type the usual time is taken over (the latest), and how far back awards are counted. */
const MEDIAN_SAMPLE = 2000;
const AWARDS_SCAN = 5000;

const termsValue = (terms: unknown): number | undefined => {
  const value = (terms as { value?: unknown } | null)?.value;
  return typeof value === 'number' ? value : undefined;
};

/** What the anomaly rules read of the records: cases with their events and signatures, and the figures across cases. */
export class AuditCases {
  constructor(
    private readonly db: Kysely<TDatabase>,
    private readonly records: Records,
  ) {}

  /** The cases changed at or after `since`, oldest change first: a keyset page. */
  async changedSince(since: string, cursor: readonly TKeyValue[] | undefined, limit: number): Promise<TKeysetPage<{ caseId: string; updatedAt: string }>> {
    const rows = await keysetQuery(this.db.selectFrom('cases').select(['case_id', 'updated_at']).where('updated_at', '>=', since), CHANGED_FIRST, cursor, limit).execute();
    return keysetPage(rows, limit, (r) => [r.updated_at, r.case_id], (r) => ({ caseId: r.case_id, updatedAt: r.updated_at }));
  }

  /** One case as the rules read it; undefined when there is none. */
  async load(caseId: string): Promise<TAuditCase | undefined> {
    const row = await this.records.getCase(caseId);
    if (!row) return undefined;
    const [events, signatures, issued] = await Promise.all([
      this.records.listEvents(caseId),
      this.db.selectFrom('signatures').selectAll().where('case_id', '=', caseId).orderBy('signed_at').orderBy('step').execute(),
      this.db.selectFrom('issued_documents').select('sha256').where('case_id', '=', caseId).orderBy('issued_at', 'desc').executeTakeFirst(),
    ]);
    let contractValues: TAuditCase['contractValues'];
    if (row.kind === 'contract') {
      const facts = contractFactsOf(row.facts);
      const original = facts.agreedVersion === null ? undefined : termsValue((await this.records.contractVersions.get(caseId, facts.agreedVersion))?.terms);
      const current = typeof row.fields.value === 'number' ? row.fields.value : undefined;
      if (original && current !== undefined) contractValues = { original, current };
    }
    return {
      caseId,
      kind: row.kind,
      typeId: row.typeId,
      registrationNumber: row.registrationNumber,
      status: row.status,
      submittedAt: row.submittedAt,
      closedAt: row.closedAt,
      caseDueAt: row.caseDueAt,
      outcomeReason: row.outcomeReason,
      events,
      signatures: signatures.map((s) => ({
        step: s.step,
        userId: s.user_id,
        signedAt: s.signed_at,
        inputSha256: s.input_sha256,
        outputSha256: s.output_sha256,
        approvedContentSha256: s.approved_content_sha256,
        inputContentSha256: s.input_content_sha256,
      })),
      issuedSha256: issued?.sha256 ?? null,
      ...(contractValues ? { contractValues } : {}),
    };
  }

  /** Each permit type's median time from submission to issue, over its latest issued permits. */
  async typeMedians(): Promise<Map<string, { medianMs: number; samples: number }>> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['type_id', 'submitted_at', 'closed_at'])
      .where('kind', '=', 'permit')
      .where('status', '=', 'issued')
      .where('closed_at', 'is not', null)
      .orderBy('closed_at', 'desc')
      .limit(MEDIAN_SAMPLE)
      .execute();
    const byType = new Map<string, number[]>();
    for (const r of rows) byType.set(r.type_id, [...(byType.get(r.type_id) ?? []), Date.parse(r.closed_at!) - Date.parse(r.submitted_at)]);
    return new Map([...byType].map(([type, durations]) => [type, { medianMs: medianOf(durations)!, samples: durations.length }]));
  }

  /** Contracts drafted since `since` and not withdrawn or rejected: who awarded each to whom, and the award date. */
  async awardsSince(since: string): Promise<TAward[]> {
    const rows = await this.db
      .selectFrom('cases')
      .innerJoin('contract_versions', (j) => j.onRef('contract_versions.case_id', '=', 'cases.case_id').on('contract_versions.version', '=', 1))
      .select(['cases.case_id', 'cases.registration_number', 'cases.fields', 'contract_versions.terms'])
      .where('cases.kind', '=', 'contract')
      .where('cases.status', 'not in', ['withdrawn', 'rejected'])
      .where('cases.submitted_at', '>=', since)
      .orderBy('cases.submitted_at', 'desc')
      .limit(AWARDS_SCAN)
      .execute();
    return rows.flatMap((r) => {
      const fields = JSON.parse(r.fields) as { ppkRole?: unknown; vendorRole?: unknown };
      const terms = JSON.parse(r.terms) as { award?: { date?: unknown } };
      const awardDate = terms.award?.date;
      if (typeof fields.ppkRole !== 'string' || typeof fields.vendorRole !== 'string' || typeof awardDate !== 'string') return [];
      return [{ caseId: r.case_id, registrationNumber: r.registration_number, ppkRole: fields.ppkRole, vendorRole: fields.vendorRole, awardDate }];
    });
  }
}

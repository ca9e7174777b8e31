import crypto from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { TCaseKind } from '../domain/case';
import type { TFinding } from '../domain/anomalies/finding';
import { appendToLog } from './audit-log';
import { findingAcknowledgedItem } from './audit-items';
import type { TAuditFindingsTable, TDatabase } from './database';
import { keysetPage, keysetQuery, type TKeyColumn, type TKeysetPage, type TKeyValue } from './keyset';

export interface TStoredFinding extends TFinding {
  id: string;
  firstSeenAt: string;
  lastSeenAt: string;
  acknowledgement: { by: string; at: string; note: string } | null;
}

/** Which findings: by rule, case, follow-up, the case's kind and type, and when first seen (`since` included, `before` not). */
export interface TFindingsMatch {
  rule?: string;
  caseId?: string;
  acknowledged?: boolean;
  kind?: TCaseKind;
  typeId?: string;
  since?: string;
  before?: string;
}

export interface TFindingsFilter extends TFindingsMatch {
  cursor?: readonly TKeyValue[];
  limit: number;
}

const NEWEST_FIRST: TKeyColumn[] = [
  { expr: sql.ref('first_seen_at'), dir: 'desc' },
  { expr: sql.ref('id'), dir: 'desc' },
];

/** The condition of a match on the findings table; the case's kind and type through its row in `cases`. */
function findingsMatching(eb: ExpressionBuilder<TDatabase, 'audit_findings'>, m: TFindingsMatch) {
  const onCase = m.kind !== undefined || m.typeId !== undefined;
  return eb.and([
    ...(m.rule === undefined ? [] : [eb('rule', '=', m.rule)]),
    ...(m.caseId === undefined ? [] : [eb('case_id', '=', m.caseId)]),
    ...(m.acknowledged === undefined ? [] : [eb('acknowledged_at', m.acknowledged ? 'is not' : 'is', null)]),
    ...(m.since === undefined ? [] : [eb('first_seen_at', '>=', m.since)]),
    ...(m.before === undefined ? [] : [eb('first_seen_at', '<', m.before)]),
    ...(onCase
      ? [
          eb(
            'case_id',
            'in',
            eb
              .selectFrom('cases')
              .select('cases.case_id')
              .$if(m.kind !== undefined, (q) => q.where('cases.kind', '=', m.kind!))
              .$if(m.typeId !== undefined, (q) => q.where('cases.type_id', '=', m.typeId!)),
          ),
        ]
      : []),
  ]);
}

/** The ids of the cases with a matching finding, as a subquery (the auditor's export of cases). */
export const casesWithFindings = (eb: ExpressionBuilder<TDatabase, 'cases'>, m: TFindingsMatch) =>
  eb.selectFrom('audit_findings').select('audit_findings.case_id').where((inner) => findingsMatching(inner, m));

/** A finding's id: the same rule, case and subject give the same id on every run and every instance. */
export const findingId = (f: Pick<TFinding, 'rule' | 'caseId' | 'subject'>): string =>
  crypto.createHash('sha256').update(`${f.rule}\n${f.caseId}\n${f.subject}`).digest('hex').slice(0, 24);

function toFinding(r: Selectable<TAuditFindingsTable>): TStoredFinding {
  return {
    id: r.id,
    rule: r.rule as TFinding['rule'],
    caseId: r.case_id,
    subject: r.subject,
    evidence: JSON.parse(r.evidence) as Record<string, unknown>,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    acknowledgement: r.acknowledged_by && r.acknowledged_at ? { by: r.acknowledged_by, at: r.acknowledged_at, note: r.acknowledgement_note ?? '' } : null,
  };
}

/** The anomaly findings (domain/anomalies/): recorded by the sweep, read and acknowledged by the Inspektorat. */
export class AuditFindings {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Records what a run of the rules found: new findings are added, known ones get their latest evidence. Returns the new ones' count. */
  async record(findings: readonly TFinding[], now = new Date()): Promise<number> {
    let added = 0;
    const at = now.toISOString();
    for (const f of findings) {
      const id = findingId(f);
      const evidence = JSON.stringify(f.evidence);
      const known = await this.db.selectFrom('audit_findings').select(['id', 'evidence']).where('id', '=', id).executeTakeFirst();
      if (known) {
        if (known.evidence !== evidence) await this.db.updateTable('audit_findings').set({ evidence, last_seen_at: at }).where('id', '=', id).execute();
        continue;
      }
      const inserted = await this.db
        .insertInto('audit_findings')
        .values({ id, rule: f.rule, case_id: f.caseId, subject: f.subject, evidence, first_seen_at: at, last_seen_at: at, acknowledged_by: null, acknowledged_at: null, acknowledgement_note: null })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      added += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async get(id: string): Promise<TStoredFinding | undefined> {
    const row = await this.db.selectFrom('audit_findings').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toFinding(row);
  }

  /** Newest first, a keyset page. */
  async list(filter: TFindingsFilter): Promise<TKeysetPage<TStoredFinding>> {
    const rows = await keysetQuery(this.db.selectFrom('audit_findings').selectAll().where((eb) => findingsMatching(eb, filter)), NEWEST_FIRST, filter.cursor, filter.limit).execute();
    return keysetPage(rows, filter.limit, (r) => [r.first_seen_at, r.id], toFinding);
  }

  /** How many findings match, per rule (rules without any are left out). */
  async countByRule(match: Omit<TFindingsMatch, 'rule'>): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('audit_findings')
      .select((eb) => ['rule', eb.fn.countAll<number | string | bigint>().as('n')])
      .where((eb) => findingsMatching(eb, match))
      .groupBy('rule')
      .execute();
    return new Map(rows.map((r) => [r.rule, Number(r.n)]));
  }

  /**
   * Acknowledges a finding with the auditor's note, logged in the transparency log in the same transaction.
   * Once only: false when it was acknowledged already (or does not exist).
   */
  async acknowledge(id: string, by: string, note: string, now = new Date()): Promise<boolean> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('audit_findings').selectAll().where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst();
      if (!row) return false;
      await trx.updateTable('audit_findings').set({ acknowledged_by: by, acknowledged_at: at, acknowledgement_note: note }).where('id', '=', id).execute();
      await appendToLog(trx, [findingAcknowledgedItem({ findingId: id, rule: row.rule, caseId: row.case_id, by, at, note })]);
      return true;
    });
  }
}

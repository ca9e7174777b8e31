import type { Kysely } from 'kysely';
import type { TNoticeAddressee, TStageNoticeKind } from '../domain/engine/case-clock';
import type { TDatabase } from './database';

/** A reminder or escalation of a case's stage, addressed to a role's inbox (issue 10 §2). */
export interface TStageNoticeRow {
  /** `<caseId>:<stageId>:<kind>:<role>`: a retried activity or a replayed timer writes nothing new. */
  key: string;
  caseId: string;
  stageId: string;
  kind: TStageNoticeKind;
  to: TNoticeAddressee;
  role: string;
  /** When the notice fell due (its mark on the stage's clock) and the stage's deadline then. */
  at: string;
  dueAt: string | null;
  createdAt: string;
}

export class StageNotices {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Idempotent by key: each notice of a stage is written once per role, whatever is retried. */
  async enqueue(rows: Array<Omit<TStageNoticeRow, 'createdAt'>>): Promise<void> {
    if (rows.length === 0) return;
    const createdAt = new Date().toISOString();
    await this.db
      .insertInto('stage_notices')
      .values(rows.map((r) => ({ key: r.key, case_id: r.caseId, stage_id: r.stageId, kind: r.kind, addressee: r.to, role: r.role, at: r.at, due_at: r.dueAt, created_at: createdAt })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async forCase(caseId: string): Promise<TStageNoticeRow[]> {
    const rows = await this.db.selectFrom('stage_notices').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('key').execute();
    return rows.map((r) => ({ key: r.key, caseId: r.case_id, stageId: r.stage_id, kind: r.kind, to: r.addressee, role: r.role, at: r.at, dueAt: r.due_at, createdAt: r.created_at }));
  }
}

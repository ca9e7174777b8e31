import type { Records } from '../store/records';
import type { TCaseProjection } from '../domain/case';
import type { TStageNotice } from '../domain/engine/case-clock';
import type { TRegisterCaseInput } from '../store/records.types';

/** A reminder or escalation of a case's stage, for the roles it goes to (see stageNotices in domain/engine/case-clock.ts). */
export interface TStageNoticeInput {
  caseId: string;
  notice: TStageNotice;
  roles: string[];
  /** The stage's deadline when the notice fell due. */
  dueAt: string | null;
}

/**
 * Activities that write the case's records. Both are idempotent by construction (registration by case id,
 * projection by case version and event seq), so Temporal's at-least-once retries never duplicate anything.
 */
export function createRecordActivities(deps: { records: Records }) {
  return {
    async registerCase(input: TRegisterCaseInput): Promise<{ registrationNumber: string }> {
      return deps.records.registerCase(input);
    },
    async projectCase(projection: TCaseProjection): Promise<void> {
      await deps.records.projectCase(projection);
    },
    /** Writes a stage's notice for each role, once by key (case, stage, notice, role): a retry writes nothing new. */
    async noticeStage({ caseId, notice, roles, dueAt }: TStageNoticeInput): Promise<void> {
      await deps.records.stageNotices.enqueue(
        roles.map((role) => ({ key: `${caseId}:${notice.stageId}:${notice.kind}:${role}`, caseId, stageId: notice.stageId, kind: notice.kind, to: notice.to, role, at: notice.at, dueAt })),
      );
    },
  };
}

export type TRecordActivities = ReturnType<typeof createRecordActivities>;

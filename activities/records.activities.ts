import type { Records } from '../store/records';
import type { TCaseProjection } from '../domain/case';
import type { TStageNotice } from '../domain/engine/case-clock';
import type { TRegisterCaseInput } from '../store/records.types';
import type { TOpenCaseRef } from '../store/calendar-closures';

/** UTC is at most 14 hours ahead of any office's time zone: from then on a deadline may lie on or after the date. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

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
    /** One page of the open cases a closure on `date` could concern (re-projection after a calendar change). */
    async openCasesForCalendarChange({ date, after, limit }: { date: string; after: string | null; limit: number }): Promise<TOpenCaseRef[]> {
      const dayStartsAt = new Date(Date.parse(`${date}T00:00:00Z`) - EARLIEST_OFFSET_MS).toISOString();
      return deps.records.calendarClosures.openCasesFrom({ dayStartsAt, after, limit: Math.min(Math.max(limit, 1), 1000) });
    },
  };
}

export type TRecordActivities = ReturnType<typeof createRecordActivities>;

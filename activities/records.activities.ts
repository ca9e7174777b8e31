import type { Records } from '../store/records';
import type { TCaseProjection } from '../domain/case';
import type { TRegisterCaseInput } from '../store/records.types';
import type { TOpenCaseRef } from '../store/calendar-closures';
import { createNoticeStage, type TStageNoticeDeps } from './stage-notice.activity';

/** UTC is at most 14 hours ahead of any office's time zone: from then on a deadline may lie on or after the date. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

/**
 * Activities that write the case's records. Both are idempotent by construction (registration by case id,
 * projection by case version and event seq), so Temporal's at-least-once retries never duplicate anything.
 */
export function createRecordActivities(deps: { records: Records } & TStageNoticeDeps) {
  return {
    async registerCase(input: TRegisterCaseInput): Promise<{ registrationNumber: string }> {
      return deps.records.registerCase(input);
    },
    async projectCase(projection: TCaseProjection): Promise<void> {
      await deps.records.projectCase(projection);
    },
    noticeStage: createNoticeStage(deps),
    /** One page of the open cases a closure on `date` could concern (re-projection after a calendar change). */
    async openCasesForCalendarChange({ date, after, limit }: { date: string; after: string | null; limit: number }): Promise<TOpenCaseRef[]> {
      const dayStartsAt = new Date(Date.parse(`${date}T00:00:00Z`) - EARLIEST_OFFSET_MS).toISOString();
      return deps.records.calendarClosures.openCasesFrom({ dayStartsAt, after, limit: Math.min(Math.max(limit, 1), 1000) });
    },
  };
}

export type TRecordActivities = ReturnType<typeof createRecordActivities>;

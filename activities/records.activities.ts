import type { TCaseProjection } from '../domain/case';
import type { TRegisterCaseInput } from '../store/records.types';
import type { TOpenCaseRef } from '../store/calendar-closures';
import { createNoticeStage, type TStageNoticeDeps } from './stage-notice.activity';
import { receiptMail, trackingPath } from '../domain/notices/receipt-mail';

/** UTC is at most 14 hours ahead of any office's time zone: from then on a deadline may lie on or after the date. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

/**
 * Activities that write the case's records. Both are idempotent by construction (registration by case id,
 * projection by case version and event seq), so Temporal's at-least-once retries never duplicate anything.
 */
export function createRecordActivities(deps: TStageNoticeDeps) {
  return {
    /** Registers the case under its gapless number; a permit's applicant gets the receipt with the tracking PIN. */
    async registerCase(input: TRegisterCaseInput): Promise<{ registrationNumber: string }> {
      const registered = await deps.records.registerCase(input);
      if (input.kind === 'permit') await enqueueReceipt(deps, input, registered.registrationNumber);
      return registered;
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

/** The receipt mail, keyed by the case: a retried registration enqueues nothing new. */
async function enqueueReceipt(deps: TStageNoticeDeps, input: TRegisterCaseInput, registrationNumber: string): Promise<void> {
  const applicant = await deps.records.getApplicant(input.caseId);
  if (!applicant) return; // cases registered without a profile (older tests' fixtures) have nobody to write to
  const mail = receiptMail({
    applicantName: applicant.name,
    registrationNumber,
    typeName: deps.catalog.get(input.typeId)?.name.id ?? input.typeId,
    pin: deps.records.trackingPin(input.caseId),
    trackUrl: `${deps.publicUrl}${trackingPath(registrationNumber)}`,
    office: deps.office.shortName,
  });
  await deps.records.outbox.enqueue({ key: `${input.caseId}:received`, caseId: input.caseId, recipient: applicant.email, ...mail });
}

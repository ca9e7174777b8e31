import { z } from 'zod';
import type { TThrottleConfig } from '../../domain/attempt-throttle';
import { CLOSED_STATUSES } from '../../domain/case';
import { issueEstimate } from '../../domain/tracking/issue-estimate';
import { TRACKING_PIN_DIGITS } from '../../store/tracking-pin';
import type { TApiDeps } from '../deps';
import { ApiError } from '../errors';
import { guardedAttempt } from '../guarded-attempt';
import type { TGuessGuard } from '../guarded-attempt';
import { workingTimeNow } from './calendar';

/** Wrong PINs for one number: a few free, then a doubling wait, then an hour's lock (a 6-digit PIN cannot be walked). */
export const TRACKING_THROTTLE: TThrottleConfig = { freeFailures: 5, baseDelayMs: 2000, maxFailures: 10, lockMs: 60 * 60 * 1000 };
/** The recent issued permits an estimate learns from: of the last half year, at most this many. */
const ESTIMATE_HISTORY_DAYS = 180;
const ESTIMATE_SAMPLE = 200;

export const ZTrackQuerySchema = z.strictObject({
  number: z.string().trim().min(1).max(64).regex(/^[\w./-]+$/, 'a registration number such as REG/REK/2026/000123'),
  pin: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${TRACKING_PIN_DIGITS}}$`), `the ${TRACKING_PIN_DIGITS}-digit PIN from the receipt`)),
});

const noMatch = () => new ApiError('NOT_FOUND', 'no permit application with this registration number and PIN');

/**
 * Where a permit application stands, for anyone holding its number and PIN (the receipt's tracking code), with no
 * account: status, the current stage and its due date, the case's due date and an estimated issue date. Nothing
 * personal: no name, no field, no document. An unknown number, a contract and a wrong PIN all answer the same 404;
 * wrong PINs for a number are throttled like passphrases (429, then 423 for an hour).
 */
export async function trackCase(deps: TApiDeps, query: unknown, now = new Date()) {
  const { number, pin } = ZTrackQuerySchema.parse(query);
  const row = await deps.records.getCaseByRegistrationNumber(number);
  if (!row || row.kind !== 'permit') throw noMatch();
  const guard: TGuessGuard = {
    subject: `tracking:${row.registrationNumber}`,
    throttle: TRACKING_THROTTLE,
    lockEvent: 'tracking_locked',
    path: 'pin',
    refusal: ({ locked, when, seconds }) => ({
      message: `Terlalu banyak PIN salah untuk nomor ini; coba lagi setelah ${when} (${seconds} detik). / Too many wrong PINs for this number; try again after ${when} (in ${seconds} s).`,
      fieldMessage: locked ? 'locked after too many wrong PINs' : 'wait before the next attempt',
    }),
    wrong: noMatch,
  };
  await guardedAttempt(deps, guard, () => deps.records.trackingPinMatches(row.caseId, pin), now);

  const type = deps.catalog.get(row.typeId);
  const closed = CLOSED_STATUSES.includes(row.status);
  const since = new Date(now.getTime() - ESTIMATE_HISTORY_DAYS * 86_400_000);
  const estimate =
    closed || !type
      ? null
      : issueEstimate({
          submittedAt: new Date(row.submittedAt),
          now,
          recent: await deps.records.serviceLevels.issuedDurations(row.typeId, since, ESTIMATE_SAMPLE),
          serviceLevelDays: type.serviceLevelDays,
          time: await workingTimeNow(deps),
        });
  const issued = row.status === 'issued' ? await deps.records.issuance.byCase(row.caseId) : undefined;
  return {
    registrationNumber: row.registrationNumber,
    typeId: row.typeId,
    typeName: type?.name ?? { id: row.typeId, en: row.typeId },
    status: row.status,
    submittedAt: row.submittedAt,
    stage: row.stageId ? { id: row.stageId, name: row.stageName ?? row.stageId, dueAt: row.stageDueAt } : null,
    dueAt: row.caseDueAt,
    closedAt: row.closedAt,
    estimate,
    /** The issued permit's public number (its verification page); the document itself stays with the applicant. */
    documentNumber: issued?.number ?? null,
  };
}

export type TTrackedPermit = Awaited<ReturnType<typeof trackCase>>;

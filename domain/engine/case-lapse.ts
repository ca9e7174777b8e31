import type { TLapsePolicy, TStageDefinition } from '../case-type.schema';
import type { TSkippedDay } from '../working-time/deadline';
import type { TOfficeCalendar } from '../working-time/office-calendar';
import { caseDeadline, type TCalendarBasis, type TCaseClock, type TPauseEntry } from './case-clock';

/**
 * Deemed approval (fiktif positif, issue 10 §2): the whole case's deadline passed while the office had not decided.
 * Pure: the evidence pack is counted with the one deadline rule over the case's own ledger, so that anyone can
 * check it against the preview endpoint.
 */

/** The legal basis cited in every Indonesian text about a lapsed case. */
export const DEEMED_APPROVAL_BASIS = 'Pasal 53 UU 30/2014 tentang Administrasi Pemerintahan sebagaimana diubah UU 6/2023';
/** The line a deemed-approved certificate carries. */
export const DEEMED_APPROVAL_LINE = 'Dianggap dikabulkan secara hukum (Pasal 53 UU 30/2014 jo. UU 6/2023)';
/** The stage the administrator's task on a lapsed case sits in (`flag`); pages name it in their language. */
export const LAPSE_STAGE_ID = 'lewat_waktu';
/** Why review tasks still open end when a lapsed case goes on to signature. */
export const LAPSE_CANCEL_REASON = 'lewat waktu';

/** The lapse as the case keeps it (on its clock, so the store and the view carry it). */
export interface TCaseLapse {
  /** The instant of lapse: the case deadline that passed. */
  at: string;
  /** When the engine noted it (the timer fired; a worker outage makes it later than `at`). */
  recordedAt: string;
  policy: TLapsePolicy;
  /** The sealed Berita Acara (PDF) in the blob store. */
  report: { sha256: string };
  /** The case went on to signature approved by law (at once under `auto_approve`, or by the administrator). */
  deemedApproved: boolean;
  /** `flag`: the administrator's task. */
  taskId: string | null;
}

/** The evidence pack of a lapsed case, stored as JSON and printed in the sealed Berita Acara. */
export interface TLapseEvidence {
  caseId: string;
  registrationNumber: string | null;
  typeId: string;
  typeName: string;
  /** The receipt instant (the submission). */
  receivedAt: string;
  /** The completeness check of the type: whether the file passed it (and when); null when the type has none. */
  completeness: { stageId: string; passed: boolean; at: string | null } | null;
  serviceLevelDays: number;
  /** The working days the rule counted to the deadline, and the days after day zero it did not count (and why). */
  countedDays: string[];
  skipped: TSkippedDay[];
  pauses: TPauseEntry[];
  /** The calendar that counted it: the holiday file's version and the closures' revision. */
  calendar: TCalendarBasis;
  /** The instant of lapse (the case deadline). */
  lapsedAt: string;
  policy: TLapsePolicy;
  legalBasis: string;
}

export interface TLapseEvidenceInput {
  caseId: string;
  registrationNumber: string | null;
  type: { id: string; name: { id: string }; stages: readonly Pick<TStageDefinition, 'id' | 'kind'>[] };
  submittedAt: string;
  calendar: TOfficeCalendar;
  clock: TCaseClock;
  policy: TLapsePolicy;
}

/** The evidence pack at the lapse, or null when the case's deadline is held by a pause (nothing can have lapsed). */
export function lapseEvidence(input: TLapseEvidenceInput): TLapseEvidence | null {
  const { clock } = input;
  const deadline = caseDeadline(input.calendar, clock, input.submittedAt);
  if (!deadline.dueAt) return null;
  const completenessStage = input.type.stages.find((s) => s.kind === 'completeness_check');
  const checked = completenessStage && clock.stages.find((s) => s.stageId === completenessStage.id);
  return {
    caseId: input.caseId,
    registrationNumber: input.registrationNumber,
    typeId: input.type.id,
    typeName: input.type.name.id,
    receivedAt: input.submittedAt,
    // A stage clock closes when its stage approves (or the case ends, which a lapse never follows).
    completeness: completenessStage ? { stageId: completenessStage.id, passed: Boolean(checked?.closedAt), at: checked?.closedAt ?? null } : null,
    serviceLevelDays: clock.serviceLevelDays,
    countedDays: deadline.countedDays,
    skipped: deadline.skipped,
    pauses: clock.pauses.map((p) => ({ ...p })),
    calendar: clock.basis ?? { calendarVersion: input.calendar.version, closuresRevision: 0 },
    lapsedAt: deadline.dueAt.toISOString(),
    policy: input.policy,
    legalBasis: DEEMED_APPROVAL_BASIS,
  };
}

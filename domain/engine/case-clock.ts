import type { TStageDefinition } from '../case-type.schema';
import { computeDeadline, DEADLINE_LIMITS, type TClosure, type TDeadline, type TPause, type TResumePolicy } from '../working-time/deadline';
import type { TOfficeCalendar } from '../working-time/office-calendar';
import type { TCaseLapse } from './case-lapse';

/**
 * The legal clock of one case (issue 10 §2): the pause ledger (stop-the-clock) and each review stage's own
 * clock. Pure data and small pure steps; the engine (case-state.ts) keeps one per case and the deadlines are
 * re-computed from it with the one deadline rule.
 */

/** Why the clock stopped: the case waits on the applicant (a revision, a payment). Wire names: never rename. */
export const PAUSE_REASONS = ['awaiting_revision', 'awaiting_payment'] as const;
export type TPauseReason = (typeof PAUSE_REASONS)[number];

/** On resumption a stage's count goes on where it stopped (`continue`) or starts again from the resumption (`restart`). */
export type TClockPolicy = TResumePolicy;

export interface TClockActor {
  userId: string;
  role: string;
}

/** One stop of the clock: from `paused` until `resumed` (null while the case still waits). */
export interface TPauseEntry {
  paused: string;
  resumed: string | null;
  reason: TPauseReason;
  /** Who stopped the clock (the reviewer who asked for changes). */
  by: TClockActor;
  /** Who started it again (the applicant who revised; `system` when the case ended meanwhile). */
  resumedBy: TClockActor | null;
  /** The stage that was in progress, and its policy on resumption, so that the ledger reads on its own. */
  stageId: string | null;
  policy: TClockPolicy;
}

/** One review stage's clock: opened once, re-opened after each revision under the same clock. */
export interface TStageClock {
  stageId: string;
  stageName: string;
  serviceLevelDays: number;
  policy: TClockPolicy;
  openedAt: string;
  closedAt: string | null;
  /** The deadline as last computed; null while a pause holds the count. */
  dueAt: string | null;
  /** The notices of this stage already sent (reminders, escalation), each once. */
  notified?: TStageNoticeKind[];
  /** Which calendar computed `dueAt` (issue 10 §3); absent in cases started before calendar changes. */
  basis?: TCalendarBasis;
}

/** The edition of the calendar a deadline was counted on: the holiday file's version and the closures' revision. */
export interface TCalendarBasis {
  calendarVersion: string;
  closuresRevision: number;
}

export interface TCaseClock {
  serviceLevelDays: number;
  pauses: TPauseEntry[];
  stages: TStageClock[];
  /**
   * The regional closures the deadlines are counted with and the calendar that computed the case's deadline
   * (issue 10 §3); absent in cases started before calendar changes (no closures).
   */
  closures?: TClosure[];
  basis?: TCalendarBasis;
  /** The whole case's deadline passed undecided (deemed approval, case-lapse.ts); absent until then and in older cases. */
  lapse?: TCaseLapse;
}

/** A stage's policy: its own data, else `restart` for a completeness check (an incomplete file) and `continue` otherwise. */
export function clockPolicyOf(stage: Pick<TStageDefinition, 'kind' | 'clockPolicy'>): TClockPolicy {
  return stage.clockPolicy ?? (stage.kind === 'completeness_check' ? 'restart' : 'continue');
}

/** The pause still holding the clock, if any. */
export function openPause(clock: TCaseClock): TPauseEntry | undefined {
  const last = clock.pauses.at(-1);
  return last && last.resumed === null ? last : undefined;
}

/** The most stops one case's ledger holds: the deadline rule counts over at most this many pauses. */
export const MAX_CLOCK_STOPS = DEADLINE_LIMITS.maxPauses;

/** Whether one more stop would take the ledger past what the deadline rule can count. */
export const clockIsFull = (clock: TCaseClock): boolean => clock.pauses.length >= MAX_CLOCK_STOPS;

/** Stops the clock (a second stop while stopped changes nothing: one pause at a time). */
export function pauseClock(clock: TCaseClock, pause: Omit<TPauseEntry, 'resumed' | 'resumedBy'>): void {
  if (openPause(clock)) return;
  clock.pauses.push({ ...pause, resumed: null, resumedBy: null });
}

/** Starts the clock again; false when it was not stopped. */
export function resumeClock(clock: TCaseClock, at: string, by: TClockActor): boolean {
  const pause = openPause(clock);
  if (!pause) return false;
  pause.resumed = at;
  pause.resumedBy = by;
  return true;
}

// ---- deadlines: the one rule (working-time/deadline.ts) over the ledger ----

interface TRuleInput {
  receivedAt: Date;
  workingDays: number;
  pauses: TPauseEntry[];
  policy: TClockPolicy;
}

/** A stage counts from its opening, through the pauses of its own time, under its own policy. */
function stageRuleInput(stage: TStageClock, ledger: readonly TPauseEntry[]): TRuleInput {
  const from = Date.parse(stage.openedAt);
  const to = stage.closedAt === null ? Infinity : Date.parse(stage.closedAt);
  const pauses = ledger.filter((p) => Date.parse(p.paused) >= from && Date.parse(p.paused) < to);
  return { receivedAt: new Date(from), workingDays: stage.serviceLevelDays, pauses, policy: stage.policy };
}

/**
 * The case counts from its submission through every pause; a pause of a `restart` stage (an incomplete file)
 * restarts the case's count too, from its resumption: the service level runs from the complete file.
 */
function caseRuleInput(clock: TCaseClock, submittedAt: string): TRuleInput {
  const restart = clock.pauses.findLast((p) => p.policy === 'restart' && p.resumed !== null);
  const from = restart ? Date.parse(restart.resumed!) : Date.parse(submittedAt);
  const pauses = clock.pauses.filter((p) => Date.parse(p.paused) >= from);
  return { receivedAt: new Date(from), workingDays: clock.serviceLevelDays, pauses, policy: 'continue' };
}

/**
 * The rule's pauses as things stood at `until` (none when omitted): a pause not over by then is open, and when
 * none is, one opens at `until`, so that the count stops there and says how many days were used by then.
 */
function rulePauses(pauses: readonly TPauseEntry[], until?: Date): TPause[] {
  const at = until?.getTime() ?? Infinity;
  const rule: TPause[] = pauses
    .filter((p) => p.resumed !== p.paused && Date.parse(p.paused) < at) // a stop of no length is no pause
    .map((p) => (p.resumed !== null && Date.parse(p.resumed) <= at ? { from: new Date(p.paused), to: new Date(p.resumed) } : { from: new Date(p.paused) }));
  if (until && rule.every((p) => p.to !== undefined)) rule.push({ from: until });
  return rule;
}

function deadlineOf(calendar: TOfficeCalendar, input: TRuleInput, closures: readonly TClosure[]): TDeadline {
  return computeDeadline(calendar, { ...input, pauses: rulePauses(input.pauses), closures });
}

/** A stage's deadline from its clock and the ledger (null while a pause holds its count), with the case's closures. */
export function stageDeadline(calendar: TOfficeCalendar, stage: TStageClock, ledger: readonly TPauseEntry[], closures: readonly TClosure[] = []): TDeadline {
  return deadlineOf(calendar, stageRuleInput(stage, ledger), closures);
}

/** The whole case's deadline from the ledger (null while a pause holds its count), with its closures. */
export function caseDeadline(calendar: TOfficeCalendar, clock: TCaseClock, submittedAt: string): TDeadline {
  return deadlineOf(calendar, caseRuleInput(clock, submittedAt), clock.closures ?? []);
}

/** Where a clock stands at an instant: its deadline, the working days used and left, and whether it has run out. */
export interface TClockReading {
  serviceLevelDays: number;
  dueAt: string | null;
  workingDaysUsed: number;
  workingDaysLeft: number;
  /** The deadline passed before `until` (the clock's end, or now while it runs). */
  overdue: boolean;
}

function readingOf(calendar: TOfficeCalendar, input: TRuleInput, until: Date, closures: readonly TClosure[]): TClockReading {
  const due = deadlineOf(calendar, input, closures).dueAt;
  const asOf = computeDeadline(calendar, { ...input, pauses: rulePauses(input.pauses, until), closures });
  // Stopped at `until`, the rule counts the days used so far; a deadline already behind `until` used them all.
  const used = asOf.dueAt === null ? asOf.countedDays.length : input.workingDays;
  return {
    serviceLevelDays: input.workingDays,
    dueAt: due && due.toISOString(),
    workingDaysUsed: used,
    workingDaysLeft: input.workingDays - used,
    overdue: due !== null && until.getTime() > due.getTime(),
  };
}

export interface TCaseClockReading {
  /** A pause holds the clock now. */
  paused: boolean;
  case: TClockReading;
  stages: Array<TStageClock & TClockReading>;
  pauses: TPauseEntry[];
  /** The whole case's deadline passed undecided (deemed approval); null otherwise. */
  lapse: TCaseLapse | null;
}

/** The clock as a reader sees it at `now`: each running clock read at `now`, each ended one at its end. */
export function readClock(calendar: TOfficeCalendar, clock: TCaseClock, c: { submittedAt: string; closedAt: string | null }, now: Date): TCaseClockReading {
  const endOf = (closedAt: string | null) => (closedAt === null ? now : new Date(closedAt));
  const closures = clock.closures ?? [];
  return {
    paused: openPause(clock) !== undefined,
    case: readingOf(calendar, caseRuleInput(clock, c.submittedAt), endOf(c.closedAt), closures),
    stages: clock.stages.map((stage) => ({ ...stage, ...readingOf(calendar, stageRuleInput(stage, clock.pauses), endOf(stage.closedAt), closures) })),
    pauses: clock.pauses,
    lapse: clock.lapse ?? null,
  };
}

// ---- reminders and escalation ----

/**
 * The notices of a running stage, in order: at 50% and 75% of its service level to the task's role, at 90% to the
 * role's supervisor, and at 100% (the deadline: the stage is overdue) the escalation to the head of office. The
 * mark at p% of an N-day stage is the closing time of counted working day ⌊N·p/100⌋, counted by the deadline rule
 * over the same stops (so it moves with the deadline); a mark before the first counted day is not sent.
 */
export const STAGE_NOTICES = [
  { kind: 'reminder_50', percent: 50, to: 'role' },
  { kind: 'reminder_75', percent: 75, to: 'role' },
  { kind: 'reminder_90', percent: 90, to: 'supervisor' },
  { kind: 'escalation', percent: 100, to: 'head' },
] as const;
export type TStageNoticeKind = (typeof STAGE_NOTICES)[number]['kind'];
export type TNoticeAddressee = (typeof STAGE_NOTICES)[number]['to'];

export interface TStageNotice {
  stageId: string;
  kind: TStageNoticeKind;
  to: TNoticeAddressee;
  at: string;
}

/** When each notice of a stage falls, by the rule above; none while a stop holds the stage's count. */
export function stageNotices(calendar: TOfficeCalendar, stage: TStageClock, ledger: readonly TPauseEntry[], closures: readonly TClosure[] = []): TStageNotice[] {
  const input = stageRuleInput(stage, ledger);
  return STAGE_NOTICES.flatMap((n) => {
    const days = Math.floor((stage.serviceLevelDays * n.percent) / 100);
    if (days < 1) return [];
    const at = deadlineOf(calendar, { ...input, workingDays: days }, closures).dueAt;
    return at ? [{ stageId: stage.stageId, kind: n.kind, to: n.to, at: at.toISOString() }] : [];
  });
}

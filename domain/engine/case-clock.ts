import type { TStageDefinition } from '../case-type.schema';

/**
 * The legal clock of one case (issue 10 §2): the pause ledger (stop-the-clock) and each review stage's own
 * clock. Pure data and small pure steps; the engine (case-state.ts) keeps one per case and the deadlines are
 * re-computed from it with the one deadline rule.
 */

/** Why the clock stopped: the case waits on the applicant (a revision, a payment). Wire names: never rename. */
export const PAUSE_REASONS = ['awaiting_revision', 'awaiting_payment'] as const;
export type TPauseReason = (typeof PAUSE_REASONS)[number];

/** On resumption a stage's count goes on where it stopped (`continue`) or starts again from the resumption (`restart`). */
export const CLOCK_POLICIES = ['continue', 'restart'] as const;
export type TClockPolicy = (typeof CLOCK_POLICIES)[number];

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
}

export interface TCaseClock {
  serviceLevelDays: number;
  pauses: TPauseEntry[];
  stages: TStageClock[];
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

/** The pauses of the clock from `since` on (those of one stage's time). */
export function pausesSince(clock: TCaseClock, since: string): TPauseEntry[] {
  return clock.pauses.filter((p) => Date.parse(p.paused) >= Date.parse(since));
}

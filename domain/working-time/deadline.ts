import { dayNumber, isoDateOf, MAX_ISO_DATE, MIN_ISO_DATE } from '../calendar';
import type { TDomainError } from '../failures';
import type { TOfficeCalendar } from './office-calendar';

/**
 * The legal clock (issue 10 §1), one pure function:
 * - a working day has office hours and is neither a holiday nor a closure;
 * - for N working days received at instant R, R's local date is day zero (whatever the time, working day or not);
 *   the deadline is the closing time of the N-th counted working day after day zero;
 * - a working day is not counted when the case was paused at that day's closing time (pauses are [from, to),
 *   `to` left out while the case is still paused);
 * - on resumption the count either goes on (`continue`) or starts from scratch with the resumption's local date as
 *   day zero (`restart`). A pause that begins after the deadline has passed changes nothing: the time had lapsed.
 * While an open pause holds the count, there is no deadline (`dueAt: null`).
 */

/** A regional or ad-hoc closure, declared at run time (issue 10 §3). */
export interface TClosure {
  date: string;
  reason: string;
}

/** The case was paused from `from` (included) until `to` (excluded); no `to` while it still is. */
export interface TPause {
  from: Date;
  to?: Date;
}

export const RESUME_POLICIES = ['continue', 'restart'] as const;
export type TResumePolicy = (typeof RESUME_POLICIES)[number];

export interface TDeadlineInput {
  receivedAt: Date;
  workingDays: number;
  pauses?: readonly TPause[];
  policy?: TResumePolicy;
  closures?: readonly TClosure[];
}

/** Why a day after day zero was not counted: `weekend`, `holiday:<name>`, `closure:<reason>` or `paused`. */
export interface TSkippedDay {
  date: string;
  reason: string;
}

export interface TDeadline {
  /** Closing time of the last counted day; null while an open pause holds the count. */
  dueAt: Date | null;
  /** The working days counted, in order (after the last restart, under `restart`). */
  countedDays: string[];
  /** The days after day zero not counted, up to the deadline (or up to the first day an open pause holds). */
  skipped: TSkippedDay[];
}

/** Bounds on every input, so that no request can make the rule walk for long. */
export const DEADLINE_LIMITS = {
  maxWorkingDays: 365,
  maxPauses: 100,
  maxClosures: 1000,
  maxReasonLength: 200,
  earliest: new Date(`${MIN_ISO_DATE}T00:00:00Z`),
  latest: new Date(`${MAX_ISO_DATE}T00:00:00Z`),
} as const;

export type TDeadlineField = 'receivedAt' | 'workingDays' | 'pauses' | 'policy' | 'closures';

/** The rule refused an input; `field` names it (the API answers 400 naming the parameter). */
export class DeadlineInputError extends RangeError implements TDomainError {
  override readonly name = 'DeadlineInputError';
  readonly failureType = 'CalendarRange';
  constructor(
    readonly field: TDeadlineField,
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 86_400_000;
const FIRST_DAY = dayNumber(MIN_ISO_DATE);
const LAST_DAY = dayNumber(MAX_ISO_DATE);

function checkInstant(field: TDeadlineField, what: string, at: Date): number {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new DeadlineInputError(field, `${what} is not a valid instant`);
  if (t < DEADLINE_LIMITS.earliest.getTime() || t >= DEADLINE_LIMITS.latest.getTime()) {
    throw new DeadlineInputError(field, `${what} must lie between ${MIN_ISO_DATE} and ${MAX_ISO_DATE}`);
  }
  return t;
}

interface TCheckedPause {
  from: number;
  to: number | null;
}

/** Pauses in order, each within range, begun at or after receipt, ended after it began, none overlapping. */
function checkedPauses(pauses: readonly TPause[], receivedAt: number): TCheckedPause[] {
  if (pauses.length > DEADLINE_LIMITS.maxPauses) throw new DeadlineInputError('pauses', `at most ${DEADLINE_LIMITS.maxPauses} pauses`);
  const checked = pauses.map((p, i) => {
    const from = checkInstant('pauses', `pause ${i + 1} start`, p.from);
    const to = p.to === undefined ? null : checkInstant('pauses', `pause ${i + 1} end`, p.to);
    if (from < receivedAt) throw new DeadlineInputError('pauses', `pause ${i + 1} begins before receivedAt`);
    if (to !== null && to <= from) throw new DeadlineInputError('pauses', `pause ${i + 1} must end after it begins`);
    return { from, to };
  });
  checked.sort((a, b) => a.from - b.from);
  for (let i = 1; i < checked.length; i++) {
    const before = checked[i - 1]!;
    if (before.to === null || before.to > checked[i]!.from) throw new DeadlineInputError('pauses', 'pauses must not overlap (an open pause can only be the last)');
  }
  return checked;
}

function checkedClosures(closures: readonly TClosure[]): Map<number, string> {
  if (closures.length > DEADLINE_LIMITS.maxClosures) throw new DeadlineInputError('closures', `at most ${DEADLINE_LIMITS.maxClosures} closures`);
  const byDay = new Map<number, string>();
  closures.forEach((c, i) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(c.date) ? dayNumber(c.date) : NaN;
    if (!(day >= FIRST_DAY && day <= LAST_DAY) || isoDateOf(day) !== c.date) {
      throw new DeadlineInputError('closures', `closure ${i + 1}: ${String(c.date).slice(0, 40)} is not a calendar date`);
    }
    if (!c.reason || c.reason.length > DEADLINE_LIMITS.maxReasonLength) {
      throw new DeadlineInputError('closures', `closure ${i + 1}: a reason of 1 to ${DEADLINE_LIMITS.maxReasonLength} characters`);
    }
    byDay.set(day, c.reason);
  });
  return byDay;
}

/** isoDateOf, remembered: the rule writes every day it walks, and the days lie within 2000–2100 (at most 36,890). */
const isoDates = new Map<number, string>();
function isoDateOfDay(day: number): string {
  let iso = isoDates.get(day);
  if (iso === undefined) isoDates.set(day, (iso = isoDateOf(day)));
  return iso;
}

const localDay = (t: number, calendar: TOfficeCalendar) => Math.floor((t + calendar.utcOffsetMinutes * 60_000) / DAY_MS);
/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

/** Why `day` (a day number) is not a working day, or null when it is. A holiday or closure on a weekend is named as such. */
export function nonWorkingReason(day: number, calendar: TOfficeCalendar, closures: ReadonlyMap<number, string>): string | null {
  const holiday = calendar.holidays.get(day);
  if (holiday !== undefined) return `holiday:${holiday}`;
  const closure = closures.get(day);
  if (closure !== undefined) return `closure:${closure}`;
  return calendar.closesAtMinute[weekdayOf(day)] === null ? 'weekend' : null;
}

/** The deadline of `input` under the office calendar; throws DeadlineInputError naming a bad input. */
export function computeDeadline(calendar: TOfficeCalendar, input: TDeadlineInput): TDeadline {
  const { workingDays, policy = 'continue' } = input;
  const receivedAt = checkInstant('receivedAt', 'receivedAt', input.receivedAt);
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > DEADLINE_LIMITS.maxWorkingDays) {
    throw new DeadlineInputError('workingDays', `a whole number from 1 to ${DEADLINE_LIMITS.maxWorkingDays}`);
  }
  if (!RESUME_POLICIES.includes(policy)) throw new DeadlineInputError('policy', `one of ${RESUME_POLICIES.join(', ')}`);
  const pauses = checkedPauses(input.pauses ?? [], receivedAt);
  const closures = checkedClosures(input.closures ?? []);

  let counted: number[] = [];
  let skipped: TSkippedDay[] = [];
  let next = 0; // the first pause not yet over at the closing time being looked at
  let closing = 0;
  for (let day = localDay(receivedAt, calendar) + 1; counted.length < workingDays; day++) {
    if (day > LAST_DAY) throw new DeadlineInputError('workingDays', `the deadline would fall after ${MAX_ISO_DATE}`);
    const reason = nonWorkingReason(day, calendar, closures);
    if (reason) {
      skipped.push({ date: isoDateOfDay(day), reason });
      continue;
    }
    closing = day * DAY_MS + (calendar.closesAtMinute[weekdayOf(day)]! - calendar.utcOffsetMinutes) * 60_000;
    let restartedOn: number | null = null;
    for (let p = pauses[next]; p && p.to !== null && p.to <= closing; p = pauses[++next]) restartedOn = localDay(p.to, calendar);
    if (policy === 'restart' && restartedOn !== null) {
      // The count starts again: the resumption's local date is day zero (at most this day, whose closing is after it).
      counted = [];
      skipped = [];
      day = restartedOn;
      continue;
    }
    const pause = pauses[next];
    if (pause && pause.from <= closing) {
      skipped.push({ date: isoDateOfDay(day), reason: 'paused' });
      if (pause.to === null) return { dueAt: null, countedDays: counted.map(isoDateOfDay), skipped };
      continue;
    }
    counted.push(day);
  }
  return { dueAt: new Date(closing), countedDays: counted.map(isoDateOfDay), skipped };
}

import { dayNumber } from '../calendar';
import { computeDeadline, DEADLINE_LIMITS, nonWorkingReason, type TClosure } from './deadline';
import type { TOfficeCalendar } from './office-calendar';

/**
 * Working days as everything outside a case's own clock reads them (inbox tags, admin ages, applicants'
 * estimates, contract dates): the office calendar and the regional closures in force now, counted by the one
 * deadline rule (deadline.ts). A case's own deadlines come from its clock (engine/case-clock.ts).
 */
export interface TWorkingTime {
  calendar: TOfficeCalendar;
  closures: readonly TClosure[];
}

const DAY_MS = 86_400_000;

/** The deadline `workingDays` working days after `from` by the rule (from's local date is day zero). */
export function deadlineAfter(from: Date, workingDays: number, time: TWorkingTime): Date {
  return computeDeadline(time.calendar, { receivedAt: from, workingDays, closures: time.closures }).dueAt!;
}

/** Whether a local day (days since 1970-01-01) is a working day: office hours, no holiday, no closure. */
export function workingDayTester(time: TWorkingTime): (day: number) => boolean {
  const closures = new Map(time.closures.map((c) => [dayNumber(c.date), c.reason]));
  return (day) => nonWorkingReason(day, time.calendar, closures) === null;
}

/**
 * A counter of the working days after `from`'s local date up to and including `to`'s (0 when `to` falls on the same
 * day or before): `from`'s date is day zero, as for a deadline, so a stage closed on the N-th working day after it
 * opened used N. Counted by the deadline rule itself, stopped at the midnight after `to`'s date (the rule counts the
 * days whose closing time comes before a stop); at most DEADLINE_LIMITS.maxWorkingDays. The count depends only on
 * the two local dates, so each pair is counted once (many rows share few pairs).
 */
export function workingDayCounter(time: TWorkingTime): (from: Date, to: Date) => number {
  const offset = time.calendar.utcOffsetMinutes * 60_000;
  const counts = new Map<number, number>();
  return (from, to) => {
    const fromDay = Math.floor((from.getTime() + offset) / DAY_MS);
    const toDay = Math.floor((to.getTime() + offset) / DAY_MS);
    if (toDay <= fromDay) return 0;
    const key = fromDay * 100_000 + toDay; // day numbers of 2000–2100 stay below 100,000
    let count = counts.get(key);
    if (count === undefined) {
      const stop = new Date((toDay + 1) * DAY_MS - offset);
      count = computeDeadline(time.calendar, { receivedAt: from, workingDays: DEADLINE_LIMITS.maxWorkingDays, pauses: [{ from: stop }], closures: time.closures }).countedDays.length;
      counts.set(key, count);
    }
    return count;
  };
}

/** workingDayCounter for one pair. */
export function workingDaysAfter(from: Date, to: Date, time: TWorkingTime): number {
  return workingDayCounter(time)(from, to);
}

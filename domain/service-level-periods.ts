import { dayNumber, isoDateOf, localDate, type TUtcOffset as TOffset } from './calendar';
import { workingDayTester, type TWorkingTime } from './working-time/working-days';

const DAY_MS = 86_400_000;

/** The instant a local day (a day number) begins in the office's time. */
const startOfLocalDay = (day: number, calendar: TOffset) => new Date(day * DAY_MS - calendar.utcOffsetMinutes * 60_000);

/**
 * For each age in working days (ascending, each ≥ 1): the instant before which a case must have been submitted to
 * be at least that old at `now` by `workingDaysAfter` (working-time/working-days.ts). Ages are counted by the office
 * calendar and the closures in force (weekends, holidays, closures), so
 * the database can bucket cases by comparing timestamps. Returned newest first (same order as `minAges`).
 */
export function workingAgeBoundaries(now: Date, minAges: readonly number[], time: TWorkingTime): Date[] {
  const { calendar } = time;
  const isWorkingDay = workingDayTester(time);
  const today = dayNumber(localDate(now, calendar));
  const boundaries: Date[] = [];
  // count = working days in (day, today]; it grows as day goes back, so each age's latest day is found in one walk.
  let day = today;
  let count = 0;
  for (const age of minAges) {
    if (!Number.isInteger(age) || age < 1 || age > 1000) throw new RangeError(`an age bucket must be 1…1000 working days, got ${age}`);
    while (count < age) {
      if (isWorkingDay(day)) count++;
      day--;
    }
    // `day` is the latest day whose count reached `age`: cases submitted on it or earlier are old enough.
    boundaries.push(startOfLocalDay(day + 1, calendar));
  }
  return boundaries;
}

/**
 * Week periods for the on-time figures: `weeks` local weeks starting on Monday, the last being the current one.
 * Returns weeks + 1 ascending instants (the last is the start of next week) and each week's Monday.
 */
export function weekBoundaries(now: Date, weeks: number, calendar: TOffset): { boundaries: Date[]; mondays: string[] } {
  const today = dayNumber(localDate(now, calendar));
  const weekday = (((today + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  const thisMonday = today - ((weekday + 6) % 7);
  const firstMonday = thisMonday - 7 * (weeks - 1);
  const days = Array.from({ length: weeks + 1 }, (_, i) => firstMonday + 7 * i);
  return { boundaries: days.map((d) => startOfLocalDay(d, calendar)), mondays: days.slice(0, weeks).map(isoDateOf) };
}

/**
 * The instants a range of local dates covers, both ends included: from 00:00 office time on `from` up to (not
 * including) 00:00 on the day after `to`.
 */
export function localDateRange(from: string, to: string, calendar: TOffset): { start: Date; end: Date } {
  return { start: startOfLocalDay(dayNumber(from), calendar), end: startOfLocalDay(dayNumber(to) + 1, calendar) };
}

/** The local date `days` days before (negative: after) a local date. */
export const daysBefore = (isoDate: string, days: number) => isoDateOf(dayNumber(isoDate) - days);

/** Days from `from` to `to`, both included (1 for one day; 0 or less when `to` comes first). */
export const daysSpanned = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

import type { TDomainError } from './failures';
import { z } from 'zod';

/**
 * Pure date helpers (day numbers, local dates, the API's date schema), and the workflows' OLD working-day rule
 * (`TCalendar`, `addWorkingDays`: Monday to Friday, closing 16:00 every day, no closures). The old rule is kept
 * only for workflow code that must replay as recorded: cases started before the pause ledger, and the signing,
 * negotiation and termination steps whose due dates workflows compute with it. Everything else counts working
 * days with the one deadline rule on the office calendar and the closures in force (working-time/).
 * The office keeps Asia/Pontianak time (UTC+7, no daylight saving), so a fixed offset is exact.
 *
 * Dates are counted as integer day numbers (days since 1970-01-01), never by stepping ISO strings: past
 * year 9999 `toISOString()` writes `+010000-…`, which once made a loop over strings run forever. Every
 * loop here has a hard cap and throws CalendarRangeError past it.
 */
export interface TCalendar {
  /** ISO dates (YYYY-MM-DD) on which the office is closed besides weekends. */
  holidays: string[];
  /** Minutes after local midnight when the office closes; a deadline falls at closing time. */
  closesAtMinute: number;
  /** Offset of the office's local time from UTC in minutes. */
  utcOffsetMinutes: number;
}

export const PONTIANAK_CALENDAR: TCalendar = { holidays: [], closesAtMinute: 16 * 60, utcOffsetMinutes: 7 * 60 };

/** What local dates need of a calendar: its offset from UTC (the office calendar of working-time/ has it too). */
export type TUtcOffset = Pick<TCalendar, 'utcOffsetMinutes'>;

/** The plausible range of every date the API accepts. */
export const MIN_ISO_DATE = '2000-01-01';
export const MAX_ISO_DATE = '2100-12-31';
/** The most working days a deadline may lie ahead (four years and more: no service level comes near). */
export const MAX_WORKING_DAYS = 1000;
/** Calendar days addWorkingDays may step through before it gives up (holidays included). */
const MAX_CALENDAR_STEPS = 5 * MAX_WORKING_DAYS;

const DAY_MS = 86_400_000;

/** A date computation left the range the calendar works in: a refusal of the input, never a hang. */
export class CalendarRangeError extends RangeError implements TDomainError {
  override readonly name = 'CalendarRangeError';
  readonly failureType = 'CalendarRange';
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (not checked for being a real date; see ZIsoDateSchema). */
export function dayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new CalendarRangeError(`expected a YYYY-MM-DD date, got "${isoDate.slice(0, 40)}"`);
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(d.getTime() / DAY_MS);
}

/** The YYYY-MM-DD date of a day number; throws outside years 0000–9999, which ISO strings cannot write plainly. */
export function isoDateOf(day: number): string {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  if (!Number.isInteger(day) || !(year >= 0 && year <= 9999)) throw new CalendarRangeError(`day ${day} is outside years 0000–9999`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function localDayNumber(at: Date, calendar: TUtcOffset): number {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new CalendarRangeError('not a valid instant');
  return Math.floor((t + calendar.utcOffsetMinutes * 60_000) / DAY_MS);
}

/** The local calendar date of an instant, as YYYY-MM-DD. */
export function localDate(at: Date, calendar: TUtcOffset): string {
  return isoDateOf(localDayNumber(at, calendar));
}

function holidayDays(calendar: TCalendar): Set<number> {
  return new Set(calendar.holidays.map(dayNumber));
}

function isWorkingDayNumber(day: number, holidays: Set<number>): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The instant the office closes on a local day. */
function closingInstant(day: number, calendar: TCalendar): Date {
  isoDateOf(day); // range check
  return new Date(day * DAY_MS + (calendar.closesAtMinute - calendar.utcOffsetMinutes) * 60_000);
}

/**
 * The deadline `days` working days after `from`: the count starts on the next working day
 * (the day of receipt is day zero) and the deadline is closing time on the last counted day.
 */
export function addWorkingDays(from: Date, days: number, calendar: TCalendar): Date {
  if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
    throw new CalendarRangeError(`working days must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${days}`);
  }
  const holidays = holidayDays(calendar);
  let day = localDayNumber(from, calendar);
  for (let counted = 0, steps = 0; counted < days; ) {
    if (++steps > MAX_CALENDAR_STEPS) throw new CalendarRangeError(`no ${days} working days within ${MAX_CALENDAR_STEPS} calendar days`);
    day++;
    if (isWorkingDayNumber(day, holidays)) counted++;
  }
  return closingInstant(day, calendar);
}

/** A real calendar date written YYYY-MM-DD, within the plausible range (2000-01-01 … 2100-12-31). */
export const ZIsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar date')
  .refine((d) => d >= MIN_ISO_DATE && d <= MAX_ISO_DATE, `must lie between ${MIN_ISO_DATE} and ${MAX_ISO_DATE}`)
  .meta({
    format: 'date',
    description: `A calendar date (YYYY-MM-DD) from ${MIN_ISO_DATE} to ${MAX_ISO_DATE}.`,
    example: '2026-07-01',
  });

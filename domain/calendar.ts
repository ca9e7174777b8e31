import { z } from 'zod';

/**
 * Working-day arithmetic for legal service levels. Pure and deterministic so that workflows can call it.
 * The office keeps Asia/Pontianak time (UTC+7, no daylight saving), so a fixed offset is exact.
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

const DAY_MS = 86_400_000;

/** The local calendar date of an instant, as YYYY-MM-DD. */
export function localDate(at: Date, calendar: TCalendar): string {
  return new Date(at.getTime() + calendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function isWorkingDay(isoDate: string, calendar: TCalendar): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.includes(isoDate);
}

function nextDate(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The instant the office closes on a local date. */
function closingInstant(isoDate: string, calendar: TCalendar): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + (calendar.closesAtMinute - calendar.utcOffsetMinutes) * 60_000);
}

/**
 * The deadline `days` working days after `from`: the count starts on the next working day
 * (the day of receipt is day zero) and the deadline is closing time on the last counted day.
 */
export function addWorkingDays(from: Date, days: number, calendar: TCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number >= 0, got ${days}`);
  let date = localDate(from, calendar);
  for (let counted = 0; counted < days; ) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return closingInstant(date, calendar);
}

/** Whole working days from `from` until `to` (0 when `to` is on or before `from`'s day). */
export function workingDaysBetween(from: Date, to: Date, calendar: TCalendar): number {
  let date = localDate(from, calendar);
  const end = localDate(to, calendar);
  let count = 0;
  while (date < end) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) count++;
  }
  return count;
}

/** A real calendar date written YYYY-MM-DD. */
export const ZIsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar date');

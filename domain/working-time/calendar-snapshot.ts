import { dayNumber, isoDateOf, type TCalendar } from '../calendar';
import type { TClosuresEdition } from './calendar-change';
import type { TOfficeCalendar } from './office-calendar';

/**
 * The office calendar as it travels in a workflow's start input: plain JSON (the rule's calendar holds a Map),
 * so a case keeps the calendar it was started with, its version included, and replays compute the same.
 */
export interface TOfficeCalendarSnapshot {
  version: string;
  utcOffsetMinutes: number;
  /** By weekday, 0 = Sunday … 6 = Saturday: minutes after local midnight the office closes, null when closed. */
  closesAtMinute: Array<number | null>;
  holidays: Array<{ date: string; name: string }>;
  /** The regional closures in force when the case started (issue 10 §3); absent in cases started before them. */
  closures?: TClosuresEdition;
}

export function calendarSnapshotOf(calendar: TOfficeCalendar, closures?: TClosuresEdition): TOfficeCalendarSnapshot {
  return {
    ...(closures && { closures }),
    version: calendar.version,
    utcOffsetMinutes: calendar.utcOffsetMinutes,
    closesAtMinute: [...calendar.closesAtMinute],
    holidays: [...calendar.holidays].sort(([a], [b]) => a - b).map(([day, name]) => ({ date: isoDateOf(day), name })),
  };
}

export function officeCalendarOfSnapshot(snapshot: TOfficeCalendarSnapshot): TOfficeCalendar {
  return {
    version: snapshot.version,
    utcOffsetMinutes: snapshot.utcOffsetMinutes,
    closesAtMinute: snapshot.closesAtMinute,
    holidays: new Map(snapshot.holidays.map((h) => [dayNumber(h.date), h.name])),
  };
}

/** Cases started before the snapshot carry the older calendar: Monday to Friday, one closing time, unnamed holidays. */
export function officeCalendarOfLegacy(calendar: TCalendar): TOfficeCalendar {
  return {
    version: 'legacy',
    utcOffsetMinutes: calendar.utcOffsetMinutes,
    closesAtMinute: [0, 1, 2, 3, 4, 5, 6].map((weekday) => (weekday === 0 || weekday === 6 ? null : calendar.closesAtMinute)),
    holidays: new Map(calendar.holidays.map((date) => [dayNumber(date), 'Hari libur'])),
  };
}

import type { TOfficeCalendarFile } from '../working-time/office-calendar';

/** The office's opening hours as the after-hours rule reads them: per weekday (0 = Sunday), minutes after local midnight. */
export interface TOfficeHours {
  utcOffsetMinutes: number;
  hours: ReadonlyArray<{ opens: number; closes: number } | null>;
  /** Holidays as local ISO dates. */
  holidays: ReadonlySet<string>;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The hours of the validated calendar file (templates/calendar.json). */
export function officeHoursOf(file: TOfficeCalendarFile): TOfficeHours {
  const sign = file.timeZone.utcOffset.startsWith('-') ? -1 : 1;
  return {
    utcOffsetMinutes: sign * minuteOf(file.timeZone.utcOffset.slice(1)),
    hours: WEEKDAYS.map((d) => {
      const h = file.officeHours[d];
      return h ? { opens: minuteOf(h.opens), closes: minuteOf(h.closes) } : null;
    }),
    holidays: new Set(file.holidays.map((h) => h.date)),
  };
}

/** Where an instant falls in office time: its local date and time, and whether the office was open. */
export function officeMoment(at: string, office: TOfficeHours): { localDate: string; localTime: string; open: boolean } {
  const local = new Date(Date.parse(at) + office.utcOffsetMinutes * 60_000);
  const localDate = local.toISOString().slice(0, 10);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const hours = office.hours[local.getUTCDay()];
  const open = Boolean(hours) && !office.holidays.has(localDate) && minute >= hours!.opens && minute < hours!.closes;
  return { localDate, localTime: local.toISOString().slice(11, 16), open };
}

import type { TOfficeCalendarFile } from '../working-time/office-calendar';

/** The office's opening hours as the after-hours rule reads them: per weekday (0 = Sunday), minutes after local midnight. */
export interface TOfficeHours {
  /** The zone's name as the office writes it next to a time ("WIB"). */
  zoneName: string;
  utcOffsetMinutes: number;
  hours: ReadonlyArray<{ opens: number; closes: number } | null>;
  /** Holidays by local ISO date, with their names. */
  holidays: ReadonlyMap<string, string>;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The hours of the validated calendar file (templates/calendar.json). */
export function officeHoursOf(file: TOfficeCalendarFile): TOfficeHours {
  const sign = file.timeZone.utcOffset.startsWith('-') ? -1 : 1;
  return {
    zoneName: file.timeZone.name,
    utcOffsetMinutes: sign * minuteOf(file.timeZone.utcOffset.slice(1)),
    hours: WEEKDAYS.map((d) => {
      const h = file.officeHours[d];
      return h ? { opens: minuteOf(h.opens), closes: minuteOf(h.closes) } : null;
    }),
    holidays: new Map(file.holidays.map((h) => [h.date, h.name])),
  };
}

/**
 * Where an instant falls in office time: its local date and time, whether the office was open, and why not (the
 * day's hours, null on a day the office never opens, and the holiday's name): what an auditor checks by hand.
 */
export interface TOfficeMoment {
  localDate: string;
  localTime: string;
  zone: string;
  open: boolean;
  /** That weekday's hours, "HH:MM"; null when the office does not open on that weekday. */
  officeHours: { opens: string; closes: string } | null;
  holiday: string | null;
}

export function officeMoment(at: string, office: TOfficeHours): TOfficeMoment {
  const local = new Date(Date.parse(at) + office.utcOffsetMinutes * 60_000);
  const localDate = local.toISOString().slice(0, 10);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const hours = office.hours[local.getUTCDay()] ?? null;
  const holiday = office.holidays.get(localDate) ?? null;
  const open = hours !== null && holiday === null && minute >= hours.opens && minute < hours.closes;
  return {
    localDate,
    localTime: local.toISOString().slice(11, 16),
    zone: office.zoneName,
    open,
    officeHours: hours && { opens: hhmmOf(hours.opens), closes: hhmmOf(hours.closes) },
    holiday,
  };
}

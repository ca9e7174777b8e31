import { z } from 'zod';
import { dayNumber, ZIsoDateSchema } from '../calendar';

/**
 * The office calendar as the deadline rule reads it (issue 10 §1): a fixed offset from UTC (WIB has no daylight
 * saving), office hours per weekday, and named national holidays and cuti bersama. Regional closures are not
 * part of it: they are declared at run time and passed to the rule beside it (deadline.ts).
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const ZClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (00:00–23:59)');
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const ZOfficeHoursSchema = z
  .object({ opens: ZClockTimeSchema, closes: ZClockTimeSchema })
  .refine((h) => minuteOf(h.opens) < minuteOf(h.closes), { message: 'the office must open before it closes', path: ['closes'] });

/** templates/calendar.json, validated at start-up (a bad file stops the processes naming the file and the path). */
export const ZOfficeCalendarFileSchema = z
  .object({
    /** Which edition of the holiday list computed a deadline; bump it whenever a date changes. */
    version: z.string().min(1).max(40),
    /** Where the dates come from and who must confirm them. */
    source: z.string().max(2000).optional(),
    timeZone: z.object({
      name: z.string().min(1).max(20),
      /** A fixed offset: the office's zone must have no daylight saving for the rule to be exact. */
      utcOffset: z.string().regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'expected ±HH:MM'),
    }),
    /** Per weekday, its opening and closing time, or null when the office is closed that day. */
    officeHours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZOfficeHoursSchema.nullable()])) as Record<(typeof WEEKDAYS)[number], z.ZodNullable<typeof ZOfficeHoursSchema>>),
    holidays: z
      .array(z.object({ date: ZIsoDateSchema, name: z.string().min(1).max(200), kind: z.enum(['libur_nasional', 'cuti_bersama']) }))
      .max(2000),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.holidays.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `${h.date} is listed twice` });
      seen.add(h.date);
    });
    if (WEEKDAYS.every((d) => file.officeHours[d] === null)) ctx.addIssue({ code: 'custom', path: ['officeHours'], message: 'the office must open on at least one weekday' });
  });
export type TOfficeCalendarFile = z.infer<typeof ZOfficeCalendarFileSchema>;

export interface TOfficeCalendar {
  version: string;
  utcOffsetMinutes: number;
  /** By weekday, 0 = Sunday … 6 = Saturday: minutes after local midnight the office closes, null when closed. */
  closesAtMinute: ReadonlyArray<number | null>;
  /** Holiday names by day number (days since 1970-01-01). */
  holidays: ReadonlyMap<number, string>;
}

/** The rule's view of a validated calendar file; `extraHolidays` (SAHKAN_HOLIDAYS) carry no name of their own. */
export function officeCalendarOf(file: TOfficeCalendarFile, extraHolidays: readonly string[] = []): TOfficeCalendar {
  const sign = file.timeZone.utcOffset.startsWith('-') ? -1 : 1;
  const holidays = new Map<number, string>();
  for (const date of extraHolidays) holidays.set(dayNumber(date), 'Libur tambahan kantor');
  for (const h of file.holidays) holidays.set(dayNumber(h.date), h.name);
  return {
    version: file.version,
    utcOffsetMinutes: sign * minuteOf(file.timeZone.utcOffset.slice(1)),
    closesAtMinute: WEEKDAYS.map((d) => {
      const hours = file.officeHours[d];
      return hours ? minuteOf(hours.closes) : null;
    }),
    holidays,
  };
}

import { ZIsoDateSchema } from '../domain/calendar';
import { PONTIANAK_CALENDAR, type TCalendar } from '../domain/calendar';
import { ZCaseTypeSchema, type TCaseType } from '../domain/case-type.schema';
import { officeCalendarOf, ZOfficeCalendarFileSchema, type TOfficeCalendar } from '../domain/working-time/office-calendar';
import { projectFile } from '../project-root';
import { loadCatalogFolder, readJsonFile } from './json-files';

/** The shipped permit-type catalog and holiday calendar. */
export const CATALOG_DIR = projectFile('templates', 'permit-types');
export const CALENDAR_FILE = projectFile('templates', 'calendar.json');

/**
 * Reads every `.json` file of `dir` as a case type, validated against ZCaseTypeSchema.
 * Throws naming the file and the path inside it; type ids and codes must be unique across files
 * (the code scopes registration numbers, so two types sharing one would share a sequence).
 */
export function loadCatalog(dir: string): Map<string, TCaseType> {
  return loadCatalogFolder(dir, 'case-type catalog', ZCaseTypeSchema, 'type');
}


/** A calendar file's extra holidays (SAHKAN_HOLIDAYS), checked: each a YYYY-MM-DD calendar date. */
function checkedExtraHolidays(extraHolidays: readonly string[]): readonly string[] {
  extraHolidays.forEach((d, i) => {
    if (!ZIsoDateSchema.safeParse(d).success) throw new Error(`extra holiday ${i} ("${d}"): expected a YYYY-MM-DD calendar date`);
  });
  return extraHolidays;
}

/**
 * The office calendar of `file` (templates/calendar.json: time zone, office hours, named holidays, version) plus
 * `extraHolidays`, for the deadline rule of domain/working-time/deadline.ts. Throws naming the file and the path.
 */
export function loadOfficeCalendar(file: string, extraHolidays: readonly string[] = []): TOfficeCalendar {
  return officeCalendarOf(readJsonFile(file, ZOfficeCalendarFileSchema), checkedExtraHolidays(extraHolidays));
}

/**
 * The calendar the running workflows were started with (domain/calendar.ts): the holidays of `file` (plus
 * `extraHolidays`, e.g. SAHKAN_HOLIDAYS), closing at 16:00 every working day, UTC+7. Holidays come back sorted
 * and without duplicates. Kept as it was so that running workflows compute what they always computed; the office
 * hours of the file (Friday's 16:30) reach them with issue 10 §2, behind patched().
 */
export function loadCalendar(file: string, extraHolidays: readonly string[] = []): TCalendar {
  const calendar = readJsonFile(file, ZOfficeCalendarFileSchema);
  const holidays = [...new Set([...calendar.holidays.map((h) => h.date), ...checkedExtraHolidays(extraHolidays)])].sort();
  return {
    holidays,
    closesAtMinute: PONTIANAK_CALENDAR.closesAtMinute,
    utcOffsetMinutes: PONTIANAK_CALENDAR.utcOffsetMinutes,
  };
}

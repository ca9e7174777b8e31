import path from 'node:path';
import { ZIsoDateSchema } from '../domain/calendar';
import { z } from 'zod';
import { PONTIANAK_CALENDAR, type TCalendar } from '../domain/calendar';
import { ZCaseTypeSchema, type TCaseType } from '../domain/case-type.schema';
import { loadCatalogFolder, readJsonFile } from './json-files';

/** The shipped permit-type catalog and holiday calendar. */
export const CATALOG_DIR = path.resolve(__dirname, '..', 'templates', 'permit-types');
export const CALENDAR_FILE = path.resolve(__dirname, '..', 'templates', 'calendar.json');

/**
 * Reads every `.json` file of `dir` as a case type, validated against ZCaseTypeSchema.
 * Throws naming the file and the path inside it; type ids and codes must be unique across files
 * (the code scopes registration numbers, so two types sharing one would share a sequence).
 */
export function loadCatalog(dir: string): Map<string, TCaseType> {
  return loadCatalogFolder(dir, 'case-type catalog', ZCaseTypeSchema, 'type');
}


export const ZCalendarFileSchema = z.object({
  /** Where the dates come from and who must confirm them. */
  source: z.string().optional(),
  holidays: z.array(ZIsoDateSchema),
  /** Optional names of the holidays, by date, for people reading the file. */
  names: z.record(z.string(), z.string()).optional(),
});
export type TCalendarFile = z.infer<typeof ZCalendarFileSchema>;

/**
 * The office calendar: the holidays of `file` (plus `extraHolidays`, e.g. SAHKAN_HOLIDAYS), closing at 16:00
 * Asia/Pontianak (UTC+7). Holidays come back sorted and without duplicates.
 */
export function loadCalendar(file: string, extraHolidays: readonly string[] = []): TCalendar {
  const calendar = readJsonFile(file, ZCalendarFileSchema);
  extraHolidays.forEach((d, i) => {
    if (!ZIsoDateSchema.safeParse(d).success) throw new Error(`extra holiday ${i} ("${d}"): expected a YYYY-MM-DD calendar date`);
  });
  const holidays = [...new Set([...calendar.holidays, ...extraHolidays])].sort();
  return {
    holidays,
    closesAtMinute: PONTIANAK_CALENDAR.closesAtMinute,
    utcOffsetMinutes: PONTIANAK_CALENDAR.utcOffsetMinutes,
  };
}

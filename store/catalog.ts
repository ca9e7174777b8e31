import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PONTIANAK_CALENDAR, type TCalendar } from '../domain/calendar';
import { ZCaseTypeSchema, type TCaseType } from '../domain/case-type.schema';

/** The shipped permit-type catalog and holiday calendar. */
export const CATALOG_DIR = path.resolve(__dirname, '..', 'templates', 'permit-types');
export const CALENDAR_FILE = path.resolve(__dirname, '..', 'templates', 'calendar.json');

/** A path for messages: relative to the working directory when inside it, absolute otherwise. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${shown(file)}: cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${shown(file)}: not valid JSON: ${(err as Error).message}`);
  }
}

/** `file: path.inside: message`, one line per issue. */
function describeIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${shown(file)}: ${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}

/**
 * Reads every `.json` file of `dir` as a case type, validated against ZCaseTypeSchema.
 * Throws naming the file and the path inside it; type ids and codes must be unique across files
 * (the code scopes registration numbers, so two types sharing one would share a sequence).
 */
export function loadCatalog(dir: string): Map<string, TCaseType> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new Error(`case-type catalog ${shown(dir)}: cannot read the folder: ${(err as Error).message}`);
  }
  const catalog = new Map<string, TCaseType>();
  const fileOfId = new Map<string, string>();
  const fileOfCode = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = ZCaseTypeSchema.safeParse(readJson(file));
    if (!parsed.success) throw new Error(describeIssues(file, parsed.error));
    const type = parsed.data;
    const sameId = fileOfId.get(type.id);
    if (sameId) throw new Error(`${shown(file)}: id: duplicate type id "${type.id}" (already defined in ${shown(sameId)})`);
    const sameCode = fileOfCode.get(type.code);
    if (sameCode) throw new Error(`${shown(file)}: code: duplicate type code "${type.code}" (already used in ${shown(sameCode)})`);
    fileOfId.set(type.id, file);
    fileOfCode.set(type.code, file);
    catalog.set(type.id, type);
  }
  return catalog;
}

const ZIsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar date');

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
  const parsed = ZCalendarFileSchema.safeParse(readJson(file));
  if (!parsed.success) throw new Error(describeIssues(file, parsed.error));
  extraHolidays.forEach((d, i) => {
    if (!ZIsoDateSchema.safeParse(d).success) throw new Error(`extra holiday ${i} ("${d}"): expected a YYYY-MM-DD calendar date`);
  });
  const holidays = [...new Set([...parsed.data.holidays, ...extraHolidays])].sort();
  return {
    holidays,
    closesAtMinute: PONTIANAK_CALENDAR.closesAtMinute,
    utcOffsetMinutes: PONTIANAK_CALENDAR.utcOffsetMinutes,
  };
}

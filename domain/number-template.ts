/**
 * Document numbers of every kind follow a numbering template (nomor surat) from the type's data, e.g.
 * `503/{seq}/DPMPTSP/{romanMonth}/{year}` → `503/0007/DPMPTSP/XI/2026`. The series a number is counted in
 * belongs to its kind (domain/kinds/<kind>/). Pure, no I/O.
 */
import { localDate, PONTIANAK_CALENDAR } from './calendar';

export interface TNumberParts {
  /** The gapless sequence in the kind's series (e.g. per type and year), from 1. */
  seq: number;
  year: number;
  /** 1-12, the month of issue in office (Asia/Pontianak) time. */
  month: number;
  typeCode: string;
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** Roman numerals for 1..3999 (letters use them for the month: XI for November). */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`roman numerals cover 1..3999, got ${n}`);
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholders the template uses; throws on an unknown one or a stray brace. */
export function templatePlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  for (const name of names) {
    if (!/^(seq(:\d{1,2})?|romanMonth|month|year|typeCode)$/.test(name)) {
      throw new Error(`unknown placeholder {${name}} in number template "${template}"`);
    }
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) throw new Error(`unbalanced brace in number template "${template}"`);
  if (!names.some((n) => n.startsWith('seq'))) throw new Error(`number template "${template}" has no {seq}: numbers would repeat`);
  return names;
}

/**
 * Fills a numbering template. `{seq}` pads to 4 digits, `{seq:N}` to N (never truncates, so numbers stay
 * unique), `{romanMonth}` is I..XII, `{month}` two digits, `{year}` and `{typeCode}` as given.
 */
export function formatDocumentNumber(template: string, parts: TNumberParts): string {
  const { seq, year, month, typeCode } = parts;
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`seq must be a positive integer, got ${seq}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1..12, got ${month}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have four digits, got ${year}`);
  templatePlaceholders(template);
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    if (name === 'seq') return String(seq).padStart(4, '0');
    if (name.startsWith('seq:')) return String(seq).padStart(Number(name.slice(4)), '0');
    if (name === 'romanMonth') return toRoman(month);
    if (name === 'month') return String(month).padStart(2, '0');
    if (name === 'year') return String(year);
    return typeCode;
  });
}

/** Year and month of an instant in office time (Asia/Pontianak): 31 December 23:30 local still numbers in that year. */
export function officeYearMonth(at: Date): { year: number; month: number } {
  const [year, month] = localDate(at, PONTIANAK_CALENDAR).split('-').map(Number);
  return { year: year!, month: month! };
}

import type { Response } from 'express';

/*
 * The one CSV writer (the API's `Accept: text/csv` answers and the pages' downloads): RFC 4180 quoting, CRLF line
 * ends, UTF-8 with a byte-order mark so that spreadsheet programs read Indonesian text right. Hand-written because
 * the rules are these few lines; the injection guard is ours anyway.
 */

export type TCsvCell = string | number | boolean | null | undefined;

/**
 * One cell. A text that a spreadsheet would take for a formula (starting with = + - @ or a tab or carriage
 * return) gets a leading apostrophe (OWASP's CSV-injection advice); numbers stay numbers.
 */
export function csvCell(cell: TCsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell !== 'string' ? String(cell) : /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly TCsvCell[]>): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Sends a CSV download named `<name>.csv`; personal data may be in it, so it is never cached. */
export function sendCsv(res: Response, name: string, csv: string): void {
  res
    .status(200)
    .setHeader('Content-Type', 'text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${name.replace(/\.csv$/, '').replace(/[^\w.-]/g, '_')}.csv"`)
    .setHeader('Cache-Control', 'no-store')
    .send(csv);
}

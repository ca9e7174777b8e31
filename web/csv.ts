import type { Response } from 'express';

/*
 * CSV for spreadsheets (RFC 4180 quoting), UTF-8 with a byte-order mark so that Excel reads Indonesian text
 * right. Hand-written because the rules are these few lines; the injection guard is ours anyway.
 */

/**
 * One cell. A text that a spreadsheet would take for a formula (starting with = + - @ or a tab or carriage
 * return) gets a leading apostrophe (OWASP's CSV-injection advice); numbers stay numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvOf(header: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Sends a CSV as a download named `filename`. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.status(200).setHeader('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(filename).send(csv);
}

import type { Response } from 'express';

export type TCsvCell = string | number | null | undefined;

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first) gets
 * a leading apostrophe, OWASP's advice against CSV injection; numbers stay numbers.
 */
function cellText(cell: TCsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? String(cell) : /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF line ends, quoted where needed; with a UTF-8 byte order mark so spreadsheet programs read Indonesian text. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly TCsvCell[]>): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cellText).join(',')).join('\r\n')}\r\n`;
}

/** Sends a CSV download named `<name>.csv`; personal data may be in it, so it is never cached. */
export function sendCsv(res: Response, name: string, csv: string): void {
  res
    .status(200)
    .setHeader('Content-Type', 'text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`)
    .setHeader('Cache-Control', 'no-store')
    .send(csv);
}

/**
 * Low-level drawing helpers shared by the PDF renderers (through layout-flow.ts): the A4 page
 * geometry, WinAnsi-safe text for pdf-lib's standard fonts, greedy word wrap and the vector QR code.
 */
import { PageSizes, type PDFFont } from 'pdf-lib';
import QRCode from 'qrcode';
import { rememberedLines, textWidth } from './font-metrics';

// --- page geometry ------------------------------------------------------------------------------------

export const [PAGE_W, PAGE_H] = PageSizes.A4 as [number, number];
export const MARGIN_X = 57; // 2 cm
export const MARGIN_TOP = 42;
export const MARGIN_BOTTOM = 28;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;

// --- text -----------------------------------------------------------------------------------------------

const REPLACEMENTS: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2264': '<=', '\u2265': '>=', '\u2032': "'", '\u2033': '"',
};

/**
 * Makes text encodable in WinAnsi (the standard fonts' encoding), which pdf-lib would otherwise refuse with
 * an exception: whitespace collapses to single spaces, accents outside Latin-1 lose their marks
 * (ş → s), a few symbols get ASCII forms and anything else becomes "?".
 */
export function sanitizeWinAnsi(text: string, charset: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\s+/g, ' ').trim()) {
    if (charset.has(ch.codePointAt(0)!)) out += ch;
    else if (REPLACEMENTS[ch]) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => charset.has(c.codePointAt(0)!)) ? base : '?';
    }
  }
  return out;
}

/** Cleaned texts by font name: every document of a type cleans the same labels and clauses again. */
const cleaned = new Map<string, Map<string, string>>();
const CLEANED_MAX = 20_000;

/** sanitizeWinAnsi bound to the character set of `font` (the standard fonts all share one), remembered. */
export function winAnsiCleaner(font: PDFFont): (text: string) => string {
  let memo = cleaned.get(font.name);
  if (!memo) cleaned.set(font.name, (memo = new Map()));
  const known = memo;
  let charset: Set<number> | undefined;
  return (text) => {
    let clean = known.get(text);
    if (clean === undefined) {
      charset ??= new Set(font.getCharacterSet());
      clean = sanitizeWinAnsi(text, charset);
      if (known.size >= CLEANED_MAX) known.clear();
      known.set(text, clean);
    }
    return clean;
  };
}

/** Greedy word wrap; a word wider than the line (a URL, a long number) is cut where it must be. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  return rememberedLines(font, size, width, text, () => wrapLines(text, font, size, width));
}

function wrapLines(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => textWidth(font, s, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      // Prefer cutting a URL after a slash, when one is not too far back.
      const slash = rest.lastIndexOf('/', cut - 1) + 1;
      if (slash > cut * 0.3) cut = slash;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

// --- vector QR code ---------------------------------------------------------------------------------------

/** A QR code as rectangles in module units (one per horizontal run of dark modules), drawn scaled by Flow.qr. */
export interface TQrRuns {
  /** Modules per side. */
  size: number;
  /** [column, row from the bottom, run length, 1]. */
  rects: Array<[number, number, number, number]>;
}

/** The last QR codes made: a layout may try several scales of one document, each drawing the same code. */
const recentQr = new Map<string, TQrRuns>();
const RECENT_QR_MAX = 8;

export function qrRuns(text: string): TQrRuns {
  const known = recentQr.get(text);
  if (known) return known;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rects: TQrRuns['rects'] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < modules.size && modules.get(row, end)) end++;
      rects.push([col, modules.size - row - 1, end - col, 1]);
      col = end;
    }
  }
  const qr = { size: modules.size, rects };
  if (recentQr.size >= RECENT_QR_MAX) recentQr.delete(recentQr.keys().next().value!);
  recentQr.set(text, qr);
  return qr;
}

/**
 * Text widths from pdf-lib's metrics, remembered per font. pdf-lib measures a string glyph by glyph through its
 * encoder each time; a standard font's width is a sum of integer glyph widths and pair kernings (in 1/1000 em),
 * so widths of single characters and pairs, asked of pdf-lib once, give the same number for any string.
 * Only for pdf-lib's standard fonts: they are told apart by name and never change.
 */
import type { PDFFont } from 'pdf-lib';

const UNITS_PER_EM = 1000;
/** Bound on each remembered table; cleared when full (a few documents' worth of new text). */
const MEMO_MAX = 20_000;

function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    value = make();
    memo.set(key, value);
  }
  return value;
}

/** One font's widths by UTF-16 code unit (NaN until asked), kernings by the pair's two code units. */
interface TFontTable {
  chars: Float64Array;
  pairs: Map<number, number>;
  /** The hex code of each character in the font's encoding ('' until asked). */
  hex: string[];
}
const tables = new Map<string, TFontTable>();

function tableOf(font: PDFFont): TFontTable {
  let table = tables.get(font.name);
  if (!table) {
    table = { chars: new Float64Array(0x10000).fill(NaN), pairs: new Map(), hex: [] };
    tables.set(font.name, table);
  }
  return table;
}

function charUnits(font: PDFFont, table: TFontTable, code: number): number {
  let units = table.chars[code]!;
  if (Number.isNaN(units)) table.chars[code] = units = font.widthOfTextAtSize(String.fromCharCode(code), UNITS_PER_EM);
  return units;
}

/** The width of `text` in 1/1000 em, exactly pdf-lib's (WinAnsi text: one UTF-16 unit per character). */
export function textUnits(font: PDFFont, text: string): number {
  const table = tableOf(font);
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const a = text.charCodeAt(i);
    units += charUnits(font, table, a);
    if (i + 1 === text.length) break;
    const b = text.charCodeAt(i + 1);
    const key = a * 0x10000 + b;
    let kern = table.pairs.get(key);
    if (kern === undefined) {
      // What the pair measures beyond its two glyphs.
      kern = font.widthOfTextAtSize(String.fromCharCode(a, b), UNITS_PER_EM) - charUnits(font, table, a) - charUnits(font, table, b);
      if (table.pairs.size >= MEMO_MAX) table.pairs.clear();
      table.pairs.set(key, kern);
    }
    units += kern;
  }
  return units;
}

/** `text` as the hex string pdf-lib's font.encodeText gives (one code per character in the standard fonts). */
export function encodedHex(font: PDFFont, text: string): string {
  const table = tableOf(font);
  let hex = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    hex += table.hex[code] ??= font.encodeText(text[i]!).asString();
  }
  return `<${hex}>`;
}

/** The width of `text` at `size` points, the same number as font.widthOfTextAtSize(text, size). */
export function textWidth(font: PDFFont, text: string, size: number): number {
  return textUnits(font, text) * (size / UNITS_PER_EM);
}

const wraps = new Map<string, readonly string[]>();

/** Remembers a pure line-breaking function's answer: certificates of one type repeat most of their text. */
export function rememberedLines(font: PDFFont, size: number, width: number, text: string, make: () => string[]): string[] {
  return [...remembered(wraps, `${font.name}\n${size}\n${width}\n${text}`, make)];
}

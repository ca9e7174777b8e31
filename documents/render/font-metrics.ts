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

const chars = new Map<string, number>();
const pairs = new Map<string, number>();

function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    value = make();
    memo.set(key, value);
  }
  return value;
}

const charUnits = (font: PDFFont, c: string): number => remembered(chars, font.name + '\n' + c, () => font.widthOfTextAtSize(c, UNITS_PER_EM));

/** The kerning between two characters: what the pair measures beyond its two glyphs. */
const kernUnits = (font: PDFFont, a: string, b: string): number =>
  remembered(pairs, font.name + '\n' + a + b, () => font.widthOfTextAtSize(a + b, UNITS_PER_EM) - charUnits(font, a) - charUnits(font, b));

/** The width of `text` in 1/1000 em, exactly pdf-lib's (WinAnsi text: one UTF-16 unit per character). */
export function textUnits(font: PDFFont, text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    units += charUnits(font, c);
    if (i + 1 < text.length) units += kernUnits(font, c, text[i + 1]!);
  }
  return units;
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

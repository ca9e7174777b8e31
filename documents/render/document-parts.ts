/**
 * The parts every office document shares, drawn on the one layout engine (layout-flow.ts): the letterhead
 * (kop surat), the title, side-by-side signature blocks, the QR verification block and the identity footers.
 */
import { grayscale, type Color } from 'pdf-lib';
import type { TLetterhead } from '../../domain/office-letterhead';
import { BODY, type Flow, type FontKey } from './layout-flow';
import { CONTENT_W, MARGIN_BOTTOM, MARGIN_X, PAGE_W } from './pdf-drawing';

/** The kop surat: name lines, address lines, then the double rule; sizes and gaps times `scale`. */
export function letterhead(f: Flow, office: TLetterhead, scale = 1): void {
  const fitted = (text: string, font: FontKey, size: number) => Math.min(size, (size * CONTENT_W) / f.width(text, font, size));
  office.nameLines.forEach((raw, i) => {
    const text = f.clean(raw);
    const size = fitted(text, 'bold', (i === 0 ? 13 : 12.5) * scale);
    const baseline = f.nextLine(size * 1.3, size);
    f.put(text, MARGIN_X + (CONTENT_W - f.width(text, 'bold', size)) / 2, baseline, 'bold', size);
  });
  for (const raw of office.addressLines) {
    const text = f.clean(raw);
    const size = fitted(text, 'regular', 8.5 * scale);
    const baseline = f.nextLine(size * 1.35, size);
    f.put(text, MARGIN_X + (CONTENT_W - f.width(text, 'regular', size)) / 2, baseline, 'regular', size);
  }
  f.gap(4 * scale);
  f.rule(MARGIN_X, PAGE_W - MARGIN_X, f.y, 1.8);
  f.rule(MARGIN_X, PAGE_W - MARGIN_X, f.y - 2.6, 0.6);
  f.gap(20 * scale);
}

/** The document's title, bold and centred (underlined on certificates). */
export function documentTitle(f: Flow, title: string, opts: { size: number; underline?: boolean }): void {
  const { size } = opts;
  for (const l of f.wrap(title, 'bold', size, CONTENT_W)) {
    const baseline = f.nextLine(size * 1.3, size);
    const w = f.width(l, 'bold', size);
    f.put(l, MARGIN_X + (CONTENT_W - w) / 2, baseline, 'bold', size);
    if (opts.underline) f.rule(MARGIN_X + (CONTENT_W - w) / 2, MARGIN_X + (CONTENT_W + w) / 2, baseline - 2.2, 0.8);
  }
}

// --- signatures ---------------------------------------------------------------------------------------

export interface SignatureBlock {
  heading: Array<{ text: string; font: FontKey }>;
  name: string;
  under: string;
}

const SIG_COL_GAP = 30;
const SIG_LH = BODY * 1.35;
/** The space between a signature block's heading and the name, where a wet signature would go. */
const SIG_STAMP = 46;

function signatureLines(f: Flow, left: SignatureBlock, right: SignatureBlock) {
  const colW = (CONTENT_W - SIG_COL_GAP) / 2;
  const headingOf = (b: SignatureBlock) => b.heading.flatMap((h) => f.wrap(h.text, h.font, BODY, colW).map((text) => ({ text, font: h.font })));
  const blocks = [left, right].map((b) => ({
    heading: headingOf(b),
    name: f.wrap(b.name, 'bold', BODY, colW),
    under: f.wrap(b.under, 'regular', BODY, colW),
  }));
  const headingLines = Math.max(...blocks.map((b) => b.heading.length));
  const tailLines = Math.max(...blocks.map((b) => b.name.length + b.under.length));
  return { colW, blocks, headingLines, height: (headingLines + tailLines) * SIG_LH + SIG_STAMP };
}

export function signaturesHeight(f: Flow, left: SignatureBlock, right: SignatureBlock): number {
  return signatureLines(f, left, right).height;
}

/** Two signature blocks side by side, names on one baseline, kept together on one page. */
export function signatures(f: Flow, left: SignatureBlock, right: SignatureBlock, grey: Color): void {
  const { colW, blocks, headingLines, height } = signatureLines(f, left, right);
  const lh = SIG_LH;
  f.ensure(height);
  const top = f.y;
  blocks.forEach((b, i) => {
    const x = MARGIN_X + i * (colW + SIG_COL_GAP);
    const centred = (text: string, font: FontKey, size: number, baseline: number, color?: Color) => {
      const w = f.width(text, font, size);
      f.put(text, x + (colW - w) / 2, baseline, font, size, color ? { color } : {});
      return w;
    };
    const baselineOf = (yTop: number) => yTop - (lh - BODY) / 2 - BODY * 0.78;
    b.heading.forEach((h, j) => centred(h.text, h.font, BODY, baselineOf(top - j * lh)));
    const stampTop = top - headingLines * lh;
    centred('Ditandatangani secara elektronik', 'italic', 8, stampTop - SIG_STAMP / 2 - 3, grey);
    let yy = stampTop - SIG_STAMP;
    b.name.forEach((l) => {
      const baseline = baselineOf(yy);
      const w = centred(l, 'bold', BODY, baseline);
      f.line(x + (colW - w) / 2, baseline - 1.8, x + (colW + w) / 2, baseline - 1.8, 0.7);
      yy -= lh;
    });
    b.under.forEach((l) => {
      centred(l, 'regular', BODY, baselineOf(yy));
      yy -= lh;
    });
  });
  f.y = top - height;
}

/** One block in the right-hand column: `heading` lines, room for a stamp, the name in bold and `under`. Returns its top. */
export function signatureColumn(f: Flow, heading: Array<[text: string, font: FontKey]>, name: string, under: string): number {
  const colW = (CONTENT_W - SIG_COL_GAP) / 2;
  const x = MARGIN_X + colW + SIG_COL_GAP;
  const lines = heading.flatMap(([t, font]) => f.wrap(t, font, BODY, colW).map((l) => [l, font] as [string, FontKey]));
  f.ensure((lines.length + 2) * SIG_LH + SIG_STAMP);
  const top = f.y;
  for (const [l, font] of lines) f.lines([l], x, colW, font, BODY, 'center', SIG_LH);
  f.gap(SIG_STAMP);
  f.lines(f.wrap(name, 'bold', BODY, colW), x, colW, 'bold', BODY, 'center', SIG_LH);
  f.lines([under], x, colW, 'regular', BODY, 'center', SIG_LH);
  return top;
}

/** The width of a signature column: the left one is free beside a single signature block. */
export const SIGNATURE_COLUMN_W = (CONTENT_W - SIG_COL_GAP) / 2;

// --- verification and footers ---------------------------------------------------------------------------

export const QR_SIDE = 66;
const BLACK = grayscale(0);

/**
 * The QR code with `statement`, the URL and the code beside it: bottom left of the current page across the
 * width, anchored to the floor; or, `beside` a single signature block, in the left column from its top.
 */
export function verificationBlock(f: Flow, v: { url: string; code: string; statement: string }, grey: Color, beside?: { top: number }): void {
  const side = QR_SIDE;
  const textX = MARGIN_X + side + 12;
  const textW = (beside ? MARGIN_X + SIGNATURE_COLUMN_W : PAGE_W - MARGIN_X) - textX;
  const size = 7.6;
  const lh = size * 1.35;
  const text = [
    ...f.wrap(v.statement, 'regular', size, textW).map((l) => ({ l, font: 'regular' as FontKey })),
    ...f.wrap(v.url, 'regular', size, textW).map((l) => ({ l, font: 'regular' as FontKey })),
    ...f.wrap(`Kode verifikasi: ${v.code}`, 'bold', size, textW).map((l) => ({ l, font: 'bold' as FontKey })),
  ];
  const h = Math.max(side, text.length * lh);
  if (!beside) f.ensure(h + 8);
  // Anchored to the floor, where readers look for it.
  const top = beside ? beside.top : f.floor + h;
  if (!beside) f.rule(MARGIN_X, PAGE_W - MARGIN_X, top + 6, 0.4);
  f.qr(BLACK, v.url, MARGIN_X, top, side);
  let ty = top - (h - text.length * lh) / 2;
  for (const t of text) {
    ty -= lh;
    f.put(t.l, textX, ty + lh * 0.25, t.font, size, { color: grey });
  }
  if (!beside) f.y = f.floor;
}

const FOOTER_SIZE = 7.5;
/** The identity footer's rule; the body stops a little above it (IDENTITY_FOOTER_FLOOR). */
const FOOTER_RULE_Y = MARGIN_BOTTOM + 16;
export const IDENTITY_FOOTER_FLOOR = FOOTER_RULE_Y + 10;

/** Footers on every page, once the page count is known: document identity left, page number right. */
export function identityFooters(f: Flow, identity: string, grey: Color): void {
  const pages = f.pageCount;
  for (let p = 0; p < pages; p++) {
    f.page = p;
    f.rule(MARGIN_X, PAGE_W - MARGIN_X, FOOTER_RULE_Y, 0.5);
    const pageText = `Halaman ${p + 1} dari ${pages}`;
    const pageW = f.width(pageText, 'italic', FOOTER_SIZE);
    const baseline = FOOTER_RULE_Y - 10;
    f.put(pageText, PAGE_W - MARGIN_X - pageW, baseline, 'italic', FOOTER_SIZE, { color: grey });
    const room = CONTENT_W - pageW - 20;
    const text = f.clean(identity);
    const size = Math.min(FOOTER_SIZE, (FOOTER_SIZE * room) / f.width(text, 'italic', FOOTER_SIZE));
    f.put(text, MARGIN_X, baseline, 'italic', size, { color: grey });
  }
}

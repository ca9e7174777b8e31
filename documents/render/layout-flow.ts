/**
 * The one layout engine of every document (certificates, contracts, addenda, termination notices, later
 * letters): text flows down the page as a list of positioned drawing operations, breaking onto new pages
 * against the document's floor, so nothing is ever drawn off the page. The operations are drawn only once
 * the page count is known (pdf-output.ts), for "Halaman i dari n" footers and fit-to-one-page attempts.
 */
import { grayscale, rgb, type Color, type PDFFont } from 'pdf-lib';
import { textWidth } from './font-metrics';
import { CONTENT_W, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, qrRuns, wrap } from './pdf-drawing';

export const TOP = PAGE_H - MARGIN_TOP;
export const INK = rgb(0, 0, 0);

/** Running text of the contract family: the defaults of paragraphs, prose and label rows. */
export const BODY = 10;
export const BODY_LH = BODY * 1.42;
const TABLE = 8.6;
export const TABLE_LH = TABLE * 1.3;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.2;
const HEADER_SHADE = 0.9;

export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';
/** The fonts a document embeds (embedding one it never uses would add bytes to every file). */
export type Fonts = Partial<Record<FontKey, PDFFont>>;
export type Align = 'left' | 'center' | 'right' | 'justify';
export type TRect = [x: number, y: number, w: number, h: number];

export type Op =
  | { kind: 'text'; page: number; x: number; y: number; text: string; font: FontKey; size: number; color?: Color; wordSpacing?: number }
  | { kind: 'line'; page: number; x1: number; y1: number; x2: number; y2: number; thickness: number }
  /** Filled as one path, so abutting rectangles show no seams; in `frame` units from its origin when given. */
  | { kind: 'rects'; page: number; color: Color; rects: TRect[]; frame?: TFrame };

/** A local grid: (0, 0) at (x, y) on the page, one unit `unit` points. */
export interface TFrame {
  x: number;
  y: number;
  unit: number;
}

export interface TableColumn {
  header: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: string[];
  font?: FontKey;
  /** How many columns the first cell spans (total rows). */
  span?: number;
  /** Row shading, 0 black … 1 white. */
  gray?: number;
}

export type LabelledRow = [label: string, value: string, font?: FontKey];

/** A clause or justification split into its paragraphs (one per line break in the source text). */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** "(1)", "2.", "a." or "b)" opening a paragraph: set as a hanging list item. */
const LIST_MARKER = /^(\(\d{1,2}\)|\d{1,2}[.)]|[a-z][.)])\s+(.*)$/;

export interface TFlowOptions {
  /** The lowest point body text may reach on any page (the footer lives below it). */
  floor: number;
  /** Called on every new page after the first, e.g. for a continuation header. */
  onNewPage?: (flow: Flow) => void;
}

export class Flow {
  readonly ops: Op[] = [];
  page = 0;
  y = TOP;
  readonly floor: number;
  private readonly onNewPage?: (flow: Flow) => void;

  constructor(
    private readonly fonts: Fonts,
    readonly clean: (s: string) => string,
    options: TFlowOptions,
  ) {
    this.floor = options.floor;
    this.onNewPage = options.onNewPage;
  }

  get pageCount(): number {
    return this.page + 1;
  }

  font(key: FontKey): PDFFont {
    const font = this.fonts[key];
    if (!font) throw new Error(`the document did not embed the ${key} font`);
    return font;
  }

  width(s: string, font: FontKey, size: number): number {
    return textWidth(this.font(font), s, size);
  }

  wrap(text: string, font: FontKey, size: number, width: number): string[] {
    return wrap(this.clean(text), this.font(font), size, width);
  }

  put(text: string, x: number, baseline: number, font: FontKey, size: number, extra: { color?: Color; wordSpacing?: number } = {}): void {
    if (text) this.ops.push({ kind: 'text', page: this.page, x, y: baseline, text, font, size, ...extra });
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.5): void {
    this.ops.push({ kind: 'line', page: this.page, x1, y1, x2, y2, thickness });
  }

  /** A horizontal rule across [x1, x2] at `y`. */
  rule(x1: number, x2: number, y: number, thickness: number): void {
    this.line(x1, y, x2, y, thickness);
  }

  rects(color: Color, rects: TRect[], frame?: TFrame): void {
    this.ops.push({ kind: 'rects', page: this.page, color, rects, ...(frame ? { frame } : {}) });
  }

  /** The QR code of `text` as vector modules, `side` points square, its top left corner at (left, top). */
  qr(color: Color, text: string, left: number, top: number, side: number): void {
    const { size, rects } = qrRuns(text);
    this.rects(color, rects, { x: left, y: top - side, unit: side / size });
  }

  newPage(): void {
    this.page++;
    this.y = TOP;
    this.onNewPage?.(this);
  }

  /** Room left above the floor on this page. */
  get room(): number {
    return this.y - this.floor;
  }

  /** Moves to a new page when `height` more does not fit above the floor. */
  ensure(height: number): void {
    if (this.y - height < this.floor && this.y < TOP) this.newPage();
  }

  gap(h: number): void {
    // A gap never pushes content onto a new page by itself; at the floor it just ends.
    this.y = Math.max(this.y - h, this.floor);
  }

  /** One line of `lh` height; returns its baseline (text sits centred in the line box). */
  nextLine(lh: number, size: number): number {
    this.ensure(lh);
    const baseline = this.y - (lh - size) / 2 - size * 0.78;
    this.y -= lh;
    return baseline;
  }

  /** Places wrapped lines in [x, x + w], justified except for the last line when asked. */
  lines(lines: string[], x: number, w: number, font: FontKey, size: number, align: Align, lh = size * 1.42, color?: Color): void {
    const extra = color ? { color } : {};
    lines.forEach((l, i) => {
      const baseline = this.nextLine(lh, size);
      const lw = this.width(l, font, size);
      if (align === 'center') this.put(l, x + (w - lw) / 2, baseline, font, size, extra);
      else if (align === 'right') this.put(l, x + w - lw, baseline, font, size, extra);
      else if (align === 'justify' && i < lines.length - 1) {
        const spaces = l.split(' ').length - 1;
        const spacing = spaces ? (w - lw) / spaces : 0;
        // A line broken before a very long word would open wide gaps: leave that one ragged.
        this.put(l, x, baseline, font, size, spacing > 0 && spacing < size * 1.2 ? { ...extra, wordSpacing: spacing } : extra);
      } else this.put(l, x, baseline, font, size, extra);
    });
  }

  paragraph(text: string, opts: { x?: number; w?: number; font?: FontKey; size?: number; align?: Align; lh?: number } = {}): void {
    const { x = MARGIN_X, w = CONTENT_W, font = 'regular', size = BODY, align = 'justify' } = opts;
    this.lines(this.wrap(text, font, size, w), x, w, font, size, align, opts.lh ?? size * 1.42);
  }

  /** Running text: one paragraph per line of `text`, list items ("(1) …", "a. …") with a hanging indent. */
  prose(text: string, x = MARGIN_X, w = CONTENT_W): void {
    for (const p of paragraphsOf(text)) {
      const m = LIST_MARKER.exec(this.clean(p));
      if (m) {
        const indent = Math.max(20, this.width(m[1]!, 'regular', BODY) + 5);
        const lines = this.wrap(m[2]!, 'regular', BODY, w - indent);
        this.ensure(BODY_LH);
        this.put(m[1]!, x, this.y - (BODY_LH - BODY) / 2 - BODY * 0.78, 'regular', BODY);
        this.lines(lines, x + indent, w - indent, 'regular', BODY, 'justify');
      } else this.paragraph(p, { x, w });
      this.gap(2.5);
    }
  }

  /** Numbered items ("1.", "2.", …) with a hanging indent of `indent`, `after` points below each. */
  numbered(items: string[], opts: { x: number; size: number; lh: number; indent: number; after: number }): void {
    const { x, size, lh, indent } = opts;
    items.forEach((item, i) => {
      this.wrap(item, 'regular', size, PAGE_W - MARGIN_X - x - indent).forEach((l, j) => {
        const baseline = this.nextLine(lh, size);
        if (j === 0) this.put(`${i + 1}.`, x, baseline, 'regular', size);
        this.put(l, x + indent, baseline, 'regular', size);
      });
      this.y -= opts.after;
    });
  }

  /** Label : value rows; both columns wrap, the colon sits on the first line. */
  labelled(
    rows: LabelledRow[],
    opts: { x: number; labelW: number; size?: number; lh?: number; colonGap?: number; valueGap?: number; rowGap?: number },
  ): void {
    const { x, labelW, size = BODY, lh = size * 1.32, colonGap = 2, valueGap = 8, rowGap = 0 } = opts;
    const colonX = x + labelW + colonGap;
    const valueX = colonX + valueGap;
    const valueW = PAGE_W - MARGIN_X - valueX;
    for (const [label, value, font = 'regular'] of rows) {
      const labels = this.wrap(label, 'regular', size, labelW);
      const values = this.wrap(value, font, size, valueW);
      for (let i = 0; i < Math.max(labels.length, values.length); i++) {
        const baseline = this.nextLine(lh, size);
        this.put(labels[i] ?? '', x, baseline, 'regular', size);
        if (i === 0) this.put(':', colonX, baseline, 'regular', size);
        this.put(values[i] ?? '', valueX, baseline, font, size);
      }
      this.y -= rowGap;
    }
  }

  /** A bold centred heading kept with at least `keep` points of what follows. */
  heading(lines: string[], keep: number, size = BODY): void {
    const wrapped = lines.flatMap((l) => this.wrap(l, 'bold', size, CONTENT_W));
    this.ensure(wrapped.length * size * 1.35 + keep);
    this.lines(wrapped, MARGIN_X, CONTENT_W, 'bold', size, 'center', size * 1.35);
  }

  /**
   * A ruled table with a shaded header that repeats on every page it runs onto. A row moves whole to
   * the next page when it fits there; a row taller than a page is split between pages.
   */
  table(columns: TableColumn[], rows: TableRow[]): void {
    const xs = columns.reduce<number[]>((acc, c) => [...acc, acc[acc.length - 1]! + c.width], [MARGIN_X]);
    const right = xs[xs.length - 1]!;
    const headers = columns.map((c) => this.wrap(c.header, 'bold', TABLE, c.width - 2 * CELL_PAD_X));
    const headerLines = Math.max(...headers.map((h) => h.length));
    const headerH = headerLines * TABLE_LH + 2 * CELL_PAD_Y;

    const drawHeader = () => {
      const top = this.y;
      this.rects(grayscale(HEADER_SHADE), [[MARGIN_X, top - headerH, right - MARGIN_X, headerH]]);
      headers.forEach((lines, c) => {
        // Centred both ways in its cell.
        const offset = ((headerLines - lines.length) * TABLE_LH) / 2;
        lines.forEach((l, i) => {
          const baseline = top - CELL_PAD_Y - offset - i * TABLE_LH - (TABLE_LH - TABLE) / 2 - TABLE * 0.78;
          this.put(l, xs[c]! + (columns[c]!.width - this.width(l, 'bold', TABLE)) / 2, baseline, 'bold', TABLE);
        });
      });
      this.line(MARGIN_X, top, right, top);
      this.line(MARGIN_X, top - headerH, right, top - headerH);
      for (const x of xs) this.line(x, top, x, top - headerH);
      this.y = top - headerH;
    };
    const freshRoom = TOP - this.floor - headerH;
    const linesFitting = () => Math.floor((this.room - 2 * CELL_PAD_Y + 0.01) / TABLE_LH);
    const breakPage = () => {
      this.newPage();
      drawHeader();
    };

    // The header stays with at least two lines of the first row.
    this.ensure(headerH + 2 * TABLE_LH + 2 * CELL_PAD_Y);
    drawHeader();

    for (const row of rows) {
      const span = row.span ?? 1;
      const font = row.font ?? 'regular';
      // Cells: [first column, end column) ranges over the columns.
      const cells = row.cells.map((text, i) => {
        const from = i === 0 ? 0 : span + i - 1;
        const to = i === 0 ? span : from + 1;
        const align = i === 0 && span > 1 ? 'right' : columns[from]!.align;
        return { text, from, to, align, lines: this.wrap(text, font, TABLE, xs[to]! - xs[from]! - 2 * CELL_PAD_X) };
      });
      const total = Math.max(...cells.map((c) => c.lines.length));
      let done = 0;
      while (done < total) {
        const fitting = linesFitting();
        const left = total - done;
        let take: number;
        if (left <= fitting) take = left;
        else if (done === 0 && left * TABLE_LH + 2 * CELL_PAD_Y <= freshRoom) {
          breakPage();
          continue;
        } else if (fitting >= 2) take = fitting;
        else {
          breakPage();
          continue;
        }
        const top = this.y;
        const h = take * TABLE_LH + 2 * CELL_PAD_Y;
        if (row.gray !== undefined) this.rects(grayscale(row.gray), [[MARGIN_X, top - h, right - MARGIN_X, h]]);
        for (const cell of cells) {
          const x0 = xs[cell.from]! + CELL_PAD_X;
          const w = xs[cell.to]! - xs[cell.from]! - 2 * CELL_PAD_X;
          cell.lines.slice(done, done + take).forEach((l, i) => {
            const baseline = top - CELL_PAD_Y - i * TABLE_LH - (TABLE_LH - TABLE) / 2 - TABLE * 0.78;
            const lw = this.width(l, font, TABLE);
            const x = cell.align === 'right' ? x0 + w - lw : cell.align === 'center' ? x0 + (w - lw) / 2 : x0;
            this.put(l, x, baseline, font, TABLE);
          });
          this.line(xs[cell.from]!, top, xs[cell.from]!, top - h);
        }
        this.line(right, top, right, top - h);
        this.line(MARGIN_X, top - h, right, top - h);
        this.y = top - h;
        done += take;
        if (done < total) breakPage();
      }
    }
  }
}

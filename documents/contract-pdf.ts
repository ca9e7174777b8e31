/**
 * Procurement contracts (Surat Perjanjian) and their addenda as unsigned A4 PDFs (pdf-lib, standard fonts).
 * Both parties sign afterwards in pades-sign.ts, each signature an incremental update: so no object
 * streams here, and the same data always gives the same bytes.
 *
 * As in certificate-pdf.ts, the layout is computed first as a list of positioned drawing operations that
 * flow over as many pages as the content needs, then drawn once the page count is known (for the
 * "Halaman i dari n" footers). Every line is placed against the page's floor before it is drawn, table rows
 * taller than a page are split, so nothing is ever drawn off the page.
 */
import {
  degrees,
  fill,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  setWordSpacing,
  StandardFonts,
  type PDFFont,
} from 'pdf-lib';
import { formatDateId, formatNumberId } from '../domain/certificate';
import { formatRupiah, paymentAmounts } from '../domain/contract.schema';
import {
  formatSigningDayId,
  ZAddendumDocumentSchema,
  ZContractDocumentSchema,
  ZTerminationNoticeDocumentSchema,
  type TAddendumDocument,
  type TContractDocument,
  type TContractParties,
  type TLetterhead,
  type TTerminationNoticeDocument,
} from '../domain/contract-document';
import { terbilang } from '../domain/terbilang';
import { CONTENT_W, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, qrRects, winAnsiCleaner, wrap } from './render/pdf-drawing';

const TOP = PAGE_H - MARGIN_TOP;

const FOOTER_SIZE = 7.5;
/** The footer's rule; the body stops a little above it. */
const FOOTER_RULE_Y = MARGIN_BOTTOM + 16;
const BODY_FLOOR = FOOTER_RULE_Y + 10;

const BODY = 10;
const BODY_LH = BODY * 1.42;
const TABLE = 8.6;
const TABLE_LH = TABLE * 1.3;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.2;

const INK = rgb(0, 0, 0);
const GREY = rgb(0.32, 0.32, 0.32);
const WATERMARK = rgb(0.88, 0.88, 0.88);
const HEADER_SHADE = 0.9;
const TOTAL_SHADE = 0.96;
const SIG_COL_GAP = 30;
const SIG_LH = BODY * 1.35;
/** The space between a signature block's heading and the name, where a wet signature would go. */
const SIG_STAMP = 46;
const QR_SIDE = 66;

/** Shown in place of the number until the document is signed and numbered. */
const DRAFT_NUMBER_TEXT = '(diisi setelah penandatanganan)';
const BLANK = '..........';

type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';
type Fonts = Record<FontKey, PDFFont>;
type Align = 'left' | 'center' | 'right' | 'justify';

type Op =
  | { kind: 'text'; page: number; x: number; y: number; text: string; font: FontKey; size: number; grey?: boolean; wordSpacing?: number }
  | { kind: 'line'; page: number; x1: number; y1: number; x2: number; y2: number; thickness: number }
  /** Filled as one path in `gray` (0 black … 1 white), so abutting rectangles show no seams. */
  | { kind: 'rects'; page: number; gray: number; rects: Array<[x: number, y: number, w: number, h: number]> };

// --- text helpers -----------------------------------------------------------------------------------

/** A clause or justification split into its paragraphs (one per line break in the source text). */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const days = (n: number) => `${formatNumberId(n)} (${terbilang(n)}) hari kalender`;
/** "(1)", "2.", "a." or "b)" opening a paragraph: set as a hanging list item. */
const LIST_MARKER = /^(\(\d{1,2}\)|\d{1,2}[.)]|[a-z][.)])\s+(.*)$/;

// --- the flow: pages, lines, tables -------------------------------------------------------------------

interface TableColumn {
  header: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

interface TableRow {
  cells: string[];
  font?: FontKey;
  /** How many columns the first cell spans (total rows). */
  span?: number;
  gray?: number;
}

interface SignatureBlock {
  heading: Array<{ text: string; font: FontKey }>;
  name: string;
  under: string;
}

class Flow {
  readonly ops: Op[] = [];
  page = 0;
  y = TOP;

  constructor(
    readonly fonts: Fonts,
    readonly clean: (s: string) => string,
  ) {}

  get pageCount(): number {
    return this.page + 1;
  }

  width(s: string, font: FontKey, size: number): number {
    return this.fonts[font].widthOfTextAtSize(s, size);
  }

  wrap(text: string, font: FontKey, size: number, width: number): string[] {
    return wrap(this.clean(text), this.fonts[font], size, width);
  }

  put(text: string, x: number, baseline: number, font: FontKey, size: number, extra: { grey?: boolean; wordSpacing?: number } = {}): void {
    if (text) this.ops.push({ kind: 'text', page: this.page, x, y: baseline, text, font, size, ...extra });
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.5): void {
    this.ops.push({ kind: 'line', page: this.page, x1, y1, x2, y2, thickness });
  }

  rects(gray: number, rects: Array<[number, number, number, number]>): void {
    this.ops.push({ kind: 'rects', page: this.page, gray, rects });
  }

  newPage(): void {
    this.page++;
    this.y = TOP;
  }

  /** Room left above the floor on this page. */
  get room(): number {
    return this.y - BODY_FLOOR;
  }

  /** Moves to a new page when `height` more does not fit above the floor. */
  ensure(height: number): void {
    if (this.y - height < BODY_FLOOR && this.y < TOP) this.newPage();
  }

  gap(h: number): void {
    // A gap never pushes content onto a new page by itself; at the floor it just ends.
    this.y = Math.max(this.y - h, BODY_FLOOR);
  }

  /** One line of `lh` height; returns its baseline (text sits centred in the line box). */
  nextLine(lh: number, size: number): number {
    this.ensure(lh);
    const baseline = this.y - (lh - size) / 2 - size * 0.78;
    this.y -= lh;
    return baseline;
  }

  /** Places wrapped lines in [x, x + w], justified except for the last line when asked. */
  lines(lines: string[], x: number, w: number, font: FontKey, size: number, align: Align, lh = size * 1.42): void {
    lines.forEach((l, i) => {
      const baseline = this.nextLine(lh, size);
      const lw = this.width(l, font, size);
      if (align === 'center') this.put(l, x + (w - lw) / 2, baseline, font, size);
      else if (align === 'right') this.put(l, x + w - lw, baseline, font, size);
      else if (align === 'justify' && i < lines.length - 1) {
        const spaces = l.split(' ').length - 1;
        const spacing = spaces ? (w - lw) / spaces : 0;
        // A line broken before a very long word would open wide gaps: leave that one ragged.
        this.put(l, x, baseline, font, size, spacing > 0 && spacing < size * 1.2 ? { wordSpacing: spacing } : {});
      } else this.put(l, x, baseline, font, size);
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

  /** Label : value rows; both columns wrap, the colon sits on the first line. */
  labelled(rows: Array<[label: string, value: string, font?: FontKey]>, x: number, labelW: number): void {
    const colonX = x + labelW + 2;
    const valueX = colonX + 8;
    const valueW = PAGE_W - MARGIN_X - valueX;
    for (const [label, value, font = 'regular'] of rows) {
      const labels = this.wrap(label, 'regular', BODY, labelW);
      const values = this.wrap(value, font, BODY, valueW);
      for (let i = 0; i < Math.max(labels.length, values.length); i++) {
        const baseline = this.nextLine(BODY * 1.32, BODY);
        this.put(labels[i] ?? '', x, baseline, 'regular', BODY);
        if (i === 0) this.put(':', colonX, baseline, 'regular', BODY);
        this.put(values[i] ?? '', valueX, baseline, font, BODY);
      }
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
      this.rects(HEADER_SHADE, [[MARGIN_X, top - headerH, right - MARGIN_X, headerH]]);
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
    const freshRoom = TOP - BODY_FLOOR - headerH;
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
        if (row.gray !== undefined) this.rects(row.gray, [[MARGIN_X, top - h, right - MARGIN_X, h]]);
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

  private signatureLines(left: SignatureBlock, right: SignatureBlock) {
    const colW = (CONTENT_W - SIG_COL_GAP) / 2;
    const headingOf = (b: SignatureBlock) => b.heading.flatMap((h) => this.wrap(h.text, h.font, BODY, colW).map((text) => ({ text, font: h.font })));
    const blocks = [left, right].map((b) => ({
      heading: headingOf(b),
      name: this.wrap(b.name, 'bold', BODY, colW),
      under: this.wrap(b.under, 'regular', BODY, colW),
    }));
    const headingLines = Math.max(...blocks.map((b) => b.heading.length));
    const tailLines = Math.max(...blocks.map((b) => b.name.length + b.under.length));
    return { colW, blocks, headingLines, tailLines, height: (headingLines + tailLines) * SIG_LH + SIG_STAMP };
  }

  signaturesHeight(left: SignatureBlock, right: SignatureBlock): number {
    return this.signatureLines(left, right).height;
  }

  /** Two signature blocks side by side, names on one baseline, kept together on one page. */
  signatures(left: SignatureBlock, right: SignatureBlock): void {
    const { colW, blocks, headingLines, height } = this.signatureLines(left, right);
    const colGap = SIG_COL_GAP;
    const lh = SIG_LH;
    const stamp = SIG_STAMP;
    this.ensure(height);
    const top = this.y;
    blocks.forEach((b, i) => {
      const x = MARGIN_X + i * (colW + colGap);
      const centred = (text: string, font: FontKey, size: number, baseline: number, grey?: boolean) => {
        const w = this.width(text, font, size);
        this.put(text, x + (colW - w) / 2, baseline, font, size, { grey });
        return w;
      };
      const baselineOf = (yTop: number) => yTop - (lh - BODY) / 2 - BODY * 0.78;
      b.heading.forEach((h, j) => centred(h.text, h.font, BODY, baselineOf(top - j * lh)));
      const stampTop = top - headingLines * lh;
      centred('Ditandatangani secara elektronik', 'italic', 8, stampTop - stamp / 2 - 3, true);
      let yy = stampTop - stamp;
      b.name.forEach((l) => {
        const baseline = baselineOf(yy);
        const w = centred(l, 'bold', BODY, baseline);
        this.line(x + (colW - w) / 2, baseline - 1.8, x + (colW + w) / 2, baseline - 1.8, 0.7);
        yy -= lh;
      });
      b.under.forEach((l) => {
        centred(l, 'regular', BODY, baselineOf(yy));
        yy -= lh;
      });
    });
    this.y = top - height;
  }

  /** The QR code bottom left of the current page with the verification text beside it. */
  verification(url: string, shortCode: string, what: string): void {
    const side = QR_SIDE;
    const textX = MARGIN_X + side + 12;
    const textW = PAGE_W - MARGIN_X - textX;
    const size = 7.6;
    const lh = size * 1.35;
    const text = [
      ...this.wrap(`${what} ini telah ditandatangani secara elektronik oleh PARA PIHAK menggunakan sertifikat elektronik. Keaslian dan keutuhannya dapat diperiksa dengan memindai kode QR di samping atau melalui:`, 'regular', size, textW).map((l) => ({ l, font: 'regular' as FontKey })),
      ...this.wrap(url, 'regular', size, textW).map((l) => ({ l, font: 'regular' as FontKey })),
      ...this.wrap(`Kode verifikasi: ${shortCode}`, 'bold', size, textW).map((l) => ({ l, font: 'bold' as FontKey })),
    ];
    const h = Math.max(side, text.length * lh);
    this.ensure(h + 8);
    // Anchored to the floor, where readers look for it.
    const top = BODY_FLOOR + h;
    this.line(MARGIN_X, top + 6, PAGE_W - MARGIN_X, top + 6, 0.4);
    this.rects(0, qrRects(url, MARGIN_X, top, side));
    let ty = top - (h - text.length * lh) / 2;
    for (const t of text) {
      ty -= lh;
      this.put(t.l, textX, ty + lh * 0.25, t.font, size, { grey: true });
    }
    this.y = BODY_FLOOR;
  }

  /** Footers on every page, once the page count is known: document identity left, page number right. */
  footers(identity: string): void {
    const pages = this.pageCount;
    for (let p = 0; p < pages; p++) {
      this.page = p;
      this.line(MARGIN_X, FOOTER_RULE_Y, PAGE_W - MARGIN_X, FOOTER_RULE_Y, 0.5);
      const pageText = `Halaman ${p + 1} dari ${pages}`;
      const pageW = this.width(pageText, 'italic', FOOTER_SIZE);
      const baseline = FOOTER_RULE_Y - 10;
      this.put(pageText, PAGE_W - MARGIN_X - pageW, baseline, 'italic', FOOTER_SIZE, { grey: true });
      const room = CONTENT_W - pageW - 20;
      const text = this.clean(identity);
      const size = Math.min(FOOTER_SIZE, (FOOTER_SIZE * room) / this.width(text, 'italic', FOOTER_SIZE));
      this.put(text, MARGIN_X, baseline, 'italic', size, { grey: true });
    }
  }
}

// --- shared parts -------------------------------------------------------------------------------------

/** The kop surat: name lines, address lines, then the double rule. */
function letterhead(f: Flow, office: TLetterhead): void {
  const fitted = (text: string, font: FontKey, size: number) => Math.min(size, (size * CONTENT_W) / f.width(text, font, size));
  office.nameLines.forEach((raw, i) => {
    const text = f.clean(raw);
    const size = fitted(text, 'bold', i === 0 ? 13 : 12.5);
    const baseline = f.nextLine(size * 1.3, size);
    f.put(text, MARGIN_X + (CONTENT_W - f.width(text, 'bold', size)) / 2, baseline, 'bold', size);
  });
  for (const raw of office.addressLines) {
    const text = f.clean(raw);
    const size = fitted(text, 'regular', 8.5);
    const baseline = f.nextLine(size * 1.35, size);
    f.put(text, MARGIN_X + (CONTENT_W - f.width(text, 'regular', size)) / 2, baseline, 'regular', size);
  }
  f.gap(4);
  f.line(MARGIN_X, f.y, PAGE_W - MARGIN_X, f.y, 1.8);
  f.line(MARGIN_X, f.y - 2.6, PAGE_W - MARGIN_X, f.y - 2.6, 0.6);
  f.gap(20);
}

function titleBlock(f: Flow, title: string, subtitle: Array<{ text: string; font: FontKey }>, number: string | null): void {
  const size = 13;
  for (const l of f.wrap(title, 'bold', size, CONTENT_W)) {
    const baseline = f.nextLine(size * 1.3, size);
    const w = f.width(l, 'bold', size);
    f.put(l, MARGIN_X + (CONTENT_W - w) / 2, baseline, 'bold', size);
  }
  f.gap(2);
  for (const s of subtitle) f.paragraph(s.text, { align: 'center', size: 10.5, font: s.font, w: CONTENT_W - 40, x: MARGIN_X + 20 });
  f.gap(2);
  f.paragraph(`Nomor: ${number ?? DRAFT_NUMBER_TEXT}`, { align: 'center', size: 10.5 });
  f.gap(16);
}

function opening(f: Flow, place: string, date: Date | null): void {
  const day = date ? formatSigningDayId(date) : `${BLANK} tanggal ${BLANK} bulan ${BLANK} tahun ${BLANK}`;
  f.paragraph(`Pada hari ini ${day}, bertempat di ${place}, kami yang bertanda tangan di bawah ini:`);
  f.gap(6);
}

/** The two parties, numbered, each with its "selanjutnya disebut" sentence. */
function partiesBlock(f: Flow, p: TContractParties): void {
  const numberX = MARGIN_X;
  const x = MARGIN_X + 18;
  const labelW = 92;
  const party = (n: number, rows: Array<[string, string, FontKey?]>, closing: string) => {
    f.ensure(rows.length * BODY * 1.32 + BODY_LH * 2);
    f.put(`${n}.`, numberX, f.y - (BODY * 1.32 - BODY) / 2 - BODY * 0.78, 'regular', BODY);
    f.labelled(rows, x, labelW);
    f.gap(2);
    f.paragraph(closing, { x, w: PAGE_W - MARGIN_X - x });
    f.gap(7);
  };
  party(
    1,
    [
      ['Nama', p.ppk.name, 'bold'],
      ['NIP', p.ppk.nip],
      ['Jabatan', p.ppk.position],
      ['Satuan Kerja', p.ppk.unit],
    ],
    `dalam hal ini bertindak untuk dan atas nama ${p.ppk.unit}, selanjutnya disebut PIHAK PERTAMA;`,
  );
  party(
    2,
    [
      ['Nama', p.vendor.representative.name, 'bold'],
      ['Jabatan', p.vendor.representative.position],
      ['Nama Penyedia', p.vendor.name, 'bold'],
      ['NPWP', p.vendor.npwp],
      ['Alamat', p.vendor.address],
    ],
    `dalam hal ini bertindak untuk dan atas nama ${p.vendor.name}, selanjutnya disebut PIHAK KEDUA.`,
  );
}

function signatureBlocks(p: TContractParties): [SignatureBlock, SignatureBlock] {
  return [
    {
      heading: [
        { text: 'PIHAK KEDUA', font: 'bold' },
        { text: p.vendor.name, font: 'bold' },
      ],
      name: p.vendor.representative.name,
      under: p.vendor.representative.position,
    },
    {
      heading: [
        { text: 'PIHAK PERTAMA', font: 'bold' },
        { text: p.ppk.position, font: 'bold' },
        { text: p.ppk.unit, font: 'regular' },
      ],
      name: p.ppk.name,
      under: `NIP. ${p.ppk.nip}`,
    },
  ];
}

function sectionHeading(f: Flow, text: string): void {
  f.gap(6);
  f.heading([text], TABLE_LH * 4);
  f.gap(4);
}

// --- the two documents --------------------------------------------------------------------------------

function layoutContract(d: TContractDocument, f: Flow): void {
  letterhead(f, d.office);
  titleBlock(
    f,
    d.title,
    [
      { text: 'untuk melaksanakan paket pekerjaan', font: 'regular' },
      { text: d.packageName, font: 'bold' },
    ],
    d.contractNumber,
  );
  opening(f, d.place, d.date);
  partiesBlock(f, d.parties);
  f.paragraph(
    'PIHAK PERTAMA dan PIHAK KEDUA, yang selanjutnya secara bersama-sama disebut PARA PIHAK, ' +
      `berdasarkan Surat Penunjukan Penyedia Barang/Jasa (SPPBJ) nomor ${d.award.letterNumber} tanggal ${formatDateId(d.award.date)}, ` +
      `sepakat untuk mengadakan Surat Perjanjian untuk melaksanakan paket ${d.packageName} ` +
      `dengan nilai Kontrak sebesar ${formatRupiah(d.value)} (${d.valueWords}) dan jangka waktu pelaksanaan ${days(d.durationDays)}, ` +
      `terhitung mulai tanggal ${formatDateId(d.startDate)} sampai dengan tanggal ${formatDateId(d.endDate)}, ` +
      'dengan ketentuan sebagai berikut:',
  );
  f.gap(10);

  d.clauses.forEach((c, i) => {
    f.heading([`Pasal ${i + 1}`, c.heading], BODY_LH * 2);
    f.gap(3);
    f.prose(c.text);
    f.gap(8);
  });

  sectionHeading(f, 'RINCIAN HARGA KONTRAK');
  const taxes = d.taxes ?? [];
  const subtotal = d.items.reduce((s, i) => s + i.total, 0);
  const money = 88;
  const columns: TableColumn[] = [
    { header: 'No', width: 24, align: 'center' },
    { header: 'Uraian', width: 0, align: 'left' },
    { header: 'Volume', width: 44, align: 'right' },
    { header: 'Satuan', width: 48, align: 'center' },
    { header: 'Harga Satuan (Rp)', width: money, align: 'right' },
    { header: 'Jumlah (Rp)', width: money + 4, align: 'right' },
  ];
  columns[1]!.width = CONTENT_W - columns.reduce((s, c) => s + c.width, 0);
  f.table(columns, [
    ...d.items.map((it) => ({
      cells: [String(it.no), it.description, formatNumberId(it.quantity), it.unit, formatNumberId(it.unitPrice), formatNumberId(it.total)],
    })),
    { cells: [taxes.length ? 'Jumlah Harga' : 'Jumlah Total', formatNumberId(subtotal)], span: 5, font: 'bold', gray: TOTAL_SHADE },
    ...taxes.map((t) => ({ cells: [t.label, formatNumberId(t.amount)], span: 5, font: 'bold' as FontKey })),
    ...(taxes.length ? [{ cells: ['Nilai Kontrak', formatNumberId(d.value)], span: 5, font: 'bold' as FontKey, gray: TOTAL_SHADE }] : []),
  ]);
  f.gap(5);
  f.paragraph(`Terbilang: ${d.valueWords}`, { font: 'boldItalic' });
  f.gap(8);

  sectionHeading(f, 'TAHAPAN PEMBAYARAN');
  const amounts = paymentAmounts(d.value, d.payments);
  const payColumns: TableColumn[] = [
    { header: 'No', width: 24, align: 'center' },
    { header: 'Tahapan Pembayaran', width: 0, align: 'left' },
    { header: 'Persentase', width: 64, align: 'right' },
    { header: 'Nilai (Rp)', width: money + 4, align: 'right' },
  ];
  payColumns[1]!.width = CONTENT_W - payColumns.reduce((s, c) => s + c.width, 0);
  f.table(payColumns, [
    ...d.payments.map((p, i) => ({ cells: [String(i + 1), p.milestone, `${formatNumberId(p.percent)}%`, formatNumberId(amounts[i]!)] })),
    { cells: ['Jumlah', '100%', formatNumberId(d.value)], span: 2, font: 'bold', gray: TOTAL_SHADE },
  ]);
  f.gap(14);

  closing(f, d.parties, 'Surat Perjanjian', d.verificationUrl, d.shortCode);
}

function layoutAddendum(d: TAddendumDocument, f: Flow): void {
  letterhead(f, d.office);
  titleBlock(f, d.title, d.packageName ? [{ text: d.packageName, font: 'bold' }] : [], d.addendumNumber);
  opening(f, d.place, d.date);
  partiesBlock(f, d.parties);
  const contractRef = `Surat Perjanjian nomor ${d.contractNumber}${d.contractDate ? ` tanggal ${formatDateId(d.contractDate)}` : ''}`;
  f.paragraph(
    'PIHAK PERTAMA dan PIHAK KEDUA, yang selanjutnya secara bersama-sama disebut PARA PIHAK, ' +
      `sepakat untuk mengadakan Adendum ke-${d.sequence} atas ${contractRef}` +
      `${d.packageName ? ` untuk melaksanakan paket ${d.packageName}` : ''}, dengan pertimbangan sebagai berikut:`,
  );
  f.gap(4);
  f.prose(d.justification, MARGIN_X + 18, CONTENT_W - 18);
  f.gap(6);
  f.paragraph(`Perubahan atas ${contractRef} adalah sebagai berikut:`);
  f.gap(6);

  const columns: TableColumn[] = [
    { header: 'No', width: 24, align: 'center' },
    { header: 'Uraian', width: 120, align: 'left' },
    { header: 'Semula', width: 0, align: 'left' },
    { header: 'Menjadi', width: 0, align: 'left' },
  ];
  const rest = (CONTENT_W - 144) / 2;
  columns[2]!.width = rest;
  columns[3]!.width = rest;
  f.table(
    columns,
    d.changes.map((c, i) => ({ cells: [String(i + 1), c.label, c.before, c.after] })),
  );
  f.gap(10);

  const outcome: Array<[string, string, FontKey?]> = [
    ['Nilai Kontrak menjadi', formatRupiah(d.newValue), 'bold'],
    ['Terbilang', d.newValueWords],
    ['Berakhir pada tanggal', formatDateId(d.newEndDate), 'bold'],
  ];
  // The lead-in stays with its rows.
  f.ensure(BODY_LH + 3 + outcome.length * BODY * 1.32 * 2);
  f.paragraph('Dengan perubahan tersebut:');
  f.gap(3);
  f.labelled(outcome, MARGIN_X + 18, 130);
  f.gap(8);
  f.paragraph(
    `Ketentuan lain dalam ${contractRef} yang tidak diubah oleh Adendum ini dinyatakan tetap berlaku dan mengikat PARA PIHAK. ` +
      'Adendum ini merupakan bagian yang tidak terpisahkan dari Surat Perjanjian tersebut.',
  );
  f.gap(10);

  closing(f, d.parties, 'Adendum', d.verificationUrl, d.shortCode);
}

function layoutTerminationNotice(d: TTerminationNoticeDocument, f: Flow): void {
  letterhead(f, d.office);
  titleBlock(f, d.title, [{ text: `atas Surat Perjanjian Nomor ${d.contractNumber}`, font: 'regular' }], d.noticeNumber);
  const labelX = MARGIN_X + 18;
  f.paragraph('Yang bertanda tangan di bawah ini:');
  f.gap(4);
  f.labelled(
    [
      ['Nama', d.parties.ppk.name, 'bold'],
      ['NIP', d.parties.ppk.nip],
      ['Jabatan', d.parties.ppk.position],
      ['Satuan Kerja', d.parties.ppk.unit],
    ],
    labelX,
    92,
  );
  f.gap(2);
  f.paragraph(`dalam hal ini bertindak untuk dan atas nama ${d.parties.ppk.unit}, selanjutnya disebut PIHAK PERTAMA, dengan ini memberitahukan kepada:`);
  f.gap(4);
  f.labelled(
    [
      ['Nama Penyedia', d.parties.vendor.name, 'bold'],
      ['NPWP', d.parties.vendor.npwp],
      ['Alamat', d.parties.vendor.address],
      ['Diwakili oleh', `${d.parties.vendor.representative.name} (${d.parties.vendor.representative.position})`],
    ],
    labelX,
    92,
  );
  f.gap(2);
  f.paragraph('selanjutnya disebut PIHAK KEDUA,');
  f.gap(6);
  const contractRef = `Surat Perjanjian nomor ${d.contractNumber}${d.contractDate ? ` tanggal ${formatDateId(d.contractDate)}` : ''}`;
  f.paragraph(
    `bahwa ${contractRef} untuk melaksanakan paket ${d.packageName}, dengan nilai Kontrak sebesar ${formatRupiah(d.value)} (${d.valueWords}), ` +
      `DIPUTUS terhitung mulai tanggal ${formatDateId(d.date)}, dengan alasan sebagai berikut:`,
  );
  f.gap(4);
  f.prose(d.reason, labelX, CONTENT_W - 18);
  f.gap(6);
  f.paragraph(
    'Pemutusan Kontrak ini telah melalui kajian hukum dan dilaksanakan berdasarkan ketentuan Syarat-Syarat Umum Kontrak. ' +
      'Hak dan kewajiban PARA PIHAK yang timbul sebelum tanggal pemutusan diselesaikan sesuai dengan ketentuan Kontrak dan peraturan perundang-undangan.',
  );
  f.gap(6);
  f.paragraph('Demikian Surat Pemutusan Kontrak ini disampaikan untuk dilaksanakan sebagaimana mestinya.');
  f.gap(16);

  // One signature block on the right: the PPK who ends the contract.
  const colW = (CONTENT_W - SIG_COL_GAP) / 2;
  const x = MARGIN_X + colW + SIG_COL_GAP;
  const block: Array<[string, FontKey]> = [
    [`${d.place}, ${formatDateId(d.date)}`, 'regular'],
    ['PIHAK PERTAMA', 'bold'],
    [d.parties.ppk.position, 'bold'],
    [d.parties.ppk.unit, 'regular'],
  ];
  const heading = block.flatMap(([t, font]) => f.wrap(t, font, BODY, colW).map((l) => [l, font] as [string, FontKey]));
  f.ensure((heading.length + 2) * SIG_LH + SIG_STAMP);
  for (const [l, font] of heading) f.lines([l], x, colW, font, BODY, 'center', SIG_LH);
  f.gap(SIG_STAMP);
  f.lines(f.wrap(d.parties.ppk.name, 'bold', BODY, colW), x, colW, 'bold', BODY, 'center', SIG_LH);
  f.lines([`NIP. ${d.parties.ppk.nip}`], x, colW, 'regular', BODY, 'center', SIG_LH);
}

/** The closing sentence, the signature blocks and the QR code, kept on one page. */
function closing(f: Flow, parties: TContractParties, what: 'Surat Perjanjian' | 'Adendum', url: string | undefined, shortCode: string | undefined): void {
  const sentence =
    `Demikian ${what} ini dibuat dan ditandatangani secara elektronik oleh PARA PIHAK pada hari dan tanggal tersebut di atas, ` +
    'dalam keadaan sadar dan tanpa paksaan dari pihak mana pun, dan mempunyai kekuatan hukum yang sama dengan dokumen yang ditandatangani basah.';
  const sentenceH = f.wrap(sentence, 'regular', BODY, CONTENT_W).length * BODY_LH;
  const [left, right] = signatureBlocks(parties);
  // Sentence, signatures and the QR block stay together: when they do not fit, they start a new page.
  f.ensure(sentenceH + 16 + f.signaturesHeight(left, right) + (url ? 12 + QR_SIDE + 12 : 0));
  f.paragraph(sentence);
  f.gap(16);
  f.signatures(left, right);
  if (url && shortCode) {
    f.gap(12);
    f.verification(url, shortCode, what === 'Adendum' ? 'Adendum' : 'Dokumen');
  }
}

// --- rendering --------------------------------------------------------------------------------------

async function render(
  layout: (f: Flow) => void,
  footer: string,
  draft: boolean,
  meta: { title: string; subject: string; author: string; keywords: string[]; date: Date | null; creator: string },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    boldItalic: await doc.embedFont(StandardFonts.HelveticaBoldOblique),
  };
  const clean = winAnsiCleaner(fonts.regular);
  const flow = new Flow(fonts, clean);
  layout(flow);
  const pageCount = flow.pageCount;
  flow.footers(footer);

  const pages = Array.from({ length: pageCount }, () => doc.addPage([PAGE_W, PAGE_H]));
  if (draft) {
    // Light, diagonal, under everything else: the text stays readable.
    const size = 150;
    const w = fonts.bold.widthOfTextAtSize('DRAFT', size);
    const h = fonts.bold.heightAtSize(size, { descender: false });
    const angle = Math.PI / 4;
    const x = PAGE_W / 2 - ((w / 2) * Math.cos(angle) - (h / 2) * Math.sin(angle));
    const y = PAGE_H / 2 - ((w / 2) * Math.sin(angle) + (h / 2) * Math.cos(angle));
    for (const page of pages) page.drawText('DRAFT', { x, y, size, font: fonts.bold, color: WATERMARK, rotate: degrees(45) });
  }
  for (const op of flow.ops) {
    const page = pages[op.page]!;
    if (op.kind === 'text') {
      const options = { x: op.x, y: op.y, font: fonts[op.font], size: op.size, color: op.grey ? GREY : INK };
      if (op.wordSpacing) {
        page.pushOperators(pushGraphicsState(), setWordSpacing(Math.round(op.wordSpacing * 1000) / 1000));
        page.drawText(op.text, options);
        page.pushOperators(popGraphicsState());
      } else page.drawText(op.text, options);
    } else if (op.kind === 'line') page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: INK });
    else page.pushOperators(pushGraphicsState(), setFillingGrayscaleColor(op.gray), ...op.rects.map((r) => rectangle(...r)), fill(), popGraphicsState());
  }

  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setLanguage('id-ID');
  doc.setProducer('Sahkan');
  doc.setCreator(meta.creator);
  // A draft without a signing date carries no dates at all, rather than the time of rendering.
  if (meta.date) {
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * Renders a contract (Surat Perjanjian). The same data gives the same bytes: the document dates are the
 * signing date (none for an undated draft) and producer/creator are fixed.
 */
export async function renderContractPdf(doc: TContractDocument): Promise<Uint8Array> {
  const d = ZContractDocumentSchema.parse(doc);
  const number = d.contractNumber ?? 'DRAFT';
  return render((f) => layoutContract(d, f), `Surat Perjanjian Nomor: ${number}  |  Versi ${d.version}`, d.contractNumber === null, {
    title: `${d.title} Nomor ${number}`,
    subject: d.packageName,
    author: d.office.nameLines.join(' '),
    keywords: [number, d.award.letterNumber, d.packageName],
    date: d.date,
    creator: 'Sahkan contract renderer',
  });
}

/** Renders an addendum (adendum) to a contract; deterministic like renderContractPdf. */
export async function renderAddendumPdf(doc: TAddendumDocument): Promise<Uint8Array> {
  const d = ZAddendumDocumentSchema.parse(doc);
  const number = d.addendumNumber ?? 'DRAFT';
  return render(
    (f) => layoutAddendum(d, f),
    `Adendum ke-${d.sequence} Nomor: ${number}  |  Surat Perjanjian Nomor: ${d.contractNumber}`,
    d.addendumNumber === null,
    {
      title: `${d.title} Nomor ${number}`,
      subject: `Adendum ke-${d.sequence} Surat Perjanjian Nomor ${d.contractNumber}`,
      author: d.office.nameLines.join(' '),
      keywords: [number, d.contractNumber],
      date: d.date,
      creator: 'Sahkan contract renderer',
    },
  );
}

/** Renders a termination notice (Surat Pemutusan Kontrak); deterministic like renderContractPdf. */
export async function renderTerminationNoticePdf(doc: TTerminationNoticeDocument): Promise<Uint8Array> {
  const d = ZTerminationNoticeDocumentSchema.parse(doc);
  return render(
    (f) => layoutTerminationNotice(d, f),
    `Surat Pemutusan Kontrak Nomor: ${d.noticeNumber}  |  Surat Perjanjian Nomor: ${d.contractNumber}`,
    false,
    {
      title: `${d.title} Nomor ${d.noticeNumber}`,
      subject: `Pemutusan Surat Perjanjian Nomor ${d.contractNumber}`,
      author: d.office.nameLines.join(' '),
      keywords: [d.noticeNumber, d.contractNumber, d.packageName],
      date: d.date,
      creator: 'Sahkan contract renderer',
    },
  );
}

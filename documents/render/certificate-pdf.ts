/**
 * The permit certificate as an unsigned one-page A4 PDF (pdf-lib, standard fonts). Signing happens
 * afterwards in pades-sign.ts, which appends an incremental update: so no object streams here.
 *
 * Layout is computed first as a list of positioned drawing operations, then drawn. That lets us try a
 * few font scales and keep the largest that fits one page; content that fits no scale flows onto more
 * pages at full size. Nothing is ever drawn off the page.
 */
import { fill, PDFDocument, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingRgbColor, StandardFonts, type PDFFont } from 'pdf-lib';
import { formatDateId, OPEN_ENDED_VALIDITY_TEXT, ZCertificateDataSchema, type TCertificateData } from '../../domain/certificate';
import { CONTENT_W, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, qrRects, winAnsiCleaner, wrap } from './pdf-drawing';

const SCALES = [1, 0.95, 0.9, 0.85, 0.8];

const INK = rgb(0, 0, 0);
const GREY = rgb(0.3, 0.3, 0.3);

type FontKey = 'regular' | 'bold' | 'italic';
type Fonts = Record<FontKey, PDFFont>;

type Op =
  | { kind: 'text'; page: number; x: number; y: number; text: string; font: FontKey; size: number; grey?: boolean }
  | { kind: 'line'; page: number; x1: number; y1: number; x2: number; y2: number; thickness: number }
  /** Filled as one path, so abutting rectangles show no seams. */
  | { kind: 'rects'; page: number; rects: Array<[x: number, y: number, w: number, h: number]> };

// --- layout -----------------------------------------------------------------------------------------

interface Layout {
  ops: Op[];
  pages: number;
}

function layoutCertificate(d: TCertificateData, fonts: Fonts, clean: (s: string) => string, scale: number): Layout {
  const ops: Op[] = [];
  const sz = (n: number) => n * scale;
  const width = (s: string, font: FontKey, size: number) => fonts[font].widthOfTextAtSize(s, size);
  let page = 0;
  let y = PAGE_H - MARGIN_TOP;

  // Footer (every page): a rule and the e-signature statement, sized once so the body knows its floor.
  const footerSize = 7;
  const footerLh = footerSize * 1.3;
  const footerLines = wrap(
    clean(
      'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik. ' +
        `Keaslian dapat diperiksa melalui pemindaian kode QR atau di ${d.verificationUrl}`,
    ),
    fonts.italic,
    footerSize,
    CONTENT_W,
  );
  const footerTop = MARGIN_BOTTOM + footerLines.length * footerLh + footerLh + 4;
  const bodyFloor = footerTop + 8;

  const put = (text: string, x: number, baseline: number, font: FontKey, size: number, grey?: boolean) => {
    if (text) ops.push({ kind: 'text', page, x, y: baseline, text, font, size, grey });
  };
  const rule = (x1: number, x2: number, at: number, thickness: number) =>
    ops.push({ kind: 'line', page, x1, y1: at, x2, y2: at, thickness });

  const continuation = () => {
    const size = 8;
    put(clean(`Lanjutan ${d.title} Nomor: ${d.permitNumber}`), MARGIN_X, y - size, 'italic', size, true);
    y -= size * 1.3 + 2;
    rule(MARGIN_X, PAGE_W - MARGIN_X, y, 0.5);
    y -= 10;
  };
  /** Moves to a new page when `height` more does not fit above the footer. */
  const ensure = (height: number) => {
    if (y - height >= bodyFloor) return;
    page++;
    y = PAGE_H - MARGIN_TOP;
    continuation();
  };
  /** One line of `lh` height; returns its baseline (text sits centred in the line box). */
  const nextLine = (lh: number, size: number): number => {
    ensure(lh);
    const baseline = y - (lh - size) / 2 - size * 0.78;
    y -= lh;
    return baseline;
  };
  const paragraph = (text: string, x: number, w: number, font: FontKey, size: number, align: 'left' | 'center' = 'left') => {
    const lh = size * 1.32;
    for (const l of wrap(clean(text), fonts[font], size, w)) {
      const baseline = nextLine(lh, size);
      put(l, align === 'center' ? x + (w - width(l, font, size)) / 2 : x, baseline, font, size);
    }
  };
  /** The largest size up to `size` at which `text` fits on one line of `w`, for letterhead lines. */
  const fitted = (text: string, font: FontKey, size: number, w: number) => Math.min(size, (size * w) / width(text, font, size));
  const gap = (h: number) => (y -= sz(h));

  // Letterhead: name lines, address lines, then the double rule of an Indonesian kop surat.
  d.office.nameLines.forEach((raw, i) => {
    const text = clean(raw);
    const size = fitted(text, 'bold', sz(i === 0 ? 13 : 12.5), CONTENT_W);
    const baseline = nextLine(size * 1.3, size);
    put(text, MARGIN_X + (CONTENT_W - width(text, 'bold', size)) / 2, baseline, 'bold', size);
  });
  for (const raw of d.office.addressLines) {
    const text = clean(raw);
    const size = fitted(text, 'regular', sz(8.5), CONTENT_W);
    const baseline = nextLine(size * 1.35, size);
    put(text, MARGIN_X + (CONTENT_W - width(text, 'regular', size)) / 2, baseline, 'regular', size);
  }
  gap(4);
  rule(MARGIN_X, PAGE_W - MARGIN_X, y, 1.8);
  rule(MARGIN_X, PAGE_W - MARGIN_X, y - 2.6, 0.6);
  gap(20);

  // Title, underlined, and the number.
  const titleSize = sz(13);
  for (const l of wrap(clean(d.title), fonts.bold, titleSize, CONTENT_W)) {
    const baseline = nextLine(titleSize * 1.3, titleSize);
    const w = width(l, 'bold', titleSize);
    put(l, MARGIN_X + (CONTENT_W - w) / 2, baseline, 'bold', titleSize);
    rule(MARGIN_X + (CONTENT_W - w) / 2, MARGIN_X + (CONTENT_W + w) / 2, baseline - 2.2, 0.8);
  }
  gap(2);
  paragraph(`Nomor: ${d.permitNumber}`, MARGIN_X, CONTENT_W, 'regular', sz(10.5), 'center');
  gap(14);

  const body = sz(10);
  const small = sz(9);

  /** Numbered items with a hanging indent. */
  const numbered = (items: string[], x: number, size: number) => {
    const lh = size * 1.3;
    const indent = sz(16);
    items.forEach((item, i) => {
      wrap(clean(item), fonts.regular, size, PAGE_W - MARGIN_X - x - indent).forEach((l, j) => {
        const baseline = nextLine(lh, size);
        if (j === 0) put(`${i + 1}.`, x, baseline, 'regular', size);
        put(l, x + indent, baseline, 'regular', size);
      });
      y -= sz(1.2);
    });
  };

  if (d.legalBasis.length) {
    paragraph('Dasar hukum:', MARGIN_X, CONTENT_W, 'bold', small);
    numbered(d.legalBasis, MARGIN_X, small);
    gap(6);
  }

  paragraph(
    `Berdasarkan permohonan dengan nomor registrasi ${d.registrationNumber} dan hasil pemeriksaan persyaratan, ` +
      `dengan ini diterbitkan ${d.permitTypeName} kepada:`,
    MARGIN_X,
    CONTENT_W,
    'regular',
    body,
  );
  gap(4);

  // Label : value tables; both columns wrap, the colon sits on the first line.
  const tableX = MARGIN_X + sz(14);
  const labelW = sz(170);
  const colonX = tableX + labelW + sz(4);
  const valueX = colonX + sz(10);
  const valueW = PAGE_W - MARGIN_X - valueX;
  const row = (label: string, value: string, valueFont: FontKey = 'regular') => {
    const lh = body * 1.3;
    const labels = wrap(clean(label), fonts.regular, body, labelW);
    const values = wrap(clean(value), fonts[valueFont], body, valueW);
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      const baseline = nextLine(lh, body);
      put(labels[i] ?? '', tableX, baseline, 'regular', body);
      if (i === 0) put(':', colonX, baseline, 'regular', body);
      put(values[i] ?? '', valueX, baseline, valueFont, body);
    }
    y -= sz(1.5);
  };

  row('Nama pemegang izin', d.holder.name, 'bold');
  row('Alamat pemegang izin', d.holder.address);
  gap(6);
  if (d.fields.length) {
    paragraph('dengan rincian sebagai berikut:', MARGIN_X, CONTENT_W, 'regular', body);
    gap(2);
    for (const f of d.fields) row(f.label, f.value);
    gap(6);
  }
  row(
    'Masa berlaku',
    d.validUntil ? `sampai dengan ${formatDateId(d.validUntil)}` : (d.openEndedValidityText ?? OPEN_ENDED_VALIDITY_TEXT),
    'bold',
  );
  gap(8);

  if (d.conditions.length) {
    paragraph('Ketentuan:', MARGIN_X, CONTENT_W, 'bold', body);
    numbered(d.conditions, MARGIN_X, small);
  }

  // Closing: signature block bottom right, vector QR bottom left, both above the footer.
  const sigW = sz(235);
  const sigX = PAGE_W - MARGIN_X - sigW;
  const sigLh = body * 1.3;
  type SigLine = { text: string; font: FontKey; size: number; before?: number; underline?: boolean };
  const wrapped = (text: string, font: FontKey, before: number, underline?: boolean): SigLine[] =>
    wrap(clean(text), fonts[font], body, sigW).map((l, i) => ({ text: l, font, size: body, before: i ? 0 : before, underline }));
  const sigLines: SigLine[] = [
    ...wrapped(`Ditetapkan di ${d.placeOfIssue}`, 'regular', 0),
    ...wrapped(`pada tanggal ${formatDateId(d.issuedAt)}`, 'regular', 0),
    ...wrapped(d.signer.title, 'bold', sz(8)),
    { text: 'Ditandatangani secara elektronik oleh', font: 'italic', size: small, before: sz(10) },
    ...wrapped(d.signer.name, 'bold', sz(12), true),
    ...(d.signer.nip ? wrapped(`NIP. ${d.signer.nip}`, 'regular', 0) : []),
  ];
  const sigH = sigLines.reduce((h, l) => h + (l.before ?? 0) + sigLh, 0);

  const qrSide = sz(84);
  const qrTextW = sigX - MARGIN_X - sz(16);
  const qrSize = sz(7);
  const qrLh = qrSize * 1.3;
  const qrText = [...wrap(clean(d.verificationUrl), fonts.regular, qrSize, qrTextW), ...wrap(clean(`Kode verifikasi: ${d.shortHash}`), fonts.regular, qrSize, qrTextW)];
  const qrH = qrSide + sz(4) + qrText.length * qrLh;

  const closingH = Math.max(sigH, qrH);
  gap(12);
  ensure(closingH);
  // Anchored to the bottom, so short certificates keep the signature where readers look for it.
  const top = bodyFloor + closingH;
  let sy = top;
  for (const l of sigLines) {
    sy -= (l.before ?? 0) + sigLh;
    const baseline = sy + (sigLh - l.size) / 2 + l.size * 0.22;
    put(l.text, sigX, baseline, l.font, l.size);
    if (l.underline) rule(sigX, sigX + width(l.text, l.font, l.size), baseline - 1.8, 0.7);
  }
  ops.push({ kind: 'rects', page, rects: qrRects(d.verificationUrl, MARGIN_X, top, qrSide) });
  let qy = top - qrSide - sz(4);
  for (const l of qrText) {
    qy -= qrLh;
    put(l, MARGIN_X, qy + qrLh * 0.25, 'regular', qrSize, true);
  }

  // Footers last: the page count is known now.
  const pages = page + 1;
  for (let p = 0; p < pages; p++) {
    page = p;
    rule(MARGIN_X, PAGE_W - MARGIN_X, footerTop, 0.5);
    let fy = footerTop - 3;
    const lines = pages > 1 ? [...footerLines, `Halaman ${p + 1} dari ${pages}`] : footerLines;
    for (const l of lines) {
      fy -= footerLh;
      put(l, MARGIN_X + (CONTENT_W - width(l, 'italic', footerSize)) / 2, fy + footerLh * 0.25, 'italic', footerSize, true);
    }
  }
  return { ops, pages };
}

// --- rendering --------------------------------------------------------------------------------------

/**
 * Renders a permit certificate. The same data gives the same bytes: dates in the document information
 * come from `issuedAt` and producer/creator are fixed.
 */
export async function renderCertificatePdf(data: TCertificateData): Promise<Uint8Array> {
  const d = ZCertificateDataSchema.parse(data);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const clean = winAnsiCleaner(fonts.regular);

  let layout: Layout | undefined;
  for (const scale of SCALES) {
    const attempt = layoutCertificate(d, fonts, clean, scale);
    if (attempt.pages === 1) {
      layout = attempt;
      break;
    }
  }
  const { ops, pages: pageCount } = layout ?? layoutCertificate(d, fonts, clean, 1);

  const pages = Array.from({ length: pageCount }, () => doc.addPage([PAGE_W, PAGE_H]));
  for (const op of ops) {
    const page = pages[op.page]!;
    if (op.kind === 'text') page.drawText(op.text, { x: op.x, y: op.y, font: fonts[op.font], size: op.size, color: op.grey ? GREY : INK });
    else if (op.kind === 'line') page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: INK });
    else page.pushOperators(pushGraphicsState(), setFillingRgbColor(0, 0, 0), ...op.rects.map((r) => rectangle(...r)), fill(), popGraphicsState());
  }

  doc.setTitle(`${d.title} Nomor ${d.permitNumber}`);
  doc.setSubject(d.permitTypeName);
  doc.setAuthor(d.office.nameLines.join(' '));
  doc.setKeywords([d.permitNumber, d.registrationNumber]);
  doc.setLanguage('id-ID');
  doc.setProducer('Sahkan');
  doc.setCreator('Sahkan certificate renderer');
  doc.setCreationDate(d.issuedAt);
  doc.setModificationDate(d.issuedAt);
  return doc.save({ useObjectStreams: false });
}

/**
 * Draws a laid-out Flow (layout-flow.ts) as an unsigned A4 PDF with pdf-lib's standard fonts. Signing happens
 * afterwards in documents/signing/, each signature an incremental update: so no object streams here, and the
 * same data always gives the same bytes (fixed producer and creator, dates from the document, never "now").
 */
import { PDFDocument, PDFName, rgb, StandardFonts } from 'pdf-lib';
import { INK, type Flow, type FontKey, type Fonts } from './layout-flow';
import { PageContent } from './page-content';
import { PAGE_H, PAGE_W, winAnsiCleaner } from './pdf-drawing';

const STANDARD_FONTS: Record<FontKey, StandardFonts> = {
  regular: StandardFonts.Helvetica,
  bold: StandardFonts.HelveticaBold,
  italic: StandardFonts.HelveticaOblique,
  boldItalic: StandardFonts.HelveticaBoldOblique,
};
const WATERMARK = rgb(0.88, 0.88, 0.88);

export interface TPdfMeta {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  /** Creation and modification date; null (an undated draft) leaves both out rather than using the time of rendering. */
  date: Date | null;
  creator: string;
}

export interface TPdfJob {
  /** The fonts the layout uses, embedded in this order. */
  fonts: readonly FontKey[];
  /** Lays the document out (it may try several layouts and keep one); footers included. */
  layout: (fonts: Fonts, clean: (s: string) => string) => Flow;
  /** Printed large, light and diagonal under everything on every page (drafts). */
  watermark?: string;
  meta: TPdfMeta;
}

export async function renderPdf(job: TPdfJob): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {};
  const resources = new Map<FontKey, string>();
  for (const key of job.fonts) {
    fonts[key] = await doc.embedFont(STANDARD_FONTS[key]);
    resources.set(key, `F${resources.size + 1}`);
  }
  const flow = job.layout(fonts, winAnsiCleaner(fonts[job.fonts[0]!]!));

  const contents = Array.from({ length: flow.pageCount }, () => new PageContent());
  if (job.watermark) {
    // Light, diagonal, under everything else: the text stays readable.
    const font = flow.font('bold');
    const size = 150;
    const w = font.widthOfTextAtSize(job.watermark, size);
    const h = font.heightAtSize(size, { descender: false });
    const angle = Math.PI / 4;
    const x = PAGE_W / 2 - ((w / 2) * Math.cos(angle) - (h / 2) * Math.sin(angle));
    const y = PAGE_H / 2 - ((w / 2) * Math.sin(angle) + (h / 2) * Math.cos(angle));
    for (const c of contents) c.text(job.watermark, font, x, y, { resource: resources.get('bold')!, size, color: WATERMARK, rotate: angle });
  }
  for (const op of flow.ops) {
    const content = contents[op.page]!;
    if (op.kind === 'text') {
      content.text(op.text, flow.font(op.font), op.x, op.y, {
        resource: resources.get(op.font)!,
        size: op.size,
        color: op.color ?? INK,
        ...(op.wordSpacing ? { wordSpacing: Math.round(op.wordSpacing * 1000) / 1000 } : {}),
      });
    } else if (op.kind === 'line') content.line(op.x1, op.y1, op.x2, op.y2, op.thickness, INK);
    else content.rects(op.color, op.rects, op.frame);
  }
  for (const content of contents) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    for (const [key, name] of resources) page.node.setFontDictionary(PDFName.of(name), fonts[key]!.ref);
    page.node.addContentStream(doc.context.register(doc.context.stream(content.deflated(), { Filter: 'FlateDecode' })));
  }

  const { meta } = job;
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setLanguage('id-ID');
  doc.setProducer('Sahkan');
  doc.setCreator(meta.creator);
  if (meta.date) {
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
  }
  return doc.save({ useObjectStreams: false });
}

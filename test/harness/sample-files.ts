import zlib from 'node:zlib';
import { PNG } from 'pngjs';

/**
 * A PDF from its objects (object 1 is the catalog), with a correct cross-reference table, built in code so that
 * tests can write valid and hostile files alike.
 */
export function pdfFromObjects(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(object) ? object : Buffer.from(object, 'latin1'), Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

/** A stream object with its dictionary entries and (already encoded) body. */
export function pdfStream(dictEntries: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dictEntries} /Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
}

/** One blank A4 page; `catalogExtra` and `pageExtra` add entries, `more` objects from number 4 on. */
export function onePagePdf(catalogExtra = '', more: Array<string | Buffer> = [], pageExtra = ''): Buffer {
  return pdfFromObjects([
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${pageExtra} >>`,
    ...more,
  ]);
}

/** A real PNG of the given size (grey pixels). */
export const pngOf = (width: number, height: number): Buffer => {
  const png = new PNG({ width, height });
  png.data.fill(0x80);
  return PNG.sync.write(png);
};

/** A PNG whose header declares `width` × `height` over a few bytes of image data (CRCs correct). */
export function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SAMPLE_PDF = onePagePdf();
export const SAMPLE_PNG = pngOf(4, 4);

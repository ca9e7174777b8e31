import zlib from 'node:zlib';
import { expect } from 'chai';
import jpeg from 'jpeg-js';
import pino from 'pino';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { createTokenVerifier } from '../../api/auth';
import { loadConfig } from '../../config/env';
import { loadOffice } from '../../store/certificate-layouts';
import { loadContractCatalog } from '../../store/contract-catalog';
import { uploadPolicyFromConfig } from '../../api/upload-policy';
import { harness } from '../harness/harness';
import { onePagePdf, pdfStream, pngDeclaring, pngOf, SAMPLE_PDF } from '../harness/sample-files';

/** Each hostile file of the security test (issue 8 finding 4), built here; each was accepted with 201 before. */
async function post(bytes: Buffer, name: string, app = harness().app) {
  return supertest(app).post('/api/v1/documents').set('Authorization', await harness().token('budi')).attach('file', bytes, name);
}

function expectRefused(res: supertest.Response, code: string, reason: RegExp) {
  expect(res.status, JSON.stringify(res.body)).to.equal(422);
  expect(res.body.error.code).to.equal(code);
  expect(res.body.error.details).to.deep.equal([{ path: 'file', message: res.body.error.details[0].message }]);
  expect(res.body.error.details[0].message).to.match(reason);
}

/** Deflate of `bytes` zero bytes, streamed so the test itself never holds them. */
function deflatedZeros(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = zlib.createDeflate({ level: 9 });
    const out: Buffer[] = [];
    deflate.on('data', (c: Buffer) => out.push(c));
    deflate.on('end', () => resolve(Buffer.concat(out)));
    deflate.on('error', reject);
    const mb = Buffer.alloc(1 << 20);
    for (let i = 0; i < bytes / mb.length; i++) deflate.write(mb);
    deflate.end();
  });
}

/** A real PDF with text, large enough that cutting it leaves a recognisable start. */
async function textPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 3; p++) doc.addPage().drawText(`Halaman ${p + 1}: surat pernyataan`, { x: 50, y: 700, font, size: 14 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('uploads are parsed, not sniffed (issue 8 finding 4)', function () {
  this.timeout(120_000);

  it('accepts real PDF, PNG and JPEG files', async () => {
    const files: Array<[Buffer, string, string]> = [
      [await textPdf(), 'surat.pdf', 'application/pdf'],
      [pngOf(32, 16), 'foto.png', 'image/png'],
      [Buffer.from(jpeg.encode({ width: 16, height: 8, data: Buffer.alloc(16 * 8 * 4, 0x80) }, 80).data), 'foto.jpg', 'image/jpeg'],
    ];
    for (const [bytes, name, mediaType] of files) {
      const res = await post(bytes, name);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.mediaType).to.equal(mediaType);
    }
  });

  it('refuses a PDF with JavaScript run by an OpenAction', async () => {
    const pdf = onePagePdf('/OpenAction 4 0 R', ['<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>']);
    expectRefused(await post(pdf, 'js.pdf'), 'PDF_ACTIVE_CONTENT', /OpenAction/);
  });

  it('refuses JavaScript in the name tree, even under an escaped name, a Launch action and an embedded file', async () => {
    const js = onePagePdf('/Names << /J#61vaScript 4 0 R >>', ['<< /Names [(a) 5 0 R] >>', '<< /S /JavaScript /JS (1) >>']);
    expectRefused(await post(js, 'js2.pdf'), 'PDF_ACTIVE_CONTENT', /JavaScript/);
    const launch = onePagePdf('', ['<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (cmd.exe) >> >>']);
    expectRefused(await post(launch, 'launch.pdf'), 'PDF_ACTIVE_CONTENT', /Launch/);
    const embedded = onePagePdf('/Names << /EmbeddedFiles 4 0 R >>', ['<< /Names [(x.exe) 5 0 R] >>', '<< /Type /Filespec /F (x.exe) >>']);
    expectRefused(await post(embedded, 'embedded.pdf'), 'PDF_ACTIVE_CONTENT', /embedded files/);
  });

  it('refuses a PDF header followed by an ELF executable', async () => {
    const elf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 0x90), Buffer.from('\n%%EOF\n')]);
    expectRefused(await post(elf, 'elf.pdf'), 'PDF_MALFORMED', /cannot be parsed|no pages|page tree/);
  });

  it('refuses a truncated PDF', async () => {
    const whole = await textPdf();
    expectRefused(await post(whole.subarray(0, Math.floor(whole.length * 0.6)), 'cut.pdf'), 'PDF_MALFORMED', /incomplete/);
  });

  it('refuses a 500 MB Flate bomb without inflating it', async () => {
    const bomb = await deflatedZeros(500 * 1024 * 1024);
    expect(bomb.length).to.be.lessThan(1024 * 1024);
    const pdf = onePagePdf('', [pdfStream('/Filter /FlateDecode', bomb)], '/Contents 4 0 R');
    expectRefused(await post(pdf, 'bomb.pdf'), 'PDF_TOO_LARGE_INFLATED', /inflate to more than/);
  });

  it('refuses PNGs declaring 100,000 × 100,000 and 2^31 × 2^31 pixels, and a JPEG declaring 60,000 × 60,000', async () => {
    expectRefused(await post(pngDeclaring(100_000, 100_000), 'huge.png'), 'IMAGE_TOO_LARGE', /100000×100000/);
    expectRefused(await post(pngDeclaring(2 ** 31, 2 ** 31), 'impossible.png'), 'IMAGE_MALFORMED', /impossible dimensions/);
    const small = Buffer.from(jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4) }, 50).data);
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    const huge = Buffer.from(small);
    huge.writeUInt16BE(60_000, sof + 5);
    huge.writeUInt16BE(60_000, sof + 7);
    expectRefused(await post(huge, 'huge.jpg'), 'IMAGE_TOO_LARGE', /60000×60000/);
  });

  it('refuses a PNG whose data does not decode', async () => {
    const png = pngOf(8, 8);
    const idat = png.indexOf('IDAT');
    png.fill(0xaa, idat + 4, idat + 20);
    expectRefused(await post(png, 'broken.png'), 'IMAGE_MALFORMED', /cannot be decoded/);
  });

  it('keeps a daily upload quota per user: the next upload answers 429 with Retry-After', async () => {
    const h = harness();
    const config = loadConfig({ SAHKAN_DATA_DIR: h.dataDir });
    const app = createApp({
      records: h.records,
      blobs: h.blobs,
      temporal: h.client,
      taskQueue: h.taskQueue,
      catalog: h.catalog,
      calendar: h.calendar,
      officeCalendar: h.apiDeps.officeCalendar,
      verifyToken: createTokenVerifier(h.jwtSecret),
      maxUploadBytes: 2 * 1024 * 1024,
      uploads: { ...uploadPolicyFromConfig(config), perDay: 2 },
      contractTypes: loadContractCatalog(),
      office: loadOffice(),
      maxNegotiationRounds: 3,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://localhost:3000',
      web: h.apiDeps.web,
    });
    const user = `kuota-${Date.now()}`;
    const send = async () =>
      supertest(app).post('/api/v1/documents').set('Authorization', await h.token(user, ['applicant'])).attach('file', SAMPLE_PDF, 'a.pdf');
    expect((await send()).status).to.equal(201);
    expect((await send()).status).to.equal(201);
    const third = await send();
    expect(third.status, JSON.stringify(third.body)).to.equal(429);
    expect(third.body.error.code).to.equal('UPLOAD_QUOTA_EXCEEDED');
    const retryAfter = Number(third.headers['retry-after']);
    expect(retryAfter).to.be.greaterThan(86_000).and.at.most(86_400);
  });
});

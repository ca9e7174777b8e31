import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { verificationCode, verificationPath, verificationUrl } from '../../documents/render/verification-code';
import { csvCell } from '../../api/csv';
import { formatters } from '../../web/i18n/format';
import { activeContract } from '../harness/contracts';
import { decideAll, signAsHead, startPermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { csrfOf } from '../harness/web';

const http = () => harness().http();
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const setCookies = (res: { headers: Record<string, unknown> }) => (res.headers['set-cookie'] as string[] | undefined) ?? [];

/** A reklame permit taken to issued on the real workflow: every review approved, signed by the head of office. */
async function issuedPermit(): Promise<{ caseId: string; number: string; code: string; pdf: Buffer }> {
  let v = await startPermit('reklame');
  while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
  v = await signAsHead(v.caseId);
  expect(v.status).to.equal('issued');
  const issued = (await harness().records.issuance.byCase(v.caseId))!;
  const pdf = (await harness().blobs.get(issued.sha256))!;
  return { caseId: v.caseId, number: issued.number, code: verificationCode(v.caseId, issued.number), pdf };
}

describe('public pages: the QR page, the PDF check and the contract register', function () {
  this.timeout(120_000);
  let permit: Awaited<ReturnType<typeof issuedPermit>>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-public-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(async () => {
    permit = await issuedPermit();
  });

  it('prints the page URL in the QR code of a new certificate: /v/<number parts>?code=', () => {
    expect(verificationPath('503/0007/REK/DPMPTSP/XII/2026', 'AB12CD34EF')).to.equal('/v/503/0007/REK/DPMPTSP/XII/2026?code=AB12CD34EF');
    expect(verificationPath('A B/ADD-1')).to.equal('/v/A%20B/ADD-1');
    const url = verificationUrl('http://localhost:3000', permit.number, permit.code);
    const file = path.join(tmp, 'izin.pdf');
    fs.writeFileSync(file, permit.pdf);
    // The URL is printed under the QR code too; pdftotext wraps it, so compare without the line breaks.
    const printed = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
    expect(printed).to.include(url);
    expect(printed).not.to.include('/api/v1/public/verify/');
  });

  it('shows a valid permit on its QR page without storing a session, with the masked holder, signer and SHA-256', async () => {
    const res = await http().get(verificationPath(permit.number, permit.code)).set('Accept', HTML).expect(200).expect('Content-Type', /html/);
    expect(res.text).to.contain('data-verdict="valid"').and.contain('Dokumen ini sah dan masih berlaku.');
    expect(res.text).to.contain(permit.number).and.contain('B*** S******').and.not.contain('Budi Santoso');
    const issued = (await harness().records.issuance.byNumber(permit.number))!;
    expect(res.text).to.contain(issued.sha256).and.contain(issued.signerName).and.contain(issued.title);
    expect(setCookies(res)).to.deep.equal([]);
    expect(res.headers.vary).to.match(/Accept/);
    // Without the code (a number typed by hand) it answers too; a wrong code is a 404 page.
    await http().get(verificationPath(permit.number)).set('Accept', HTML).expect(200);
    const wrong = await http().get(verificationPath(permit.number, 'WRONG12345')).set('Accept', HTML).expect(404).expect('Content-Type', /html/);
    expect(wrong.text).to.contain('Halaman tidak ditemukan');
  });

  it('answers JSON to Accept: application/json with the body of the public verify API', async () => {
    const page = await http().get(verificationPath(permit.number, permit.code)).set('Accept', 'application/json').expect(200).expect('Content-Type', /json/);
    const api = await http().get(`/api/v1/public/verify/${encodeURIComponent(permit.number)}?code=${permit.code}`).expect(200);
    expect(page.body).to.deep.equal(api.body);
    expect(page.body).to.include({ status: 'valid', number: permit.number, holder: 'B*** S******' });
    const unknown = await http().get('/v/999/NOPE/2026').set('Accept', 'application/json').expect(404).expect('Content-Type', /json/);
    expect(unknown.body.error.code).to.equal('NOT_FOUND');
  });

  it('keeps the QR URL of certificates issued before the pages working: a browser is redirected to the page, API clients get JSON', async () => {
    const old = `/api/v1/public/verify/${encodeURIComponent(permit.number)}?code=${permit.code}`;
    const browser = await http().get(old).set('Accept', HTML).expect(302);
    expect(browser.headers.location).to.equal(verificationPath(permit.number, permit.code));
    const followed = await http().get(browser.headers.location!).set('Accept', HTML).expect(200);
    expect(followed.text).to.contain('data-verdict="valid"');
    for (const accept of ['application/json', '*/*']) {
      const client = await http().get(old).set('Accept', accept).expect(200).expect('Content-Type', /json/);
      expect(client.body).to.include({ status: 'valid', number: permit.number });
    }
    await http().get(`/api/v1/public/verify/${encodeURIComponent(permit.number)}?code=WRONG`).set('Accept', 'application/json').expect(404);
  });

  it('answers an unknown number with the 404 page, in English after the switch', async () => {
    const res = await http().get('/v/503/0000/XXX/2026').set('Accept', HTML).expect(404).expect('Content-Type', /html/);
    expect(res.text).to.contain('Halaman tidak ditemukan').and.not.contain('data-verdict');
    const en = await http().get('/v/503/0000/XXX/2026').set('Accept', HTML).set('Cookie', 'sahkan_lang=en').expect(404);
    expect(en.text).to.contain('<html lang="en">');
  });

  it('checks an uploaded PDF: the signed certificate is asli, one changed byte is diubah, a text file is refused on the form', async () => {
    const agent = http();
    const form = await agent.get('/verifikasi').expect(200);
    expect(form.text).to.contain('enctype="multipart/form-data"').and.contain('accept="application/pdf,.pdf"');
    const csrf = csrfOf(form.text);
    expect(csrf).to.not.equal('');

    const genuine = await agent.post('/verifikasi').field('_csrf', csrf).attach('file', permit.pdf, 'izin.pdf').expect(200);
    expect(genuine.text).to.contain('data-verdict="valid"').and.contain('data-signature-verdict="genuine"').and.contain('>Asli<');
    expect(genuine.text).to.contain(permit.number).and.contain('Drs. H. Syarif Abdullah, M.Si.');

    const tampered = Buffer.from(permit.pdf);
    const at = tampered.indexOf('Masa berlaku') > 0 ? tampered.indexOf('Masa berlaku') : 2000;
    tampered[at] = tampered[at]! ^ 0x01;
    const altered = await agent.post('/verifikasi').field('_csrf', csrf).attach('file', tampered, 'izin.pdf').expect(200);
    expect(altered.text).to.contain('data-verdict="altered"').and.contain('data-signature-verdict="altered"').and.contain('>Diubah<');
    expect(altered.text).to.contain('Berkas dengan sidik ini tidak ada di register kantor.');

    const notPdf = await agent.post('/verifikasi').field('_csrf', csrf).attach('file', Buffer.from('hello'), 'x.pdf').expect(415);
    expect(notPdf.text).to.contain('Berkas ini bukan PDF.').and.contain('href="#f-file"').and.contain('aria-invalid="true"');
    const none = await agent.post('/verifikasi').field('_csrf', csrf).expect(400);
    expect(none.text).to.contain('Pilih berkas PDF yang akan diperiksa.');
  });

  it('refuses an upload without the form token (403 page), and one above the size limit as a field error', async () => {
    const refused = await http().post('/verifikasi').attach('file', permit.pdf, 'izin.pdf').expect(403);
    expect(refused.text).to.contain('Formulir kedaluwarsa');
    const agent = http();
    const csrf = csrfOf((await agent.get('/verifikasi')).text);
    const big = Buffer.concat([permit.pdf, Buffer.alloc(harness().apiDeps.maxUploadBytes)]);
    const tooLarge = await agent.post('/verifikasi').field('_csrf', csrf).attach('file', big, 'besar.pdf').expect(413);
    expect(tooLarge.text).to.contain('Berkas lebih besar dari 2 MB.');
  });

  it('says dicabut on the QR page and on the PDF check after the permit is revoked, with the public reason only', async () => {
    const revoked = await issuedPermit();
    const res = await http()
      .post(`/api/v1/admin/permits/${revoked.caseId}/revocation`)
      .set('Authorization', await harness().token('admin'))
      .send({ reasonCode: 'pelanggaran_ketentuan', reason: 'Lokasi melanggar RTRW (laporan Satpol PP No. 12)' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const page = await http().get(verificationPath(revoked.number, revoked.code)).set('Accept', HTML).expect(200);
    expect(page.text).to.contain('data-verdict="revoked"').and.contain('Dokumen ini telah dicabut').and.contain('Pelanggaran ketentuan perizinan');
    expect(page.text).not.to.contain('Satpol PP');
    const en = await http().get(verificationPath(revoked.number, revoked.code)).set('Accept', HTML).set('Cookie', 'sahkan_lang=en').expect(200);
    expect(en.text).to.contain('This document has been revoked').and.contain('Breach of the permit’s conditions');

    const agent = http();
    const csrf = csrfOf((await agent.get('/verifikasi')).text);
    const checked = await agent.post('/verifikasi').field('_csrf', csrf).attach('file', revoked.pdf, 'izin.pdf').expect(200);
    expect(checked.text).to.contain('data-verdict="revoked"').and.contain('data-signature-verdict="genuine"');
  });

  describe('the contract register', () => {
    const MARK = `Uji Register ${Date.now().toString(36)}`;
    before(async () => {
      const { records } = harness();
      // Register entries as the issuance activity writes them; a vendor name that a spreadsheet would run as a formula.
      for (let i = 1; i <= 23; i++) {
        await records.issuance.register({
          number: `${String(i).padStart(3, '0')}/SP/REG/XII/2026`,
          caseId: `register-case-${MARK}-${i}`,
          kind: 'contract',
          typeId: 'barang',
          title: `${MARK} Pengadaan Kursi ${i}`,
          holderName: i === 7 ? '=HYPERLINK("http://evil.example","klik")' : `CV Kursi Nyaman ${i}`,
          sha256: `${i}`.padStart(64, 'e'),
          issuedAt: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(),
          signerName: 'Ir. Hendra Gunawan, M.T.',
          serial: '01',
        });
      }
    });

    it('searches by title, number and vendor, paginated by cursor, without storing a session', async () => {
      const rowsOf = (html: string) => html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)?.length ?? 0;
      const first = await http().get('/register-kontrak').query({ cari: MARK }).expect(200);
      expect(rowsOf(first.text)).to.equal(20);
      expect(first.text).to.not.contain('rel="first"');
      // Newest first: entry 23 opens the first page, entry 1 is on the second.
      expect(first.text).to.contain(`${MARK} Pengadaan Kursi 23`).and.not.contain(`${MARK} Pengadaan Kursi 1<`);
      expect(first.text).to.contain(`href="${verificationPath('023/SP/REG/XII/2026')}"`);
      expect(setCookies(first)).to.deep.equal([]);
      const next = /href="(\/register-kontrak\?cari=[^"]*setelah=[^"]+)" rel="next"/.exec(first.text)?.[1];
      expect(next, 'a GET link to the next page, the search kept').to.be.a('string');
      const second = await http().get(next!.replaceAll('&amp;', '&')).expect(200);
      expect(second.text).to.contain(`${MARK} Pengadaan Kursi 1<`).and.contain('rel="first"').and.not.contain('rel="next"');
      expect(rowsOf(second.text)).to.equal(3);

      const byVendor = await http().get('/register-kontrak').query({ cari: `kursi nyaman 12 ${MARK.toLowerCase()}` }).expect(200);
      expect(rowsOf(byVendor.text)).to.equal(1);
      expect(byVendor.text).to.contain('CV Kursi Nyaman 12');
      const byNumber = await http().get('/register-kontrak').query({ cari: '015/SP/REG' }).expect(200);
      expect(rowsOf(byNumber.text)).to.equal(1);
      expect(byNumber.text).to.contain(`${MARK} Pengadaan Kursi 15`);
      // LIKE wildcards in the search are plain characters.
      const wildcard = await http().get('/register-kontrak').query({ cari: `${MARK} %` }).expect(200);
      expect(wildcard.text).to.contain('Tidak ada kontrak yang cocok');
      // A cursor the register did not give is refused, not read as a position.
      await http().get('/register-kontrak').query({ cari: MARK, setelah: 'abc' }).expect(400);
    });

    it('exports the search as CSV: UTF-8 with BOM, quoted, formulas defused', async () => {
      const res = await http().get('/register-kontrak.csv').query({ cari: MARK }).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).to.match(/^attachment; filename="?register-kontrak.csv"?$/);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).to.equal('Nomor,Pekerjaan,Penyedia,Nilai,Mulai,Selesai,Ditandatangani,Status,Adendum');
      expect(lines).to.have.length(24);
      expect(lines).to.include(`007/SP/REG/XII/2026,${MARK} Pengadaan Kursi 7,"'=HYPERLINK(""http://evil.example"",""klik"")",,,,2026-12-01,Berlaku,`);
      const en = await http().get('/register-kontrak.csv').query({ cari: MARK }).set('Cookie', 'sahkan_lang=en').expect(200);
      expect(en.text.slice(1).split('\r\n')[0]).to.equal('Number,Work,Vendor,Value,Start,End,Signed,Status,Addenda');
    });

    it('shows a signed contract with the agreed value (not the draft’s) and its period, here and in the JSON register', async () => {
      const id = await activeContract();
      const issued = (await harness().records.issuance.byCase(id))!;
      const res = await http().get('/register-kontrak').query({ cari: issued.number }).expect(200);
      expect(res.text).to.contain('CV Maju Jaya').and.contain('Pengadaan Komputer Layanan Perizinan DPMPTSP');
      expect(res.text).to.contain(formatters('id').money(148_000_000)).and.contain('7 Desember 2026 – 5 Januari 2027').and.contain('>Berlaku<');
      expect(res.text).not.to.match(/197805122005011003|Andi Wijaya/); // no NIP, no person's name
      // Drafted at 12.5 million a computer (138 million), agreed at 13.5 million: the register shows what was signed.
      const api = await http().get('/api/v1/public/contracts').query({ query: issued.number }).expect(200);
      expect(api.body.items.find((c: { number: string }) => c.number === issued.number)).to.include({ value: 148_000_000, startDate: '2026-12-07', endDate: '2027-01-05' });
    });

    it('keeps the JSON register\'s rows as they were: every field, the same order, a page at a time', async () => {
      const api = await http().get('/api/v1/public/contracts').query({ query: MARK, limit: 200 }).expect(200);
      expect(api.body.items.filter((c: { title: string }) => c.title.startsWith(MARK))).to.have.length(23);
      expect(api.body.nextCursor).to.equal(null);
      const entry = api.body.items.find((c: { number: string }) => c.number === '007/SP/REG/XII/2026');
      expect(entry).to.deep.equal({
        number: '007/SP/REG/XII/2026',
        title: `${MARK} Pengadaan Kursi 7`,
        vendor: '=HYPERLINK("http://evil.example","klik")',
        value: null,
        startDate: null,
        endDate: null,
        signedAt: '2026-12-01T00:07:00.000Z',
        status: 'valid',
        addenda: [],
      });
    });
  });

  it('counts the pages against the same per-address limits as the public API (one count for both)', async () => {
    const rate = { windowMs: 60_000, writesPerUser: 1e9, writesPerIp: 1e9, publicLookupsPerIp: 4, verifyUploadsPerIp: 2, signInPerIp: 1e9, trackingGuessesPerIp: 1e9 };
    const app = createApp({ ...harness().apiDeps, limits: { rate, passphrase: harness().apiDeps.limits!.passphrase } });
    const agent = supertest.agent(app);
    for (let i = 0; i < 2; i++) await agent.get('/api/v1/public/verify/503-0000-X').expect(404);
    await agent.get('/v/503/0000/X').set('Accept', HTML).expect(404);
    await agent.get('/register-kontrak').expect(200);
    const refused = await agent.get('/v/503/0000/X').set('Accept', HTML).expect(429).expect('Content-Type', /html/);
    expect(refused.text).to.contain('Terlalu banyak permintaan');
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    expect(refused.headers.vary).to.match(/Accept/);
    // A JSON client of the same URL gets the refusal in the API's error format, not the page.
    const refusedJson = await agent.get('/v/503/0000/X').set('Accept', 'application/json').expect(429).expect('Content-Type', /json/);
    expect(refusedJson.body.error).to.include({ code: 'TOO_MANY_REQUESTS' });
    expect(refusedJson.body.error.message).to.match(/Too many lookups/);
    expect(Number(refusedJson.headers['retry-after'])).to.be.within(1, 60);
    await agent.get('/register-kontrak.csv').expect(429);

    const csrf = csrfOf((await agent.get('/verifikasi').expect(200)).text);
    await agent.post('/api/v1/public/verify').attach('file', Buffer.from('hello'), 'x.pdf').expect(415);
    await agent.post('/verifikasi').field('_csrf', csrf).attach('file', Buffer.from('hello'), 'x.pdf').expect(415);
    await agent.post('/verifikasi').field('_csrf', csrf).attach('file', permit.pdf, 'izin.pdf').expect(429);
  });

  it('defuses spreadsheet formulas in CSV cells and quotes what needs it', () => {
    expect(csvCell('=1+1')).to.equal("'=1+1");
    expect(csvCell('+62 812')).to.equal("'+62 812");
    expect(csvCell('-5')).to.equal("'-5");
    expect(csvCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvCell('\tx')).to.equal("'\tx");
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell('say "hi"\nbye')).to.equal('"say ""hi""\nbye"');
    expect(csvCell(-5)).to.equal('-5');
    expect(csvCell(null)).to.equal('');
  });
});

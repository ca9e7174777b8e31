import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { verificationCode, verificationPath } from '../../documents/render/verification-code';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, freshPagePerTest } from '../harness/browser';
import { decideAll, signAsHead, startPermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { foreignTexts, keyNamesShown, visibleTexts } from '../harness/page-language';

const ID = MESSAGES.id;
const EN = MESSAGES.en;

/** No catalogue key and no text of the other language anywhere on the page. */
async function expectOneLanguage(page: Page, lang: 'id' | 'en') {
  expect(await page.locator('html').getAttribute('lang')).to.equal(lang);
  const texts = await visibleTexts(page);
  expect(keyNamesShown(texts, Object.keys(ID)), `catalogue keys shown on ${page.url()}`).to.deep.equal([]);
  expect(foreignTexts(texts, lang, [MESSAGES]), `texts of the other language on ${page.url()} (${lang})`).to.deep.equal([]);
}

/** Submits the upload form and waits for the answer page (same URL, so wait for the navigation itself). */
async function submitUpload(page: Page) {
  await Promise.all([page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()), page.getByRole('button', { name: ID['public.verify.submit'] }).click()]);
  await page.waitForLoadState('load');
}

async function issuedPermit() {
  let v = await startPermit('reklame');
  while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
  v = await signAsHead(v.caseId);
  const issued = (await harness().records.issuance.byCase(v.caseId))!;
  return { number: issued.number, code: verificationCode(v.caseId, issued.number), pdf: (await harness().blobs.get(issued.sha256))! };
}

describe('public pages in a browser: QR page, PDF check, contract register', function () {
  this.timeout(180_000);
  const web = freshPagePerTest();
  let permit: Awaited<ReturnType<typeof issuedPermit>>;

  before(async () => {
    permit = await issuedPermit();
  });

  it('a scanned QR code opens the page: valid, in Indonesian and in English, and no session cookie for a visitor who only looks', async () => {
    const { page } = web;
    await page.goto(verificationPath(permit.number, permit.code));
    expect(await page.locator('h1').innerText()).to.equal(ID['public.doc.title']);
    expect(await page.locator('[data-verdict]').innerText()).to.equal(ID['public.doc.verdict.valid']);
    expect(await page.locator('.summary-list').innerText()).to.include(permit.number).and.include('B*** S******');
    await expectOneLanguage(page, 'id');
    await checkPage(page, 'public-document-valid');

    await page.getByRole('link', { name: ID['layout.switchToLabel'] }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/v/'));
    expect(await page.locator('[data-verdict]').innerText()).to.equal(EN['public.doc.verdict.valid']);
    await expectOneLanguage(page, 'en');
    await checkPage(page, 'public-document-valid-en');
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).to.deep.equal(['sahkan_lang']);
  });

  it('the URL on certificates printed before the pages opens the same page', async () => {
    const { page } = web;
    await page.goto(`/api/v1/public/verify/${encodeURIComponent(permit.number)}?code=${permit.code}`);
    expect(new URL(page.url()).pathname).to.equal(verificationPath(permit.number));
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).to.equal('valid');
  });

  it('a revoked permit says so at once with its public reason', async () => {
    const { page } = web;
    const revoked = await issuedPermit();
    expect(await harness().records.issuance.changeStatus(revoked.number, 'revoked', 'catatan internal', new Date(), 'data_tidak_benar')).to.equal(true);
    await page.goto(verificationPath(revoked.number, revoked.code));
    expect(await page.locator('[data-verdict]').innerText()).to.equal(ID['public.doc.verdict.revoked']);
    expect(await page.locator('.summary-list').innerText()).to.include(ID['public.reason.data_tidak_benar']).and.not.include('catatan internal');
    await expectOneLanguage(page, 'id');
    await checkPage(page, 'public-document-revoked');
  });

  it('an unknown number is the 404 page', async () => {
    const { page } = web;
    const response = await page.goto('/v/503/9999/TIDAK/ADA');
    expect(response?.status()).to.equal(404);
    expect(await page.locator('h1').innerText()).to.equal(ID['error.notFound.title']);
    await checkPage(page, 'public-document-unknown');
  });

  it('the PDF check: the certificate is asli, a changed byte is diubah, a text file is an error next to the field', async () => {
    const { page } = web;
    await page.goto('/verifikasi');
    await checkPage(page, 'public-verify-form');
    await page.getByLabel(ID['public.verify.file']).setInputFiles({ name: 'izin.pdf', mimeType: 'application/pdf', buffer: permit.pdf });
    await submitUpload(page);
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).to.equal('valid');
    expect(await page.locator('[data-signature-verdict]').innerText()).to.equal(ID['public.verify.verdict.genuine']);
    await expectOneLanguage(page, 'id');
    await checkPage(page, 'public-verify-genuine');

    const tampered = Buffer.from(permit.pdf);
    const at = tampered.indexOf('Masa berlaku') > 0 ? tampered.indexOf('Masa berlaku') : 2000;
    tampered[at] = tampered[at]! ^ 0x01;
    await page.getByLabel(ID['public.verify.file']).setInputFiles({ name: 'izin.pdf', mimeType: 'application/pdf', buffer: tampered });
    await submitUpload(page);
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).to.equal('altered');
    expect(await page.locator('[data-signature-verdict]').innerText()).to.equal(ID['public.verify.verdict.altered']);
    await checkPage(page, 'public-verify-altered');

    await page.getByLabel(ID['public.verify.file']).setInputFiles({ name: 'catatan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bukan pdf') });
    await submitUpload(page);
    expect(await page.locator('.error-summary').innerText()).to.include(ID['public.verify.error.notPdf']);
    expect(await page.locator('.field-message').innerText()).to.equal(ID['public.verify.error.notPdf']);
    await checkPage(page, 'public-verify-error');
  });

  it('the contract register: search, pages and the CSV download', async () => {
    const { page } = web;
    const mark = `Peramban ${Date.now().toString(36)}`;
    for (let i = 1; i <= 3; i++) {
      await harness().records.issuance.register({
        number: `${String(i).padStart(3, '0')}/SP/WEB/XII/2026`,
        caseId: `browser-${mark}-${i}`,
        kind: 'contract',
        typeId: 'barang',
        title: `${mark} Pengadaan Meja ${i}`,
        holderName: `CV Meja Kokoh ${i}`,
        sha256: `${i}`.padStart(64, 'd'),
        issuedAt: new Date(Date.UTC(2026, 11, 2, 1, i)).toISOString(),
        signerName: 'Ir. Hendra Gunawan, M.T.',
        serial: '01',
      });
    }
    await page.goto('/register-kontrak');
    await page.getByLabel(ID['public.register.search']).fill(mark);
    await Promise.all([page.waitForURL('**/register-kontrak?cari=*'), page.getByRole('button', { name: ID['public.register.searchButton'] }).click()]);
    expect(await page.locator('tbody tr').count()).to.equal(3);
    expect(await page.locator('tbody tr').first().innerText()).to.include(`${mark} Pengadaan Meja 3`);
    await expectOneLanguage(page, 'id');
    await checkPage(page, 'public-register');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: ID['public.register.csv'] }).click()]);
    expect(download.suggestedFilename()).to.equal('register-kontrak.csv');
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.startsWith('\uFEFFNomor,Pekerjaan,Penyedia')).to.equal(true);
    expect(csv.trimEnd().split('\r\n')).to.have.length(4);

    await page.getByRole('link', { name: `001/SP/WEB/XII/2026` }).click();
    await page.waitForURL((url) => url.pathname === verificationPath('001/SP/WEB/XII/2026'));
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).to.equal('valid');
  });
});

import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';
import { SAMPLE_PDF, SAMPLE_PNG } from '../harness/sample-files';

/** Uploads are parsed in a child process and submissions start a workflow: on a busy 2-core machine that takes seconds. */
const SLOW = { timeout: 60_000 };

/** Fills the reklame form as a person does: labels, not names. */
async function fillReklame(page: Page): Promise<void> {
  await page.getByLabel('NIK').fill('6171010101900001');
  await page.getByLabel('Email').fill('budi@example.id');
  await page.getByLabel('Nomor telepon').fill('+62 812 5555 0101');
  await page.getByLabel('Alamat').fill('Jl. Gajah Mada No. 12, Pontianak');
  await page.getByLabel('Jenis reklame').selectOption('baliho');
  await page.getByLabel('Ukuran bidang reklame (m²)').fill('8,5');
  await page.getByLabel('Jumlah muka reklame').fill('1');
  await page.getByLabel('Lokasi / titik pemasangan').fill('Jl. Arteri Supadio Km 3, Sungai Raya');
  await page.getByLabel('Jangka waktu penyelenggaraan (bulan)').fill('6');
  await page.getByLabel('Naskah / isi reklame').fill('Toko Bangunan Maju Jaya');
  await page.locator('input[name="documents.ktp"]').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await page.locator('input[name="documents.design"]').setInputFiles({ name: 'desain.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
  await page.locator('input[name="documents.site_photo"]').setInputFiles({ name: 'lokasi.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
}

describe('applicant pages in chromium (axe, page problems, screenshots)', function () {
  // One story submits through uploads and a workflow start: minutes on a loaded 2-core machine.
  this.timeout(300_000);
  const web = freshPagePerTest();

  it('the catalogue and a permit type page load clean, in Indonesian and English', async () => {
    const page = web.page;
    await page.goto('/izin');
    await expect(await page.locator('h1').innerText()).to.equal('Jenis izin');
    await checkPage(page, 'applicant catalogue');
    await page.click('a[href="/izin/reklame"]');
    await expect(await page.locator('h1').innerText()).to.equal('Izin Penyelenggaraan Reklame');
    await checkPage(page, 'applicant permit type');
    await page.click('a.lang-switch');
    await expect(await page.locator('h1').innerText()).to.equal('Outdoor Advertising (Billboard) Permit');
    await checkPage(page, 'applicant permit type en');
  });

  it('refuses a too large file in the browser before sending, shows field errors, then submits through review to the answer and the case pages', async () => {
    const page = web.page;
    page.setDefaultTimeout(SLOW.timeout);
    await signIn(page, 'budi');
    await page.goto('/izin/reklame/ajukan');
    await checkPage(page, 'applicant form');

    // 3 MB for a 2 MB requirement: the message shows next to the field and the form is not sent.
    await page.locator('input[name="documents.ktp"]').setInputFiles({ name: 'besar.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(3 * 1024 * 1024, 0x20) });
    await expect(await page.locator('#f-documents-ktp-too-large').innerText()).to.contain('lebih besar dari 2 MB');
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST') posted++;
    });
    await page.click('[data-action="continue"]');
    await page.waitForTimeout(300);
    expect(posted).to.equal(0);
    expect(new URL(page.url()).pathname).to.equal('/izin/reklame/ajukan');

    // Bad input: the server's field errors, the summary first, what was typed kept.
    await page.locator('input[name="documents.ktp"]').setInputFiles([]);
    await page.getByLabel('Ukuran bidang reklame (m²)').fill('besar');
    await Promise.all([page.waitForURL('**/izin/reklame/ajukan', SLOW), page.click('[data-action="continue"]')]);
    await expect(await page.locator('.error-summary').innerText()).to.contain('Ada yang perlu diperbaiki');
    await expect(await page.locator('#f-fields-size_m2-error').innerText()).to.contain('Isi dengan angka');
    await expect(await page.getByLabel('Ukuran bidang reklame (m²)').inputValue()).to.equal('besar');
    await checkPage(page, 'applicant form errors');

    await fillReklame(page);
    await Promise.all([page.waitForURL('**/izin/reklame/ajukan/periksa', SLOW), page.click('[data-action="continue"]')]);
    await expect(await page.locator('h1').innerText()).to.equal('Periksa permohonan Anda');
    await checkPage(page, 'applicant review');

    await Promise.all([page.waitForURL('**/ajukan/terkirim/*', SLOW), page.click('[data-action="submit-application"]')]);
    const number = await page.locator('[data-registration-number]').innerText();
    expect(number).to.match(/^REG\/REK\/\d{4}\/\d{6}$/);
    await checkPage(page, 'applicant submitted');

    await Promise.all([page.waitForURL('**/permohonan/*', SLOW), page.click('[data-action="follow"]')]);
    await expect(await page.locator('.lead').first().innerText()).to.contain(number);
    await checkPage(page, 'applicant case');

    await page.goto('/permohonan');
    await expect(await page.locator('table').innerText()).to.contain(number);
    await checkPage(page, 'applicant my applications');

    await page.goto('/permohonan');
    await Promise.all([page.waitForURL('**/permohonan/*', SLOW), page.locator(`a:text("${number}")`).click()]);
    await Promise.all([page.waitForURL('**/tarik', SLOW), page.click('[data-action="withdraw"]')]);
    await checkPage(page, 'applicant withdraw confirmation');
    await page.getByLabel('Alasan penarikan').fill('Lokasi batal disewa');
    await Promise.all([page.waitForURL('**/permohonan/*?ditarik=1', SLOW), page.click('[data-action="confirm-withdraw"]')]);
    await expect(await page.locator('[data-status]').innerText()).to.equal('Dicabut pemohon');
    const caseId = new URL(page.url()).pathname.split('/')[2]!;
    expect((await harness().records.getCase(caseId))?.status).to.equal('withdrawn');
  });

  it("shows the 404 page for another applicant's case", async () => {
    const page = web.page;
    const submitted = await submit('reklame', 'budi');
    expect(submitted.status).to.equal(201);
    const caseId = submitted.body.id as string;
    await signIn(page, 'siti');
    const response = await page.goto(`/permohonan/${caseId}`);
    expect(response?.status()).to.equal(404);
    await expect(await page.locator('h1').innerText()).to.equal('Halaman tidak ditemukan');
    await checkPage(page, 'applicant another applicants case');
  });
});

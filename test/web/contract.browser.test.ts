import fs from 'node:fs';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { MESSAGES } from '../../web/i18n/messages';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { checkPage, newContext, screenshot, signIn } from '../harness/browser';
import { harness } from '../harness/harness';
import { foreignTexts, keyNamesShown, templatePairs, visibleTexts } from '../harness/page-language';
import type { TBilingual } from '../harness/page-language';
import { CONTRACT_FORM, decide, errorSummaryText, inputOf, openFromPagedList, openTaskFromInbox, submitAndWait, typeInto } from '../harness/page-steps';
import { until } from '../harness/until';

const ID = MESSAGES.id;
const EN = MESSAGES.en;

/** The page is in English: no catalogue key, no Indonesian text of the catalogues or the contract types; axe and a screenshot. */
async function expectEnglish(page: Page, name: string): Promise<void> {
  const sources: TBilingual[] = [MESSAGES, templatePairs([...harness().apiDeps.contractTypes.values()])];
  expect(await page.locator('html').getAttribute('lang'), page.url()).to.equal('en');
  const texts = await visibleTexts(page);
  expect(keyNamesShown(texts, Object.keys(MESSAGES.id)), `catalogue keys on ${page.url()}`).to.deep.equal([]);
  expect(foreignTexts(texts, 'en', sources), `Indonesian texts on ${page.url()}`).to.deep.equal([]);
  await checkPage(page, `${name} en`);
}

/** Reloads the contract page until `selector` shows (the workflow opens the next task a moment after a decision). */
async function waitOnCasePage(page: Page, caseId: string, selector: string): Promise<void> {
  await until(
    async () => {
      await page.goto(`/kontrak/${caseId}`);
      return (await page.locator(selector).count()) > 0;
    },
    `${selector} on /kontrak/${caseId}`,
    90_000,
  );
}

/** From the contract page to the viewer's open task of this kind. */
async function openMyTask(page: Page, caseId: string, kind: string): Promise<void> {
  await waitOnCasePage(page, caseId, `[data-my-tasks] [data-task-kind="${kind}"] a`);
  await submitAndWait(page, `[data-my-tasks] [data-task-kind="${kind}"] a`);
  expect(new URL(page.url()).pathname).to.match(/^\/tugas\//);
}

/** Signs the open sign task of this party with the development passphrase, on the task page. */
async function signOnTaskPage(page: Page, caseId: string, check: () => Promise<void>): Promise<void> {
  await openMyTask(page, caseId, 'sign');
  await check();
  await page.locator(inputOf('passphrase')).fill(DEV_SIGNER_PASSPHRASE);
  await submitAndWait(page, '#sign-form button[type="submit"]');
  await page.locator('[data-notice="signed"]').waitFor();
}

/** Downloads the signed contract from its page; answers the bytes. */
async function downloadSigned(page: Page, caseId: string): Promise<Buffer> {
  await page.goto(`/kontrak/${caseId}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-contract"]').click()]);
  return fs.readFileSync((await download.path())!);
}

/**
 * Issue 9 §5 and §8: a contract from draft to both signatures through the pages only. The PPK drafts (with bad
 * input first), legal approves from its inbox, the vendor proposes a higher price, the PPK reads the semula →
 * menjadi table and accepts, the vendor hands in the guarantee and signs, the PPK signs; both see it active and
 * download the signed PDF; another vendor gets the 404 page; the pages in English show no Indonesian.
 */
describe('a contract from draft to active through the pages (browser)', function () {
  this.timeout(600_000);
  const contexts: BrowserContext[] = [];
  const as = async (userId: string): Promise<Page> => {
    const context = await newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, userId);
    return page;
  };
  let ppk: Page;
  let vendor: Page;
  let caseId: string;
  let registrationNumber: string;

  before(async () => {
    ppk = await as('ppk');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') for (const [i, context] of contexts.entries()) for (const p of context.pages()) await screenshot(p, `failed-contract-${i}`).catch(() => undefined);
  });
  after(async () => {
    for (const context of contexts) await context.close();
  });

  it('the PPK drafts from the goods template: field errors by the fields, typed values kept, rows added without JavaScript', async () => {
    await ppk.goto('/kontrak');
    await checkPage(ppk, 'contracts list');
    await submitAndWait(ppk, '[data-action="new-contract"]');
    await checkPage(ppk, 'contract types');
    await submitAndWait(ppk, '[data-contract-type="barang"] a');
    expect(await ppk.locator('h1').innerText()).to.contain('Surat Perjanjian Pengadaan Barang');
    await checkPage(ppk, 'contract draft form');

    await typeInto(ppk, { ...CONTRACT_FORM, 'terms.title': '', 'terms.ppk.nip': '1978', 'terms.items.0.unitPrice': 'dua belas juta' });
    await submitAndWait(ppk, '[data-action="submit-contract"]');
    expect(await errorSummaryText(ppk)).to.contain(ID['form.errorSummary']);
    expect(await ppk.locator(`${inputOf('terms.title')}-error`).innerText()).to.equal(ID['contracts.error.required']);
    expect(await ppk.locator(`${inputOf('terms.ppk.nip')}-error`).innerText()).to.equal(ID['contracts.hint.nip']);
    expect(await ppk.locator(`${inputOf('terms.items.0.unitPrice')}-error`).innerText()).to.equal(ID['contracts.error.money']);
    expect(await ppk.locator(inputOf('terms.ppk.nip')).inputValue()).to.equal('1978');
    expect(await ppk.locator(inputOf('terms.items.0.unitPrice')).inputValue()).to.equal('dua belas juta');
    expect(await ppk.locator(inputOf('terms.vendor.npwp')).inputValue()).to.equal('01.234.567.8-901.234');
    await checkPage(ppk, 'contract draft form errors');

    // "Add rows" is a submit button: the form comes back with more blank rows and everything typed.
    expect(await ppk.locator(inputOf('terms.items.4.description')).count()).to.equal(0);
    await submitAndWait(ppk, '[data-action="add-row"]');
    expect(await ppk.locator(inputOf('terms.items.4.description')).count()).to.equal(1);
    expect(await ppk.locator(inputOf('terms.items.1.description')).inputValue()).to.equal('Printer laser A4');

    await typeInto(ppk, { 'terms.title': CONTRACT_FORM['terms.title']!, 'terms.ppk.nip': CONTRACT_FORM['terms.ppk.nip']!, 'terms.items.0.unitPrice': '12.500.000' });
    await ppk.locator(inputOf('terms.award.date')).fill(new Date().toISOString().slice(0, 10));
    await submitAndWait(ppk, '[data-action="submit-contract"]');
    const url = new URL(ppk.url());
    expect(url.pathname, await errorSummaryText(ppk)).to.match(/^\/kontrak\/[0-9a-f]+$/);
    caseId = url.pathname.split('/')[2]!;
    registrationNumber = (await ppk.locator('[data-registration-number]').getAttribute('data-registration-number'))!;
    expect(registrationNumber).to.match(/^REG\/BRG\/\d{4}\/\d{6}$/);
    expect(await ppk.locator('[data-status]').getAttribute('data-status')).to.equal('in_review');
    expect(await ppk.locator('[data-terms-value]').getAttribute('data-terms-value')).to.equal('138000000');
    await checkPage(ppk, 'contract case drafted');
  });

  it('legal approves from its inbox; the vendor proposes a higher price on the contract page', async () => {
    const hukum = await as('hukum');
    await openTaskFromInbox(hukum, registrationNumber, { jenis: 'barang' });
    await checkPage(hukum, 'contract task legal review');
    await decide(hukum, 'approve', 'Sesuai standar dokumen pemilihan');

    // The vendor works in English from here on: each of its pages is checked for Indonesian left over.
    vendor = await as('vendor-a');
    await vendor.goto('/kontrak');
    await submitAndWait(vendor, 'a.lang-switch');
    await expectEnglish(vendor, 'contracts list vendor');
    await openFromPagedList(vendor, `a[data-case="${caseId}"]`, registrationNumber);
    await waitOnCasePage(vendor, caseId, '[data-action="propose"]');
    await expectEnglish(vendor, 'contract case negotiation');
    await submitAndWait(vendor, '[data-action="propose"]');
    expect(await vendor.locator(inputOf('terms.items.0.unitPrice')).inputValue()).to.equal('12500000');
    await expectEnglish(vendor, 'contract proposal form');
    await typeInto(vendor, { 'terms.items.0.unitPrice': '13.500.000', 'terms.value': '' });
    await submitAndWait(vendor, '[data-action="submit-proposal"]');
    expect(await vendor.locator('[data-notice="proposed"]').count(), await errorSummaryText(vendor)).to.equal(1);
  });

  it('the PPK reads semula → menjadi and accepts on the task page; the vendor hands in the guarantee and signs; then the PPK signs', async () => {
    await waitOnCasePage(ppk, caseId, '[data-version="2"]');
    const change = ppk.locator('[data-version="2"] tr', { hasText: 'Harga satuan' });
    expect(await change.locator('[data-change="before"]').innerText()).to.match(/^Rp\s12\.500\.000$/);
    expect(await change.locator('[data-change="after"]').innerText()).to.match(/^Rp\s13\.500\.000$/);
    await checkPage(ppk, 'contract case with proposal');
    await openMyTask(ppk, caseId, 'ppk_review');
    await checkPage(ppk, 'contract task accept');
    await submitAndWait(ppk, '[data-action="accept-terms"]');
    await ppk.locator('[data-notice="decided"]').waitFor();

    await openMyTask(vendor, caseId, 'guarantee');
    await submitAndWait(vendor, '[data-action="submit-guarantee"]');
    expect(await vendor.locator(`${inputOf('comment')}-error`).innerText()).to.equal(EN['contracts.task.guaranteeRequired']);
    await expectEnglish(vendor, 'contract task guarantee');
    await vendor.locator(inputOf('comment')).fill('Jaminan Bank BPD Kalbar No. JP-2026-0042, Rp 7.400.000');
    await submitAndWait(vendor, '[data-action="submit-guarantee"]');
    await vendor.locator('[data-notice="decided"]').waitFor();

    await signOnTaskPage(vendor, caseId, () => expectEnglish(vendor, 'contract task sign vendor'));
    await signOnTaskPage(ppk, caseId, () => checkPage(ppk, 'contract task sign ppk'));
  });

  it('both parties see it active and download the signed PDF; another vendor gets the 404 page', async () => {
    for (const page of [ppk, vendor]) {
      await waitOnCasePage(page, caseId, '[data-status="active"]');
      expect(await page.locator('[data-status]').innerText()).to.contain(page === ppk ? ID['status.active'] : EN['status.active']);
      const pdf = await downloadSigned(page, caseId);
      expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
      expect(pdf.toString('latin1').match(/\/ByteRange/g)?.length ?? 0).to.be.at.least(2);
    }
    await checkPage(ppk, 'contract case active');
    expect((await harness().records.getCase(caseId))?.status).to.equal('active');

    const other = await as('vendor-b');
    const response = await other.goto(`/kontrak/${caseId}`);
    expect(response?.status()).to.equal(404);
    expect(await other.locator('h1').innerText()).to.equal(ID['error.notFound.title']);
    await checkPage(other, 'contract another vendor 404');
  });

  it('in English, the PPK’s contract pages show no catalogue key and no Indonesian text', async () => {
    await ppk.goto(`/kontrak/${caseId}`);
    await submitAndWait(ppk, 'a.lang-switch');
    await expectEnglish(ppk, 'contract case active');
    await ppk.goto('/kontrak');
    await expectEnglish(ppk, 'contracts list');
    await ppk.goto('/kontrak/baru');
    await expectEnglish(ppk, 'contract types');
    await ppk.goto('/kontrak/baru/barang');
    await expectEnglish(ppk, 'contract draft form');
    await typeInto(ppk, { 'terms.ppk.nip': '12', 'terms.items.0.quantity': 'ten' });
    await submitAndWait(ppk, '[data-action="submit-contract"]');
    expect(await ppk.locator(`${inputOf('terms.items.0.quantity')}-error`).innerText()).to.equal(EN['contracts.error.number']);
    await expectEnglish(ppk, 'contract draft form errors');
    await submitAndWait(ppk, 'a.lang-switch');
  });
});

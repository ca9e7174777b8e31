import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, newContext, signIn } from '../harness/browser';
import { harness } from '../harness/harness';
import { fillReklameForm, inputOf, openReklameForm, pdfFile, submitAndWait, typeInto } from '../harness/page-steps';
import { foreignTexts, keyNamesShown, templatePairs, visibleTexts } from '../harness/page-language';
import type { TBilingual } from '../harness/page-language';

const EN = MESSAGES.en;
const KEYS = Object.keys(MESSAGES.id);

/**
 * Issue 9 §8: the English switch changes every visible string. Each page type, in English after the switch:
 * no catalogue key and no Indonesian text of the catalogues or the templates on it; axe and a screenshot each.
 * The case pages come from an application made in English through the pages.
 */
describe('the English switch on every page type (browser)', function () {
  this.timeout(240_000);
  let context: BrowserContext;
  let page: Page;
  let sources: TBilingual[];

  async function expectEnglish(name: string) {
    expect(await page.locator('html').getAttribute('lang'), page.url()).to.equal('en');
    const texts = await visibleTexts(page);
    expect(keyNamesShown(texts, KEYS), `catalogue keys on ${page.url()}`).to.deep.equal([]);
    expect(foreignTexts(texts, 'en', sources), `Indonesian texts on ${page.url()}`).to.deep.equal([]);
    await checkPage(page, `${name}-en`);
  }

  before(async () => {
    sources = [MESSAGES, templatePairs([...harness().catalog.values()]), templatePairs([...harness().apiDeps.contractTypes.values()])];
    context = await newContext();
    page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: MESSAGES.id['layout.switchToLabel'] }).click();
    await page.waitForFunction(`document.documentElement.lang === 'en'`);
  });
  after(async () => context?.close());

  it('public pages: home, sign-in, permit catalogue and type, verification upload and result, contract register, 404', async () => {
    await expectEnglish('home');
    await page.goto('/masuk');
    await expectEnglish('sign-in');
    await page.goto('/izin');
    await expectEnglish('catalogue');
    await page.goto('/izin/reklame');
    await expectEnglish('permit-type');
    await page.goto('/verifikasi');
    await expectEnglish('verify-upload');
    await page.locator(inputOf('file')).setInputFiles(pdfFile('unsigned.pdf'));
    await submitAndWait(page, 'form[action="/verifikasi"] button[type="submit"]');
    await page.locator('[data-verdict]').waitFor();
    await expectEnglish('verify-result');
    await page.goto('/register-kontrak');
    await expectEnglish('contract-register');
    const missing = await page.goto('/v/503/9999/REK/DPMPTSP/XII/1999');
    expect(missing?.status()).to.equal(404);
    await expectEnglish('public-document-unknown');
  });

  it('the applicant’s pages: form with errors, review, answer, my applications, the case, withdrawal', async () => {
    await signIn(page, 'siti');
    await openReklameForm(page);
    await expectEnglish('applicant-form');
    await typeInto(page, { 'applicant.nik': '123', 'fields.size_m2': 'eight' });
    await submitAndWait(page, '[data-action="continue"]');
    expect(await page.locator(`${inputOf('applicant.nik')}-error`).innerText()).to.equal(EN['applicant.error.nik']);
    await expectEnglish('applicant-form-errors');
    await fillReklameForm(page);
    await submitAndWait(page, '[data-action="continue"]');
    await expectEnglish('applicant-review');
    await submitAndWait(page, '[data-action="submit-application"]');
    expect(await page.locator('[data-registration-number]').innerText()).to.match(/^REG\/REK\//);
    await expectEnglish('applicant-submitted');
    await submitAndWait(page, '[data-action="follow"]');
    await expectEnglish('applicant-case');
    await submitAndWait(page, '[data-action="withdraw"]');
    await expectEnglish('applicant-withdraw');
    await page.goto('/permohonan');
    await expectEnglish('my-applications');
  });
});

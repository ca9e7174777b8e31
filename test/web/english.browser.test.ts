import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { MESSAGES } from '../../web/i18n/messages';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { checkPage, newContext, signIn } from '../harness/browser';
import { decideAll, openTasks, startPermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { fillReklameForm, inputOf, openFromPagedList, openReklameForm, openTaskFromInbox, pdfFile, submitAndWait, typeInto } from '../harness/page-steps';
import { until } from '../harness/until';
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
  let signedCaseId: string;

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

  it('public pages: home, sign-in, permit catalogue and type, verification upload and result, contract register, tracking, 404', async () => {
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
    await page.goto('/lacak');
    await expectEnglish('tracking');
    await typeInto(page, { number: 'REG/REK/1999/999999', pin: '12' });
    await submitAndWait(page, '[data-action="track"]');
    expect(await page.locator(`${inputOf('pin')}-error`).innerText()).to.equal(EN['tracking.error.pin']);
    await expectEnglish('tracking-errors');
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

  it('the reviewers’ and signer’s pages: inbox, task page with the decision form and its errors, signing form, a wrong passphrase, the signed result', async () => {
    // Cases made on the workflow directly: this test checks the pages' language, the stories go through the pages.
    const review = await startPermit('reklame');
    let signing = await startPermit('reklame');
    while (signing.status === 'in_review') signing = await decideAll(signing.caseId, 'approve');
    expect(openTasks(signing).map((t) => t.kind)).to.deep.equal(['sign']);

    const listed = (caseId: string, kind: string) =>
      until(async () => (await harness().records.listTasksForCase(caseId)).some((t) => t.kind === kind && t.status === 'open'), `the ${kind} task in the store`);
    await listed(review.caseId, 'review');
    await listed(signing.caseId, 'sign');

    await signIn(page, 'rahmat');
    await page.goto(`/tugas?q=${encodeURIComponent(review.registrationNumber!)}`);
    await expectEnglish('inbox');
    await openTaskFromInbox(page, review.registrationNumber!);
    await expectEnglish('task-decision');
    await page.locator('#outcome-request_changes').check();
    await submitAndWait(page, '#decision-form button[type="submit"]');
    expect(await page.locator(`${inputOf('comment')}-error`).innerText()).to.equal(EN['tasks.decision.commentRequired.permit']);
    await expectEnglish('task-decision-errors');

    await signIn(page, 'kepala');
    await openTaskFromInbox(page, signing.registrationNumber!);
    await expectEnglish('task-sign');
    await page.locator(inputOf('passphrase')).fill('not-this-one');
    await submitAndWait(page, '#sign-form button[type="submit"]');
    expect(await page.locator(`${inputOf('passphrase')}-error`).innerText()).to.equal(EN['tasks.sign.wrongPassphrase']);
    await expectEnglish('task-sign-wrong-passphrase');
    await page.locator(inputOf('passphrase')).fill(DEV_SIGNER_PASSPHRASE);
    await submitAndWait(page, '#sign-form button[type="submit"]');
    expect(await page.locator('[data-notice]').getAttribute('data-notice')).to.equal('signed');
    await expectEnglish('task-signed');
    signedCaseId = signing.caseId;
  });

  it('the administrators’ pages: dashboard, case list, revocation with its errors, confirmation and answer', async () => {
    expect(signedCaseId, 'the permit signed by the test above').to.be.a('string');
    const issued = await until(() => harness().records.issuance.byCase(signedCaseId), 'the signed permit in the register');
    await signIn(page, 'admin');
    await page.goto('/dasbor');
    await page.locator('[data-chart="onTime"] canvas').waitFor();
    await expectEnglish('admin-dashboard');
    await page.goto('/dasbor/kasus?status=issued&jenis=reklame');
    await expectEnglish('admin-case-list');
    await openFromPagedList(page, 'a[href$="/pencabutan"]', issued.number);
    await expectEnglish('admin-revocation');
    await submitAndWait(page, 'form:has(input[name="langkah"][value="periksa"]) button[type="submit"]');
    await page.locator('.error-summary').waitFor();
    await expectEnglish('admin-revocation-errors');
    await page.locator(inputOf('reasonCode')).selectOption('data_tidak_benar');
    await page.locator(inputOf('reason')).fill('The site is on the road reserve; the application said otherwise.');
    await submitAndWait(page, 'form:has(input[name="langkah"][value="periksa"]) button[type="submit"]');
    await expectEnglish('admin-revocation-confirm');
    await submitAndWait(page, 'button[name="langkah"][value="konfirmasi"]');
    expect(new URL(page.url()).search).to.equal('?selesai=1');
    await expectEnglish('admin-revocation-done');
  });
});

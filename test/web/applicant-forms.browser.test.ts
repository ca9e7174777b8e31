import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, newContext, signIn } from '../harness/browser';
import { fillReklameForm, inputOf, openReklameForm, pdfFile, pngFile, REKLAME_INPUT, reviewAndSubmit, submitAndWait, typeInto } from '../harness/page-steps';

const ID = MESSAGES.id;

/** Each input of these paths is marked invalid, has its message beside it, and the summary links to it. */
async function expectFieldErrors(page: Page, paths: string[]) {
  const summaryLinks = await page.locator('[data-error-summary] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const path of paths) {
    const input = page.locator(inputOf(path));
    expect(await input.getAttribute('aria-invalid'), path).to.equal('true');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    const messageId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(messageId, `${path}: aria-describedby="${describedBy}"`).to.be.a('string');
    expect((await page.locator(`#${messageId}`).innerText()).trim(), path).to.not.equal('');
    expect(summaryLinks, path).to.include(inputOf(path));
  }
}

/**
 * Issue 9 §8 for the applicant's forms: bad input shows field errors and keeps what was typed; the draft
 * survives a reload; another applicant's case is a 404 page; withdrawal asks first and checks its reason.
 * One application, through the pages only, serves the steps in order.
 */
describe('applicant forms: bad input, drafts, other people’s cases, withdrawal (browser)', function () {
  this.timeout(180_000);
  let budi: BrowserContext;
  let page: Page;
  let caseUrl = '';
  let registrationNumber = '';

  before(async () => {
    budi = await newContext();
    page = await budi.newPage();
    await signIn(page, 'budi');
  });
  after(async () => budi?.close());

  it('the application form: every bad field gets its error beside it, linked from the summary; what was typed stays', async () => {
    await openReklameForm(page);
    const bad = {
      'applicant.nik': '12345',
      'applicant.email': 'bukan-email',
      'fields.size_m2': 'delapan',
      'fields.face_count': '9',
      'fields.location': 'Pendek',
      'fields.duration_months': '6',
      'fields.ad_text': 'Toko Bangunan Maju Jaya',
      'applicant.phone': REKLAME_INPUT['applicant.phone'],
      'applicant.address': REKLAME_INPUT['applicant.address'],
    };
    await typeInto(page, bad);
    await page.locator(inputOf('fields.billboard_type')).selectOption('neon_box');
    await page.locator(inputOf('documents.ktp')).setInputFiles(pdfFile('ktp.pdf'));
    // Called .pdf, but not a PDF: refused by content.
    await page.locator(inputOf('documents.design')).setInputFiles({ name: 'desain.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bukan PDF sama sekali') });
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 90_000 }), page.locator('[data-action="continue"]').click()]);
    expect(response.status()).to.equal(400);
    await page.waitForLoadState('load');

    await expectFieldErrors(page, ['applicant.nik', 'applicant.email', 'fields.size_m2', 'fields.face_count', 'fields.location', 'documents.design', 'documents.site_photo']);
    expect(await page.locator(`${inputOf('applicant.nik')}-error`).innerText()).to.equal(ID['applicant.error.nik']);
    expect(await page.locator(`${inputOf('documents.site_photo')}-error`).innerText()).to.equal(ID['applicant.error.fileRequired']);
    expect(await page.locator(`${inputOf('documents.design')}-error`).innerText()).to.equal(ID['applicant.error.fileUnreadable']);
    for (const [path, typed] of Object.entries(bad)) expect(await page.locator(inputOf(path)).inputValue(), path).to.equal(typed);
    expect(await page.locator(inputOf('fields.billboard_type')).inputValue()).to.equal('neon_box');
    // The good upload is kept with the draft: named, and now optional to replace.
    expect(await page.locator(`${inputOf('documents.ktp')}-hint`).innerText()).to.include('ktp.pdf');
    // The summary has focus first, and each of its links takes the keyboard to its field.
    expect(await page.evaluate<boolean>(`document.activeElement === document.querySelector('[data-error-summary]')`)).to.equal(true);
    await page.locator(`[data-error-summary] a[href="${inputOf('fields.size_m2')}"]`).click();
    expect(await page.evaluate<string>('document.activeElement.id')).to.equal(inputOf('fields.size_m2').slice(1));
    await checkPage(page, 'applicant-form-errors');
  });

  it('the corrected draft is saved and survives a reload, then goes through review to submission', async () => {
    await fillReklameForm(page);
    await submitAndWait(page, '[data-action="save-draft"]');
    expect(await page.locator('.notice-success[role="status"]').innerText()).to.equal(ID['applicant.form.saved']);
    await page.goto('/izin/reklame/ajukan');
    for (const [path, typed] of Object.entries(REKLAME_INPUT)) expect(await page.locator(inputOf(path)).inputValue(), path).to.equal(typed);
    expect(await page.locator(inputOf('fields.billboard_type')).inputValue()).to.equal('baliho');
    expect(await page.locator(`${inputOf('documents.design')}-hint`).innerText()).to.include('desain.png');
    // The wrong design goes with its "remove" button; what was typed stays; another file takes its place.
    await submitAndWait(page, '[data-action="remove-upload"][data-document="design"]');
    expect(await page.locator('.notice-success[role="status"]').innerText()).to.equal(ID['applicant.form.removed']);
    expect(await page.locator(`${inputOf('documents.design')}-hint`).innerText()).to.not.include('desain.png');
    expect(await page.locator(inputOf('fields.location')).inputValue()).to.equal(REKLAME_INPUT['fields.location']);
    await checkPage(page, 'applicant-form-upload-removed');
    await page.locator(inputOf('documents.design')).setInputFiles(pngFile('desain-2.png'));
    registrationNumber = await reviewAndSubmit(page);
    await submitAndWait(page, '[data-action="follow"]');
    caseUrl = new URL(page.url()).pathname;
  });

  it('another applicant gets the 404 page for this case, its withdrawal and its certificate, and never sees it listed', async () => {
    const siti = await newContext();
    try {
      const other = await siti.newPage();
      await signIn(other, 'siti');
      for (const address of [caseUrl, `${caseUrl}/tarik`, `${caseUrl}/sertifikat.pdf`]) {
        const response = await other.goto(address);
        expect(response?.status(), address).to.equal(404);
        expect(await other.locator('h1').innerText(), address).to.equal(ID['error.notFound.title']);
        expect(await other.content(), address).to.not.include(registrationNumber);
      }
      await checkPage(other, 'not-found-other-applicant');
      await other.goto('/permohonan');
      expect(await other.locator('main').innerText()).to.not.include(registrationNumber);
    } finally {
      await siti.close();
    }
  });

  it('withdrawal asks for confirmation; a reason with hidden control characters is refused at the field and kept', async () => {
    await page.goto(caseUrl);
    await submitAndWait(page, '[data-action="withdraw"]');
    expect(new URL(page.url()).pathname).to.equal(`${caseUrl}/tarik`);
    await checkPage(page, 'applicant-withdraw');
    const hidden = 'Salah memilih jenis izin \u202Eteks terbalik';
    await page.locator(inputOf('reason')).fill(hidden);
    await submitAndWait(page, '[data-action="confirm-withdraw"]');
    await expectFieldErrors(page, ['reason']);
    expect(await page.locator(inputOf('reason')).inputValue()).to.equal(hidden);
    await page.goto(caseUrl);
    expect(await page.locator('[data-status]').getAttribute('data-status')).to.equal('in_review'); // nothing withdrawn yet

    await page.goto(`${caseUrl}/tarik`);
    await page.locator(inputOf('reason')).fill('Salah memilih jenis izin');
    await submitAndWait(page, '[data-action="confirm-withdraw"]');
    expect(await page.locator('[data-status]').getAttribute('data-status')).to.equal('withdrawn');
    expect(await page.locator('[data-action="withdraw"]').count()).to.equal(0);
  });
});

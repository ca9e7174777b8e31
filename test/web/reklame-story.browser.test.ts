import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, newContext, screenshot, signIn } from '../harness/browser';
import { decide, errorSummaryText, fillReklameForm, inputOf, openFromPagedList, openReklameForm, openTaskFromInbox, reviewAndSubmit, submitAndWait } from '../harness/page-steps';

const ID = MESSAGES.id;

/** Reloads the page until `selector` shows: what a person does while the office's system catches up. */
async function reloadUntil(page: Page, selector: string, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if ((await page.locator(selector).count()) > 0) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await page.waitForTimeout(500);
    await page.reload({ waitUntil: 'domcontentloaded' });
  }
}

/**
 * The inbox until the case's task shows there (the next stage's tasks are opened by the workflow a moment after
 * the decision that ends a stage), then its task page.
 */
async function openTaskWhenListed(page: Page, registrationNumber: string, ms = 60_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await openTaskFromInbox(page, registrationNumber);
    } catch (err) {
      if (Date.now() > end) throw err;
      await page.waitForTimeout(500);
    }
  }
}

/**
 * Issue 9 §8, the reklame story through the pages only (no JSON API call, not even to find a task): Budi applies
 * with uploads; the completeness check and the two parallel technical reviews decide in their inboxes, Bapenda
 * asks for changes; Budi reads the comment and revises on his case page; the reviews go on; the head of office
 * approves and signs with his passphrase; Budi downloads the certificate and opens its public page (valid); an
 * administrator revokes it and the public page says so. Every person has their own browser.
 */
describe('the reklame story through the pages, from application to revocation (browser)', function () {
  // Many workflow updates, uploads and a signature on a loaded 2-core machine.
  this.timeout(600_000);
  const contexts: BrowserContext[] = [];
  let registrationNumber: string;
  let caseUrl: string;
  let certificateNumber: string;
  let publicUrl: string;

  /** The browser of one person (their own context), signed in through the development sign-in page at first use. */
  const people = new Map<string, Promise<Page>>();
  async function as(userId: string): Promise<Page> {
    if (!people.has(userId)) {
      people.set(
        userId,
        (async () => {
          const context = await newContext();
          contexts.push(context);
          const page = await context.newPage();
          await signIn(page, userId);
          return page;
        })(),
      );
    }
    const page = await people.get(userId)!;
    await page.bringToFront(); // the person at their screen now
    return page;
  }
  const budi = () => as('budi');

  afterEach(async function () {
    // A failed step leaves a screenshot of every person's page (`failed-story-<step>-<n>`).
    if (this.currentTest?.state !== 'failed') return;
    const pages = contexts.flatMap((context) => context.pages());
    for (const [n, page] of pages.entries()) await screenshot(page, `failed-story-${this.currentTest.title.slice(0, 40)}-${n}`).catch(() => undefined);
  });
  after(async () => {
    for (const context of contexts) await context.close();
  });

  /** A reviewer finds the case's task in the inbox by its number and decides it on the task page. */
  async function review(userId: string, outcome: 'approve' | 'request_changes', comment = '', check?: string): Promise<Page> {
    const page = await as(userId);
    await openTaskWhenListed(page, registrationNumber);
    expect(await page.locator('main').innerText()).to.contain(registrationNumber);
    if (check) await checkPage(page, check);
    await decide(page, outcome, comment);
    expect(await page.locator('[data-notice]').getAttribute('data-notice'), await errorSummaryText(page)).to.equal('decided');
    return page;
  }

  it('Budi applies: the form with uploads, the review page, and the registration number on the answer and his case page', async () => {
    const page = await budi();
    await openReklameForm(page);
    await fillReklameForm(page);
    registrationNumber = await reviewAndSubmit(page);
    await submitAndWait(page, '[data-action="follow"]');
    caseUrl = new URL(page.url()).pathname;
    expect(caseUrl).to.match(/^\/permohonan\/[^/]+$/);
    expect(await page.locator('.lead').first().innerText()).to.contain(registrationNumber);
  });

  it('the completeness check (Rahmat) finds the task in his inbox by the number and approves it', async () => {
    const page = await as('rahmat');
    await page.goto('/tugas');
    await page.locator(inputOf('q')).fill(registrationNumber);
    await submitAndWait(page, 'form.filters button[type="submit"]');
    await reloadUntil(page, 'li[data-task-id]', 'the completeness task');
    expect(await page.locator('li[data-task-id]').count()).to.equal(1);
    expect(await page.locator('li[data-task-id]').innerText()).to.contain(registrationNumber);
    expect(await page.locator(inputOf('q')).inputValue()).to.equal(registrationNumber);
    await checkPage(page, 'story-inbox-search');
    await openTaskFromInbox(page, registrationNumber);
    await checkPage(page, 'story-task-completeness');
    await decide(page, 'approve');
    expect(await page.locator('[data-notice]').getAttribute('data-notice')).to.equal('decided');
    await checkPage(page, 'story-task-decided');
  });

  it('the parallel technical reviews: Public Works (Agus) approves, Bapenda (Wulan) asks for changes with a comment', async () => {
    await review('agus', 'approve', '', 'story-task-technical');
    await review('wulan', 'request_changes', 'Ukuran bidang reklame pada formulir (8 m²) tidak sesuai desain: mohon ubah menjadi 6 m².');
  });

  it('Budi reads the comment on his case page and sends a revision there', async () => {
    const page = await budi();
    await page.goto(caseUrl);
    await reloadUntil(page, '[data-reviewer-comment]', 'the reviewer’s comment');
    expect(await page.locator('[data-status]').getAttribute('data-status')).to.equal('changes_requested');
    expect(await page.locator('[data-reviewer-comment]').innerText()).to.contain('mohon ubah menjadi 6 m²');
    expect(await page.locator(inputOf('fields.size_m2')).inputValue()).to.equal('8');
    await checkPage(page, 'story-case-changes-requested');
    await page.locator(inputOf('fields.size_m2')).fill('6');
    await page.locator('#revision-form').locator(inputOf('comment')).fill('Ukuran sudah disesuaikan dengan desain.');
    await submitAndWait(page, '[data-action="submit-revision"]');
    expect(new URL(page.url()).search, await errorSummaryText(page)).to.equal('?diperbaiki=1');
    expect(await page.locator('[data-status]').getAttribute('data-status')).to.equal('in_review');
    expect(await page.locator('[data-reviewer-comment]').count()).to.equal(0);
  });

  it('the technical reviews go on with the revised data and approve; the head of office approves', async () => {
    const agus = await review('agus', 'approve');
    // The task page shows the revised size and the earlier request with its comment.
    expect(await agus.locator('main').innerText()).to.contain('mohon ubah menjadi 6 m²');
    await review('wulan', 'approve');
    await review('kepala', 'approve', '', 'story-task-approval');
  });

  it('the head of office signs on the signing page with his passphrase: a wrong one first, then the right one', async () => {
    const page = await as('kepala');
    await openTaskWhenListed(page, registrationNumber);
    const passphrase = page.locator(inputOf('passphrase'));
    expect(await passphrase.getAttribute('type')).to.equal('password');
    await checkPage(page, 'story-task-sign');
    await passphrase.fill('bukan-frasa-ini');
    await submitAndWait(page, '#sign-form button[type="submit"]');
    expect(await page.locator(`${inputOf('passphrase')}-error`).innerText()).to.equal(ID['tasks.sign.wrongPassphrase']);
    await page.locator(inputOf('passphrase')).fill(DEV_SIGNER_PASSPHRASE);
    await submitAndWait(page, '#sign-form button[type="submit"]');
    expect(await page.locator('[data-notice]').getAttribute('data-notice'), await errorSummaryText(page)).to.equal('signed');
    await reloadUntil(page, '[data-signed-result] a[href$="/sertifikat.pdf"]', 'the issued certificate');
    await checkPage(page, 'story-task-signed');
  });

  it('Budi downloads the certificate from his case page: a signed PDF with both numbers', async () => {
    const page = await budi();
    await page.goto(caseUrl);
    await reloadUntil(page, '[data-action="download-certificate"]', 'the certificate on the case page');
    expect(await page.locator('[data-status]').getAttribute('data-status')).to.equal('issued');
    certificateNumber = (await page.locator('[data-certificate-number]').getAttribute('data-certificate-number'))!;
    expect(certificateNumber).to.match(/\/REK\//);
    await checkPage(page, 'story-case-issued');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-certificate"]').click()]);
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.length).to.be.greaterThan(10_000);
    expect(pdf.toString('latin1')).to.match(/\/SubFilter\s*\/ETSI\.CAdES\.detached/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).to.contain(certificateNumber).and.contain(registrationNumber);
  });

  it('the case page links the public page of the QR code, which says the permit is valid', async () => {
    const page = await budi();
    await page.goto(caseUrl);
    await submitAndWait(page, '[data-action="verify-certificate"]');
    publicUrl = page.url();
    expect(new URL(publicUrl).pathname).to.match(/^\/v\//);
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).to.equal('valid');
    expect(await page.locator('[data-verdict]').innerText()).to.equal(ID['public.doc.verdict.valid']);
    expect(await page.locator('main').innerText()).to.contain(certificateNumber);
    await checkPage(page, 'story-public-valid');
  });

  it('an administrator finds the permit in the case list and revokes it in two steps', async () => {
    const page = await as('admin');
    await page.goto('/dasbor');
    await checkPage(page, 'story-admin-dashboard');
    await page.goto('/dasbor/kasus');
    await page.locator(inputOf('status')).selectOption('issued');
    await page.locator(inputOf('jenis')).selectOption('reklame');
    await submitAndWait(page, 'form.filters button[type="submit"]');
    await checkPage(page, 'story-admin-case-list');
    await openFromPagedList(page, 'a[href$="/pencabutan"]', certificateNumber);
    expect(new URL(page.url()).pathname).to.match(/^\/dasbor\/kasus\/[^/]+\/pencabutan$/);
    await checkPage(page, 'story-admin-revocation');
    await page.locator(inputOf('reasonCode')).selectOption('data_tidak_benar');
    await page.locator(inputOf('reason')).fill('Titik lokasi berada di ruang milik jalan; keterangan pemohon tidak benar.');
    await submitAndWait(page, 'form:has(input[name="langkah"][value="periksa"]) button[type="submit"]');
    await checkPage(page, 'story-admin-revocation-confirm');
    await submitAndWait(page, 'button[name="langkah"][value="konfirmasi"]');
    expect(new URL(page.url()).search).to.equal('?selesai=1');
    expect(await page.locator('[role="status"]').innerText()).to.contain(certificateNumber);
  });

  it('the public page of the QR code now says revoked, with the public reason; Budi’s case page says so too', async () => {
    const page = await budi();
    await page.goto(publicUrl);
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).to.equal('revoked');
    expect(await page.locator('[data-verdict]').innerText()).to.equal(ID['public.doc.verdict.revoked']);
    expect(await page.locator('main').innerText()).to.contain(ID['public.reason.data_tidak_benar']).and.not.contain('ruang milik jalan');
    await checkPage(page, 'story-public-revoked');
    await page.goto(caseUrl);
    expect(await page.locator('[data-certificate-revoked]').innerText()).to.equal(ID['applicant.case.certificateRevoked']);
  });
});

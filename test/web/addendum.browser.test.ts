import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { MESSAGES } from '../../web/i18n/messages';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { checkPage, newContext, screenshot, signIn } from '../harness/browser';
import { activeContract } from '../harness/contracts';
import { harness } from '../harness/harness';
import { foreignTexts, keyNamesShown, templatePairs, visibleTexts } from '../harness/page-language';
import { decide, errorSummaryText, inputOf, openTaskFromInbox, submitAndWait, typeInto } from '../harness/page-steps';
import { until } from '../harness/until';

const ID = MESSAGES.id;
const JUSTIFICATION = 'Penambahan volume komputer karena pembukaan gerai layanan baru di Kecamatan Rasau Jaya';
const EXCEPTION = 'Keadaan darurat layanan: lonjakan permohonan perizinan pascabencana banjir';

/**
 * Issue 9 §5, addenda through the pages: on an active contract (made through the JSON API: the contract's own
 * story is another suite's), the PPK files an addendum under the cap, legal approves it on its task page, both
 * parties sign, it shows issued with its signed PDF; a second addendum above the cap shows the explanation, takes
 * the exception path (legal, then the head of office) — that one in English, with no untranslated string.
 */
describe('pages: contract addenda under the 10% rule (browser)', function () {
  this.timeout(360_000);
  let contractId: string;
  const people: Record<string, { context: BrowserContext; page: Page }> = {};

  /** One browser context per person, signed in once. */
  async function as(user: string): Promise<Page> {
    if (!people[user]) {
      const context = await newContext();
      const page = await context.newPage();
      await signIn(page, user);
      people[user] = { context, page };
    }
    return people[user].page;
  }

  before(async () => {
    contractId = await activeContract(); // 10 computers at 13.5 million and 4 printers: 148 million as signed
  });
  after(async () => {
    for (const { context } of Object.values(people)) await context.close();
  });

  /** On the addendum page: reloads until its status is `status`. */
  async function waitForStatus(page: Page, status: string): Promise<void> {
    await until(async () => {
      await page.reload({ waitUntil: 'domcontentloaded' });
      return (await page.locator(`[data-addendum-status="${status}"]`).count()) > 0;
    }, `addendum status ${status}`, 60_000);
  }

  /** After proposing: the addendum's page (reloaded while the addendum is still being registered). */
  async function waitForAddendumPage(page: Page): Promise<void> {
    await until(async () => {
      if ((await page.locator('[data-registration-number]').count()) > 0) return true;
      expect(await page.locator('[data-addendum-pending]').count(), await errorSummaryText(page)).to.equal(1);
      await page.reload({ waitUntil: 'domcontentloaded' });
      return false;
    }, 'the addendum page', 60_000);
  }

  /** The reviewer finds the addendum's task by its registration number, reads the addendum from the link, decides. */
  async function approveOnTaskPage(user: string, registrationNumber: string, screenshot: string): Promise<void> {
    const page = await as(user);
    const taskId = await openTaskFromInbox(page, registrationNumber);
    const link = page.locator('[data-addendum-link] a');
    await Promise.all([page.waitForURL(/\/adendum\//, { waitUntil: 'domcontentloaded' }), link.click()]);
    expect(await page.locator('[data-changes] table').count()).to.equal(1);
    expect(await page.locator(`[data-task-id="${taskId}"] a[href="/tugas/${taskId}"]`).count(), 'the addendum page links back to the task').to.equal(1);
    await Promise.all([page.waitForURL(`**/tugas/${taskId}`, { waitUntil: 'domcontentloaded' }), page.locator(`a[href="/tugas/${taskId}"]`).click()]);
    await checkPage(page, screenshot);
    await decide(page, 'approve', 'Sesuai ketentuan');
  }

  /** Each party signs the addendum on its sign task, in whatever order the type asks. */
  async function bothSign(registrationNumber: string): Promise<void> {
    let signed = 0;
    for (let round = 0; signed < 2; round++) {
      if (round >= 30) throw new Error(`only ${signed} of 2 signatures on ${registrationNumber}`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      for (const user of ['vendor-a', 'ppk']) {
        const page = await as(user);
        let taskId: string;
        try {
          taskId = await openTaskFromInbox(page, registrationNumber);
        } catch {
          continue;
        }
        expect(page.url()).to.contain(`/tugas/${taskId}`);
        // The signer sees the addendum as it will be signed (its draft, no number yet).
        const preview = await page.request.get(`/tugas/${taskId}/pratinjau.pdf`);
        expect(preview.status()).to.equal(200);
        expect(preview.headers()['content-type']).to.equal('application/pdf');
        // The framed preview first: a form sent while the PDF viewer still loads may never navigate.
        await page.waitForLoadState('load', { timeout: 90_000 });
        if (signed === 0) await checkPage(page, `addendum-sign-${registrationNumber.split('/').at(-1)}`);
        await page.locator(inputOf('passphrase')).fill(DEV_SIGNER_PASSPHRASE);
        // Enter in the passphrase sends the form (no click through the framed PDF viewer's hit area).
        await Promise.all([page.waitForEvent('domcontentloaded', { timeout: 90_000 }), page.locator(inputOf('passphrase')).press('Enter')]).catch(async (err: Error) => {
          await screenshot(page, `failed-addendum-sign-${user}`);
          throw new Error(`${user} signing ${registrationNumber} at ${page.url()}: ${err.message}`);
        });
        await page.locator('[data-notice="signed"]').waitFor();
        signed++;
      }
    }
  }

  it('the PPK files an addendum under the cap; legal approves on the task page; both sign; it shows issued', async () => {
    const page = await as('ppk');
    await page.goto(`/kontrak/${contractId}`);
    await submitAndWait(page, '[data-action="new-addendum"]');
    expect(new URL(page.url()).pathname).to.equal(`/kontrak/${contractId}/adendum/baru`);
    expect(await page.locator('[data-cap="original"]').innerText()).to.match(/^Rp\s148\.000\.000$/);
    expect(await page.locator('[data-cap="left"]').innerText()).to.match(/^Rp\s14\.800\.000$/);
    await checkPage(page, 'addendum-form');

    // A typo first: the error by its field, what was typed kept.
    await typeInto(page, { 'items.0.quantity': 'sebelas', justification: 'pendek' });
    await submitAndWait(page, '[data-action="continue"]');
    expect(await page.locator(`${inputOf('items.0.quantity')}-error`).innerText()).to.equal(ID['addenda.error.quantity']);
    expect(await page.locator(inputOf('items.0.quantity')).inputValue()).to.equal('sebelas');
    expect(await page.locator(inputOf('justification')).inputValue()).to.equal('pendek');
    await checkPage(page, 'addendum-form-errors');

    await typeInto(page, { 'items.0.quantity': '11', justification: JUSTIFICATION });
    await submitAndWait(page, '[data-action="continue"]');
    expect(new URL(page.url()).pathname, await errorSummaryText(page)).to.equal(`/kontrak/${contractId}/adendum/baru/periksa`);
    expect(await page.locator('[data-cap-result]').getAttribute('data-cap-result')).to.equal('within');
    expect(await page.locator('[data-cap="cumulative"]').innerText()).to.contain('9,12%');
    await checkPage(page, 'addendum-review');
    await submitAndWait(page, '[data-action="submit-addendum"]');
    await waitForAddendumPage(page);
    expect(await page.locator('[data-addendum-path]').getAttribute('data-addendum-path')).to.equal('normal');
    const registrationNumber = (await page.locator('[data-registration-number]').innerText()).trim();
    const addendumUrl = new URL(page.url()).pathname;
    await checkPage(page, 'addendum-page-in-review');

    await approveOnTaskPage('hukum', registrationNumber, 'addendum-legal-task');
    await bothSign(registrationNumber);

    await page.goto(addendumUrl);
    await waitForStatus(page, 'issued');
    const number = (await page.locator('[data-addendum-number]').innerText()).trim();
    expect(number).to.match(/\/ADD-1$/);
    const download = await page.request.get(`${addendumUrl}/dokumen.pdf`);
    expect(download.status()).to.equal(200);
    expect(download.headers()['content-type']).to.equal('application/pdf');
    expect((await download.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(await page.locator('[data-changes]').innerText()).to.contain('11');
    // Its verification link opens the public page of the addendum's number.
    const verify = await page.request.get((await page.locator(`a[href^="/v/"]`).getAttribute('href'))!);
    expect(verify.status()).to.equal(200);
    // The legal officer's task page names the addendum and links to it, not to the contract.
    expect(await (await as('hukum')).locator('[data-action="open-contract"]').count()).to.equal(0);
    await checkPage(page, 'addendum-page-issued');
  });

  it('a second addendum above the cap explains the exception path and goes through it (in English)', async () => {
    const sources = [MESSAGES, templatePairs([...harness().apiDeps.contractTypes.values()])];
    const clauseTexts = new Set(harness().apiDeps.contractTypes.get('barang')!.defaultClauses.map((c) => c.text.replace(/\s+/g, ' ').trim()));
    const page = await as('ppk');
    const expectEnglish = async (name: string) => {
      expect(await page.locator('html').getAttribute('lang')).to.equal('en');
      const texts = await visibleTexts(page);
      expect(keyNamesShown(texts, Object.keys(MESSAGES.id)), `catalogue keys on ${page.url()}`).to.deep.equal([]);
      // The contract's clauses are its legal text, in Indonesian whatever the page's language (data, not page strings).
      const foreign = foreignTexts(texts, 'en', sources).filter((text) => !clauseTexts.has(text));
      expect(foreign, `Indonesian texts on ${page.url()}`).to.deep.equal([]);
      await checkPage(page, `${name}-en`);
    };
    await page.goto(`/bahasa/en?kembali=${encodeURIComponent(`/kontrak/${contractId}/adendum/baru`)}`);
    // The first addendum added 13.5 million; 13 computers add 40.5 million over the original: about 27%.
    expect(await page.locator('[data-cap="earlier"]').innerText()).to.match(/^\+Rp\s13\.500\.000$/);
    await expectEnglish('addendum-form');
    await typeInto(page, { 'items.0.quantity': '13', justification: JUSTIFICATION });
    await submitAndWait(page, '[data-action="continue"]');
    expect(await page.locator('[data-cap-result]').getAttribute('data-cap-result')).to.equal('above');
    expect(await page.locator('[data-exception-needed]').innerText()).to.contain(MESSAGES.en['addenda.cap.above'].split('{')[0]!);
    await expectEnglish('addendum-review-above-cap');

    // Without the exception's reason the page says so at the field.
    await submitAndWait(page, '[data-action="submit-addendum"]');
    expect(await page.locator(`${inputOf('exceptionReason')}-error`).innerText()).to.equal(MESSAGES.en['addenda.error.explain'].replace('{min}', '20'));
    await expectEnglish('addendum-review-exception-error');
    await page.locator(inputOf('exceptionReason')).fill(EXCEPTION);
    await submitAndWait(page, '[data-action="submit-addendum"]');
    await waitForAddendumPage(page);
    expect(await page.locator('[data-addendum-path]').getAttribute('data-addendum-path')).to.equal('exception');
    expect(await page.locator('[data-exception-reason]').innerText()).to.equal(EXCEPTION);
    const registrationNumber = (await page.locator('[data-registration-number]').innerText()).trim();
    const addendumUrl = new URL(page.url()).pathname;
    await expectEnglish('addendum-page-exception');

    await approveOnTaskPage('hukum', registrationNumber, 'addendum-legal-task-exception');
    await page.reload();
    await until(async () => {
      await page.reload({ waitUntil: 'domcontentloaded' });
      return (await page.locator('[data-addendum-stage="persetujuan_pengecualian"]').count()) > 0;
    }, 'the exception approval stage');
    expect(await page.locator('[data-addendum-stage]').innerText()).to.equal('Approval of the exception to the 10% cap');

    await approveOnTaskPage('kepala', registrationNumber, 'addendum-exception-task');
    await waitForStatus(page, 'awaiting_signature');
    await bothSign(registrationNumber);
    await page.goto(addendumUrl);
    await waitForStatus(page, 'issued');
    expect((await page.locator('[data-addendum-number]').innerText()).trim()).to.match(/\/ADD-2$/);
    await expectEnglish('addendum-page-exception-issued');
  });
});

import { expect } from 'chai';
import type { TTask } from '../../domain/case';
import { MESSAGES } from '../../web/i18n/messages';
import { as, SAMPLE_PNG, submissionBody } from '../harness/api-client';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';
import { submitAndWait } from '../harness/page-steps';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

const ID = MESSAGES.id;
const EN = MESSAGES.en;

const openTasksOf = async (caseId: string) => (await harness().records.listTasksForCase(caseId)).filter((t) => t.status === 'open' || t.status === 'claimed');

/** A reklame case with a PNG KTP and PDF documents, submitted through the API (the applicant's pages are elsewhere). */
async function submitReklame(): Promise<string> {
  const body = await submissionBody(harness().catalog.get('reklame')!, 'budi');
  const png = await harness().http().post('/api/v1/documents').set('Authorization', await harness().token('budi')).attach('file', SAMPLE_PNG, 'ktp.png');
  expect(png.status, JSON.stringify(png.body)).to.equal(201);
  body.documents.ktp = png.body.id;
  const res = await harness().http().post('/api/v1/permits').set('Authorization', await harness().token('budi')).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

describe('pages: reviewers’ inbox, task page and signing (browser)', function () {
  this.timeout(180_000);
  const web = freshPagePerTest();
  let caseId: string;
  let completeness: TTask;

  before(async () => {
    caseId = await submitReklame();
    completeness = await until(async () => (await openTasksOf(caseId)).find((t) => t.role === 'reviewer:dpmptsp'), 'the completeness task');
  });

  it('the inbox lists my tasks with their service-level tag and filters in the URL; the task page previews documents; a decision without its comment shows the field error', async () => {
    const { page } = web;
    await signIn(page, 'rahmat');
    await page.getByRole('navigation', { name: ID['layout.nav'] }).getByRole('link', { name: ID['tasks.nav'] }).click();
    await page.waitForURL('**/tugas');
    expect(await page.locator('h1').innerText()).to.equal(ID['tasks.inbox.title']);
    await page.getByLabel(ID['tasks.inbox.type']).selectOption('reklame');
    // By its number too: the shared store may push it off the first page of every reklame task.
    await page.locator('#f-q').fill((await harness().records.getCase(caseId))!.registrationNumber!);
    await page.getByRole('button', { name: ID['tasks.inbox.apply'] }).click();
    // The search box comes first in the filter form: an empty one is sent too (`q=&jenis=…`).
    await page.waitForURL(/\/tugas\?q=[^&]+&jenis=reklame/);
    const card = page.locator(`li[data-task-id="${completeness.id}"]`);
    expect(await card.locator('.tag').innerText()).to.be.oneOf([ID['sla.onTrack'], ID['sla.dueSoon']]);
    await checkPage(page, 'tasks-inbox');

    await card.getByRole('button', { name: ID['tasks.claim'] }).click();
    await page.waitForURL(`**/tugas/${completeness.id}?pesan=diambil`);
    await page.getByText(ID['tasks.page.claimed']).waitFor();
    // The KTP scan (a PNG) is shown through /dokumen/:id: it loads, with its alt text.
    // Lazy: it loads once near the viewport. Polled with evaluate (the page's CSP refuses the string eval
    // waitForFunction polls with).
    await page.locator('img.preview-image').scrollIntoViewIfNeeded();
    await until(() => page.evaluate<boolean>("(() => { const img = document.querySelector('img.preview-image'); return Boolean(img && img.complete && img.naturalWidth > 0); })()"), 'the KTP preview');
    expect(await page.locator('img.preview-image').getAttribute('alt')).to.contain('ktp.png');
    expect(await page.locator('iframe.preview-frame').count()).to.be.greaterThan(0);
    await checkPage(page, 'tasks-task');

    await page.getByLabel(ID['tasks.decision.request_changes']).check();
    await submitAndWait(page, '#decision-form button[type="submit"]');
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#f-comment-error').innerText()).to.equal(ID['tasks.decision.commentRequired.permit']);
    expect(await page.getByLabel(ID['tasks.decision.request_changes']).isChecked()).to.equal(true);
    await checkPage(page, 'tasks-decision-errors');

    await page.getByLabel(ID['tasks.decision.approve']).check();
    await submitAndWait(page, '#decision-form button[type="submit"]');
    await page.getByText(ID['tasks.page.decided']).waitFor();
    expect((await harness().records.getTask(completeness.id))?.outcome).to.equal('approve');
  });

  it('the inbox in English', async () => {
    const { page } = web;
    await signIn(page, 'rahmat');
    await page.goto('/bahasa/en?kembali=%2Ftugas');
    expect(await page.locator('h1').innerText()).to.equal(EN['tasks.inbox.title']);
    await checkPage(page, 'tasks-inbox-en');
  });

  it('the signer sees the document to be signed, a wrong passphrase is an error on the same page', async () => {
    const caseId = await submitReklame();
    for (;;) {
      const open = await openTasksOf(caseId);
      if (open.some((t) => t.kind === 'sign')) break;
      for (const task of open) {
        const res = await harness().http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', await as(task.role)).send({ outcome: 'approve' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      }
      if (open.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sign = (await openTasksOf(caseId)).find((t) => t.kind === 'sign')!;
    const { page } = web;
    await signIn(page, 'kepala');
    await page.goto(`/tugas/${sign.id}`);
    expect(await page.locator(`iframe[src="/tugas/${sign.id}/pratinjau.pdf"]`).count()).to.equal(1);
    const passphrase = page.getByLabel(ID['tasks.sign.passphrase']);
    expect(await passphrase.getAttribute('type')).to.equal('password');
    expect(await passphrase.getAttribute('autocomplete')).to.equal('off');
    await checkPage(page, 'tasks-sign');

    await passphrase.fill('bukan-frasa-ini');
    expect(await page.locator('#sign-form button[type="submit"]').innerText()).to.equal(ID['tasks.sign.submit']);
    await submitAndWait(page, '#sign-form button[type="submit"]'); // the framed PDF above may take a bare click
    await page.locator('#f-passphrase-error').waitFor();
    expect(await page.locator('#f-passphrase-error').innerText()).to.equal(ID['tasks.sign.wrongPassphrase']);
    expect(await page.getByLabel(ID['tasks.sign.passphrase']).inputValue()).to.equal('');
    await checkPage(page, 'tasks-sign-wrong-passphrase');
  });
});

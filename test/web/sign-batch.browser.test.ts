import { expect } from 'chai';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { MESSAGES } from '../../web/i18n/messages';
import { signTaskOf, submit } from '../harness/api-client';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';
import { submitAndWait } from '../harness/page-steps';
import { harness } from '../harness/harness';

const ID = MESSAGES.id;

describe('pages: "Tandatangani sekaligus" on the signer’s inbox (browser)', function () {
  this.timeout(300_000);
  const web = freshPagePerTest();
  const tasks: Array<{ caseId: string; taskId: string; registrationNumber: string }> = [];
  after(() => harness().records.security.attemptSucceeded('kepala')); // a wrong passphrase below: the suites after start unthrottled

  before(async () => {
    // Practice permits (sip), so that the inbox filtered by type shows them among few others of the shared store.
    for (let i = 0; i < 2; i++) {
      const submitted = await submit('sip', 'budi');
      expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
      tasks.push({ caseId: submitted.body.id, taskId: await signTaskOf(submitted.body.id), registrationNumber: submitted.body.registrationNumber });
    }
  });

  it('lists my open sign tasks with a preview each; refusals stay on the form; one passphrase signs both and the result page lists each outcome', async () => {
    const { page } = web;
    await signIn(page, 'kepala');
    await page.goto('/tugas?jenis=sip');
    const section = page.locator('[data-sign-batch]');
    expect(await section.locator('h2').innerText()).to.equal(ID['tasks.batch.title']);
    for (const task of tasks) {
      const row = section.locator(`li[data-batch-task-id="${task.taskId}"]`);
      expect(await row.innerText()).to.include(task.registrationNumber);
      const preview = await row.locator('a').getAttribute('href');
      expect(preview).to.equal(`/tugas/${task.taskId}/pratinjau.pdf`);
      const pdf = await page.request.get(preview!);
      expect(pdf.status()).to.equal(200);
      expect(pdf.headers()['content-type']).to.equal('application/pdf');
    }
    await checkPage(page, 'tasks-sign-batch');

    // Nothing chosen, no passphrase: both said next to their fields.
    await submitAndWait(page, '[data-action="sign-batch"]');
    expect(await page.locator('#f-tugas .field-message').innerText()).to.equal(ID['tasks.batch.noneChosen']);
    expect(await page.locator('#f-passphrase-error').innerText()).to.equal(ID['tasks.sign.passphraseRequired']);
    expect(new URL(page.url()).search, 'the filters ride along').to.equal('?jenis=sip');

    // A wrong passphrase: nothing signed, the choices kept, the passphrase not.
    for (const task of tasks) await page.locator(`li[data-batch-task-id="${task.taskId}"] input[type="checkbox"]`).check();
    await page.getByLabel(ID['tasks.sign.passphrase']).fill('bukan-frasa-ini');
    await submitAndWait(page, '[data-action="sign-batch"]');
    expect(await page.locator('#f-passphrase-error').innerText()).to.equal(ID['tasks.sign.wrongPassphrase']);
    for (const task of tasks) {
      expect(await page.locator(`li[data-batch-task-id="${task.taskId}"] input[type="checkbox"]`).isChecked()).to.equal(true);
      expect((await harness().records.getTask(task.taskId))?.status).to.equal('open');
    }
    expect(await page.getByLabel(ID['tasks.sign.passphrase']).inputValue()).to.equal('');
    await checkPage(page, 'tasks-sign-batch-wrong-passphrase');

    await page.getByLabel(ID['tasks.sign.passphrase']).fill(DEV_SIGNER_PASSPHRASE);
    await submitAndWait(page, '[data-action="sign-batch"]');
    expect(new URL(page.url()).pathname).to.equal('/tugas/tandatangani-sekaligus/hasil');
    expect(await page.locator('[data-batch-summary]').innerText()).to.equal(ID['tasks.batch.result.lead'].replace('{signed}', '2').replace('{total}', '2'));
    for (const task of tasks) {
      const result = page.locator(`li[data-task-id="${task.taskId}"]`);
      expect(await result.getAttribute('data-batch-result')).to.equal('signed');
      const issued = await harness().records.issuance.byCase(task.caseId);
      expect(issued, `${task.caseId} issued`).to.not.equal(undefined);
      expect(await result.innerText()).to.include(task.registrationNumber).and.include(issued!.number);
      const download = await page.request.get(`/tugas/${task.taskId}/sertifikat.pdf`);
      expect(download.status()).to.equal(200);
    }
    await checkPage(page, 'tasks-sign-batch-result');

    // Signed tasks leave the batch form.
    await page.goto('/tugas?jenis=sip');
    for (const task of tasks) expect(await page.locator(`li[data-batch-task-id="${task.taskId}"]`).count()).to.equal(0);
  });
});

import { expect } from 'chai';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';
import { submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { officeHoursFromFile, sweepAnomalies } from '../../worker/anomaly-sweeper';

/** The Inspektorat's pages in a browser (issue 13 §2): reached from the navigation, checked like every page. */
describe('pages: the auditor (browser)', function () {
  this.timeout(180_000);
  const web = freshPagePerTest();

  it('lists findings, opens one with its follow-up form and the read-only case page', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const caseId = (await submit('reklame', 'budi')).body.id as string;
    const both = await harness().token('ganda2', ['reviewer:dpmptsp', 'reviewer:pupr']);
    const decide = async (role: string) => {
      const task = await until(async () => (await harness().records.listTasksForCase(caseId)).find((t) => t.status === 'open' && t.role === role), role);
      const res = await harness().http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', both).send({ outcome: 'approve' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    };
    await decide('reviewer:dpmptsp');
    await decide('reviewer:pupr');
    await until(async () => (await harness().records.listEvents(caseId)).filter((e) => e.action === 'approve').length === 2, 'the decisions in the store');
    await sweepAnomalies({ records: harness().records, office: officeHoursFromFile() }, since);
    const finding = (await harness().records.auditFindings.list({ rule: 'same_person_two_stages', caseId, limit: 1 })).items[0]!;

    const { page } = web;
    await signIn(page, 'inspektur');
    await page.goto('/');
    await page.locator('nav a[href="/audit"]').first().click();
    await page.waitForURL('**/audit');
    await checkPage(page, 'audit-findings');
    await page.goto(`/audit/temuan/${finding.id}`);
    await checkPage(page, 'audit-finding');
    expect(await page.locator('pre.evidence').innerText()).to.include('ganda2');
    await page.goto(`/audit/kasus/${caseId}`);
    await checkPage(page, 'audit-case');
    expect(await page.locator('h1').innerText()).to.include((await harness().records.getCase(caseId))!.registrationNumber);
  });
});

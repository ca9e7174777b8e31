import { expect } from 'chai';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';
import { submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { submitAndWait } from '../harness/page-steps';
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
    // Narrowed with the filter form (a GET: the filters stay in the URL), the rule's count and the evidence in words.
    await page.locator('#f-rule').selectOption('same_person_two_stages');
    await page.locator('#f-typeId').selectOption('reklame');
    await submitAndWait(page, '[data-action="filter-findings"]');
    expect(new URL(page.url()).searchParams.get('rule')).to.equal('same_person_two_stages');
    expect(await page.locator('.rule-counts a[aria-current="page"]').innerText()).to.match(/Satu orang memutus dua tahap\s+\d+/);
    const item = page.locator('.finding', { has: page.locator(`a[href="/audit/temuan/${finding.id}"]`) });
    expect(await item.locator('.evidence').innerText()).to.include('Orang yang sama (ID pengguna ganda2) memutus tahap');
    await checkPage(page, 'audit-findings-filtered');
    await page.setViewportSize({ width: 375, height: 800 });
    await checkPage(page, 'audit-findings-phone');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, 'no sideways scrolling on a phone').to.be.at.most(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/audit/temuan/${finding.id}`);
    await checkPage(page, 'audit-finding');
    expect(await page.locator('.evidence').innerText()).to.include('ganda2');
    await page.goto(`/audit/kasus/${caseId}`);
    await checkPage(page, 'audit-case');
    expect(await page.locator('h1').innerText()).to.include((await harness().records.getCase(caseId))!.registrationNumber);
  });
});

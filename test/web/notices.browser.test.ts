import { expect } from 'chai';
import { MESSAGES } from '../../web/i18n/messages';
import { checkPage, freshPagePerTest, signIn } from '../harness/browser';
import { seedNoticedCase } from '../harness/notices';

/** The head of office's inbox with an escalation (issue 10 §2): one page, checked like every page (axe, catalogue). */
describe('pages: notices in the inbox (browser)', function () {
  this.timeout(120_000);
  const web = freshPagePerTest();

  it('shows the escalation highlighted, with words as well as colour, and opens its task', async () => {
    const seeded = await seedNoticedCase([0.04, 0.03, 0.02, 0.01]);
    const { page } = web;
    await signIn(page, 'kepala');
    await page.goto('/tugas');
    const item = page.locator(`li[data-case-id="${seeded.caseId}"][data-notice-kind="escalation"]`);
    expect(await item.locator('.tag').innerText()).to.equal(MESSAGES.id['notices.kind.escalation']);
    const border = await item.evaluate((el) => getComputedStyle(el).borderLeftWidth);
    expect(border, 'an escalation stands out from a reminder').to.equal('8px');
    await checkPage(page, 'tasks-inbox-notices');
    await item.locator('a').click();
    await page.waitForURL(`**/tugas/${seeded.puprTask}`);
    expect(await page.locator('[data-registration-number]').innerText()).to.equal(seeded.registrationNumber);
  });
});

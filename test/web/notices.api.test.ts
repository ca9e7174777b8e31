import { expect } from 'chai';
import { harness } from '../harness/harness';
import { seedNoticedCase } from '../harness/notices';
import { signInAs } from '../harness/web';

/** The section of the inbox page that lists the notices, and one notice item of a case in it (or undefined). */
const noticesSection = (html: string) => /<section class="notices-section"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const noticeOf = (html: string, caseId: string) => [...noticesSection(html).matchAll(/<li class="(stage-notice[^"]*)" data-notice-kind="([^"]+)" data-case-id="([^"]+)">([\s\S]*?)<\/li>/g)].filter((m) => m[3] === caseId);

/**
 * The pages of issue 10 §2 (rendered on the real API and store): the inbox's "Pemberitahuan" for the roles the user
 * holds, the reminder/escalation badge on its task, and the administrators' open escalations on the dashboard.
 */
describe('web pages: reminders and escalations in the inbox and the dashboard', function () {
  this.timeout(120_000);
  let seeded: Awaited<ReturnType<typeof seedNoticedCase>>;
  // Minutes ago, so that they are the newest notices of their roles in the shared store (the page shows ten).
  before(async () => {
    seeded = await seedNoticedCase([0.04, 0.03, 0.02, 0.01]);
  });

  const page = async (user: string, url: string) => {
    const agent = harness().http();
    await signInAs(agent, user);
    return (await agent.get(url).expect(200)).text;
  };

  it('the reviewer’s inbox lists the reminders to their role, linking to the task, and badges the task as escalated', async () => {
    const html = await page('agus', `/tugas?q=${encodeURIComponent(seeded.registrationNumber.split('/').pop()!)}`);
    expect(noticesSection(html)).to.include('<h2 id="notices-title">Pemberitahuan</h2>');
    const mine = noticeOf(html, seeded.caseId);
    expect(mine.map((m) => m[2])).to.deep.equal(['reminder_75', 'reminder_50']);
    expect(mine.every((m) => m[1] === 'stage-notice')).to.equal(true);
    expect(mine[0]![4]).to.include(`<a href="/tugas/${seeded.puprTask}">${seeded.registrationNumber}</a>`);
    expect(mine[0]![4]).to.include('Pengingat: 75% waktu layanan');
    const card = new RegExp(`<li data-task-id="${seeded.puprTask}">[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
    expect(card, 'its task on the list').to.include(seeded.registrationNumber);
    expect(card).to.include('data-notice-badge="escalated"');
    const edited = await page('agus', '/tugas?pemberitahuan=not-a-cursor');
    expect(noticeOf(edited, seeded.caseId).map((m) => m[2]), 'a cursor the page did not give starts from the newest').to.deep.equal(['reminder_75', 'reminder_50']);
  });

  it('the head of office sees the escalation highlighted and opens the case from it; the supervisor the 90% reminder; another role nothing', async () => {
    const head = await page('kepala', '/tugas');
    const [escalation] = noticeOf(head, seeded.caseId);
    expect(escalation?.[1]).to.equal('stage-notice stage-notice-escalation');
    expect(escalation?.[4]).to.include('Eskalasi: batas waktu terlewati');
    expect(await page('kepala', `/tugas/${seeded.puprTask}`), 'the link opens the task, read-only').to.include(seeded.registrationNumber);
    expect(noticeOf(await page('kadis-pupr', '/tugas'), seeded.caseId).map((m) => m[2])).to.deep.equal(['reminder_90']);
    expect(noticeOf(await page('wulan', '/tugas'), seeded.caseId)).to.deep.equal([]);
  });

  it('the dashboard counts the open escalations and links each to its task', async () => {
    const html = await page('admin', '/dasbor');
    const section = /<section aria-labelledby="escalations-title"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).to.match(/<p data-figure="escalations">\d+ eskalasi terbuka<\/p>/);
    expect(section).to.include(`href="/tugas/${seeded.puprTask}"`);
  });
});

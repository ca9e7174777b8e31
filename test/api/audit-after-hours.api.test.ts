import { expect } from 'chai';
import supertest from 'supertest';
import { officeHoursOf, type TOfficeHours } from '../../domain/anomalies/office-hours';
import { ZOfficeCalendarFileSchema } from '../../domain/working-time/office-calendar';
import { formatters } from '../../web/i18n/format';
import { sweepAnomalies } from '../../worker/anomaly-sweeper';
import { as, submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { signInAs } from '../harness/web';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * An office calendar for the sweep (validated like templates/calendar.json): open 07:30–16:00 every day, no
 * holidays, in a zone "UJI" whose offset puts the present instant at `localHour`:00. The real server has no time
 * skipping and the workflow stamps a decision with its own clock, so the test moves the office's clock instead of
 * the decision (as the deemed-approval suite moves the calendar's midnight).
 */
function officeWithNowAt(localHour: number, now = Date.now()): TOfficeHours {
  const utcMinute = Math.floor(now / MINUTE) % DAY_MINUTES;
  let offset = (((localHour * 60 - utcMinute) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  if (offset > DAY_MINUTES / 2) offset -= DAY_MINUTES;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const day = { opens: '07:30', closes: '16:00' };
  const file = ZOfficeCalendarFileSchema.parse({
    version: 'uji',
    timeZone: { name: 'UJI', utcOffset: `${offset < 0 ? '-' : '+'}${hhmm(Math.abs(offset))}` },
    officeHours: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day },
    holidays: [],
  });
  return officeHoursOf(file);
}

/**
 * Issue 13 §2, the after-hours rule end to end: a reviewer's real decision through the API, stamped by the workflow,
 * projected to the store; the sweep reads it against an office whose hours it falls outside, and the auditor finds
 * it with its evidence through the API (filters, counts, export) and in words on the /audit page.
 */
describe('the auditor: a decision outside office hours (real Temporal server)', function () {
  this.timeout(5 * 60_000);
  const http = () => harness().http();
  let caseId: string;
  let registrationNumber: string;
  let decision: { seq: number; at: string; actorId: string };
  let sweptFrom: string;
  // Built before the decision: at the office's 21:00 and 10:00 (the decision follows within minutes).
  let evening: TOfficeHours;
  let morning: TOfficeHours;
  const wibToday = () => new Date(Date.now() + 7 * 60 * MINUTE).toISOString().slice(0, 10);

  before(async () => {
    evening = officeWithNowAt(21);
    morning = officeWithNowAt(10);
    sweptFrom = new Date(Date.now() - 1000).toISOString();
    const res = await submit('reklame', 'budi');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseId = res.body.id as string;
    registrationNumber = res.body.registrationNumber as string;
    // Two decisions by two reviewers: the completeness check, then the technical review.
    for (const role of ['reviewer:dpmptsp', 'reviewer:pupr']) {
      const task = await until(async () => (await harness().records.listTasksForCase(caseId)).find((t) => t.status === 'open' && t.role === role), role);
      const decided = await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', await as(role)).send({ outcome: 'approve' });
      expect(decided.status, JSON.stringify(decided.body)).to.equal(200);
    }
    const approvals = await until(async () => {
      const found = (await harness().records.listEvents(caseId)).filter((e) => e.action === 'approve');
      return found.length === 2 ? found : undefined;
    }, 'the decisions in the store');
    decision = approvals[0]!;
  });

  it('finds nothing when the decision fell within the office hours, and the finding when it fell outside', async () => {
    const sweep = (office: TOfficeHours) => sweepAnomalies({ records: harness().records, office }, sweptFrom);
    const afterHoursOf = async () => (await harness().records.auditFindings.list({ rule: 'after_hours_decision', caseId, limit: 10 })).items;
    await sweep(morning);
    expect(await afterHoursOf(), 'at the office’s 10:00 the decision is in hours').to.deep.equal([]);
    await sweep(evening);
    const found = await afterHoursOf();
    expect(found, 'one finding per decision').to.have.length(2);
    const finding = found.find((f) => f.evidence.seq === decision.seq);
    const local = new Date(Date.parse(decision.at) + evening.utcOffsetMinutes * MINUTE).toISOString();
    expect(finding!.evidence).to.deep.equal({
      seq: decision.seq,
      action: 'approve',
      actorId: decision.actorId,
      role: 'reviewer:dpmptsp',
      stageId: 'kelengkapan',
      at: decision.at,
      localDate: local.slice(0, 10),
      localTime: local.slice(11, 16),
      zone: 'UJI',
      officeHours: { opens: '07:30', closes: '16:00' },
      holiday: null,
    });
    expect(finding!.evidence.localTime, 'the office’s evening').to.match(/^2[12]:/);
  });

  it('lists it through the API with its evidence, counts per rule, filters, and the export of the same filters', async () => {
    const auth = await harness().token('inspektur');
    const get = (query: string) => http().get(`/api/v1/audit/findings?${query}`).set('Authorization', auth);
    const mine = await get(`rule=after_hours_decision&typeId=reklame&status=open&from=${wibToday()}&to=${wibToday()}&limit=200`);
    expect(mine.status, JSON.stringify(mine.body)).to.equal(200);
    const item = (mine.body.items as Array<{ caseId: string; registrationNumber: string; typeId: string; evidence: { seq: number } }>).find((f) => f.caseId === caseId && f.evidence.seq === decision.seq);
    expect(item, 'the finding, filtered by rule, type, follow-up and today').to.include({ registrationNumber, typeId: 'reklame' });
    expect(mine.body.counts.after_hours_decision, 'counted under its rule').to.be.at.least(1);
    // The counts ignore the rule filter: the same query for another rule counts after-hours findings alike.
    expect((await get(`rule=revision_loops&typeId=reklame&status=open&from=${wibToday()}&to=${wibToday()}`)).body.counts.after_hours_decision).to.equal(mine.body.counts.after_hours_decision);
    // Pages of one under the same filters: every item matches, none twice, and both of this case's findings on them.
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    for (; cursor !== null && pages < 500; pages++) {
      const page = await get(`rule=after_hours_decision&typeId=reklame&status=open&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).to.equal(200);
      for (const f of page.body.items as Array<{ id: string; rule: string; typeId: string; acknowledgement: unknown }>) {
        expect([f.rule, f.typeId, f.acknowledgement]).to.deep.equal(['after_hours_decision', 'reklame', null]);
        seen.push(f.id);
      }
      cursor = page.body.nextCursor as string | null;
    }
    expect(cursor, 'the pages end').to.equal(null);
    expect(pages).to.be.at.least(2);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen).to.include.members((mine.body.items as Array<{ id: string; caseId: string }>).filter((f) => f.caseId === caseId).map((f) => f.id));
    const none = async (query: string) => ((await get(`${query}&caseId=${caseId}`)).body.items as unknown[]).length;
    expect(await none('rule=after_hours_decision&status=acknowledged'), 'not followed up yet').to.equal(0);
    expect(await none('rule=after_hours_decision&kind=contract'), 'a permit').to.equal(0);
    expect(await none('rule=after_hours_decision&to=2026-01-01'), 'found today, not in January').to.equal(0);
    for (const [query, path] of [['from=2026-13-01', 'from'], ['from=2026-12-03&to=2026-12-02', 'to'], ['status=done', 'status'], ['rule=nope', 'rule'], ['cursor=abc', 'cursor']]) {
      const bad = await get(query!);
      expect(bad.status, query).to.equal(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path), query).to.deep.equal([path]);
    }
    const exported = await http().get(`/api/v1/audit/cases.json?rule=after_hours_decision&findingStatus=open&typeId=reklame&from=${wibToday()}&limit=500`).set('Authorization', auth);
    expect(exported.status, JSON.stringify(exported.body)).to.equal(200);
    const cases = exported.body.items as Array<{ caseId: string; events: Array<{ seq: number; action: string }> }>;
    expect(cases.find((c) => c.caseId === caseId)!.events.find((e) => e.seq === decision.seq)!.action).to.equal('approve');
    const acknowledgedOnly = await http().get(`/api/v1/audit/cases.json?rule=after_hours_decision&findingStatus=acknowledged&typeId=reklame&limit=500`).set('Authorization', auth);
    expect((acknowledgedOnly.body.items as Array<{ caseId: string }>).map((c) => c.caseId), 'the export follows the finding filters').to.not.include(caseId);
    expect((await http().get('/api/v1/audit/cases.csv?from=yesterday').set('Authorization', auth)).body.error.details[0].path).to.equal('from');
  });

  it('shows it on /audit in words, with links to the case and the event, and refuses a bad filter next to its field', async () => {
    const browser = supertest.agent(harness().app);
    await signInAs(browser, 'inspektur');
    const list = await browser.get(`/audit?rule=after_hours_decision&typeId=reklame&from=${wibToday()}`).expect(200);
    const finding = (await harness().records.auditFindings.list({ rule: 'after_hours_decision', caseId, limit: 10 })).items.find((f) => f.evidence.seq === decision.seq)!;
    const { localTime, localDate } = finding.evidence as { localTime: string; localDate: string };
    const day = formatters('id').date(localDate);
    expect(list.text).to.include(`Diputuskan pukul ${localTime} UJI pada ${day}, di luar jam kerja (07:30–16:00).`);
    expect(list.text).to.include(`href="/audit/kasus/${caseId}#peristiwa-${decision.seq}"`);
    expect(list.text).to.include(`href="/audit/kasus/${caseId}"`);
    expect(list.text, 'the reviewer’s role in words').to.include('Petugas');
    expect(list.text).to.not.include('"localTime"');
    expect(list.text, 'the export keeps the filters').to.include(`/audit/ekspor.csv?rule=after_hours_decision&amp;typeId=reklame&amp;from=${wibToday()}`);
    const casePage = await browser.get(`/audit/kasus/${caseId}`).expect(200);
    expect(casePage.text).to.include(`id="peristiwa-${decision.seq}"`);
    const csv = await browser.get(`/audit/ekspor.csv?rule=after_hours_decision&typeId=reklame&from=${wibToday()}`).expect(200);
    expect(csv.text).to.include(registrationNumber);
    const refused = await browser.get('/audit?from=2026-12-05&to=2026-12-01');
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include('Tanggal akhir tidak boleh sebelum tanggal awal.');
    expect(refused.text).to.include('id="f-to"');
    await browser.get('/bahasa/en?kembali=%2F').expect(303);
    const english = await browser.get(`/audit?rule=after_hours_decision&typeId=reklame&from=${wibToday()}`).expect(200);
    expect(english.text).to.include(`Decided at ${localTime} UJI on`);
    expect(english.text).to.include('outside office hours (07:30–16:00).');
  });
});

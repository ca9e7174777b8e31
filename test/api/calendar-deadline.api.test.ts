import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { computeDeadline } from '../../domain/working-time/deadline';
import { harness } from '../harness/harness';
import { DEADLINE_TABLE, wib } from '../domain/deadline.table';

/**
 * The public preview GET /api/v1/calendar/deadline (issue 10 §1) against the rule: every row of the deadline table
 * the endpoint can express (all but the closure rows: the preview reads the office's declared closures, which
 * issue 10 §3 adds) answers the row's dueAt and exactly what the rule computes.
 */
describe('GET /api/v1/calendar/deadline', function () {
  this.timeout(120_000);
  const http = () => harness().http();
  const preview = (query: Record<string, string>) => http().get('/api/v1/calendar/deadline').query(query);

  const rows = DEADLINE_TABLE.filter((r) => !r.closures?.length);
  it(`agrees with the rule on every row of the table without closures (${rows.length} rows)`, async () => {
    expect(rows.length).to.be.at.least(60);
    // No closure is declared in this suite; the revision is whatever other suites of the run left.
    const closures = (await http().get('/api/v1/calendar/closures')).body as { revision: number; items: unknown[] };
    expect(closures.items, 'no closure declared while this suite runs').to.deep.equal([]);
    for (const row of rows) {
      const query: Record<string, string> = { receivedAt: row.receivedAt, workingDays: String(row.workingDays) };
      if (row.pauses) query.pauses = row.pauses.join(',');
      if (row.policy) query.policy = row.policy;
      const res = await preview(query);
      expect(res.status, `${row.name}: ${JSON.stringify(res.body)}`).to.equal(200);
      expect(res.body.dueAt, row.name).to.equal(row.dueAt === null ? null : new Date(row.dueAt).toISOString());
      const rule = computeDeadline(harness().apiDeps.officeCalendar, {
        receivedAt: new Date(row.receivedAt),
        workingDays: row.workingDays,
        pauses: (row.pauses ?? []).map((p) => {
          const [from, to] = p.split('/');
          return to ? { from: new Date(from!), to: new Date(to) } : { from: new Date(from!) };
        }),
        policy: row.policy,
      });
      expect(res.body, row.name).to.deep.equal({ dueAt: rule.dueAt?.toISOString() ?? null, countedDays: rule.countedDays, skipped: rule.skipped, calendarVersion: harness().apiDeps.officeCalendar.version, closuresRevision: closures.revision });
    }
  });

  it('reads a + sent unencoded (a space) as the offset’s sign', async () => {
    const res = await http().get(`/api/v1/calendar/deadline?receivedAt=2026-07-06T10:00:00+07:00&workingDays=1`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.dueAt).to.equal('2026-07-07T09:00:00.000Z');
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const bad = async (query: Record<string, string>, path: string, message: RegExp) => {
      const res = await preview(query);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body.error.code).to.equal('INVALID_INPUT');
      expect(res.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(res.body)).to.include(path);
      expect(res.body.error.message).to.match(message);
    };
    const ok = { receivedAt: wib('2026-07-06 10:00'), workingDays: '3' };
    await bad({ workingDays: '3' }, 'receivedAt', /receivedAt/);
    await bad({ ...ok, receivedAt: '2026-07-06' }, 'receivedAt', /ISO 8601 instant/);
    await bad({ ...ok, receivedAt: '2026-07-06T10:00:00' }, 'receivedAt', /with its offset/);
    await bad({ ...ok, receivedAt: '2026-02-30T10:00:00Z' }, 'receivedAt', /ISO 8601 instant/);
    await bad({ ...ok, receivedAt: '1999-12-31T10:00:00Z' }, 'receivedAt', /between 2000-01-01 and 2100-12-31/);
    await bad({ receivedAt: ok.receivedAt }, 'workingDays', /workingDays/);
    for (const n of ['0', '366', '1.5', '-1', 'tiga', '1e2']) await bad({ ...ok, workingDays: n }, 'workingDays', /1 to 365/);
    await bad({ ...ok, policy: 'pause' }, 'policy', /policy/);
    await bad({ ...ok, pauses: 'kemarin' }, 'pauses', /pause 1/);
    await bad({ ...ok, pauses: `${wib('2026-07-07 09:00')}` }, 'pauses', /pause 1/);
    await bad({ ...ok, pauses: `${wib('2026-07-05 09:00')}/${wib('2026-07-07 09:00')}` }, 'pauses', /before receivedAt/);
    await bad({ ...ok, pauses: `${wib('2026-07-08 09:00')}/${wib('2026-07-07 09:00')}` }, 'pauses', /end after it begins/);
    await bad({ ...ok, pauses: `${wib('2026-07-07 09:00')}/,${wib('2026-07-08 09:00')}/${wib('2026-07-09 09:00')}` }, 'pauses', /overlap/);
    const many = Array.from({ length: 101 }, (_, i) => `2026-07-07T09:${String(i % 60).padStart(2, '0')}:00Z/2026-07-07T09:${String(i % 60).padStart(2, '0')}:30Z`).join(',');
    await bad({ ...ok, pauses: many }, 'pauses', /100/);
    await bad({ ...ok, workingDays: '365', receivedAt: '2100-12-01T00:00:00Z' }, 'workingDays', /after 2100-12-31/);
    await bad({ ...ok, toString: '1' }, 'toString', /unknown parameter/);
    await bad({ ...ok, workingdays: '3' }, 'workingdays', /unknown parameter; expected receivedAt, workingDays, pauses, policy/);
    const twice = await http().get(`/api/v1/calendar/deadline?receivedAt=${encodeURIComponent(ok.receivedAt)}&workingDays=1&workingDays=2`);
    expect(twice.status).to.equal(400);
    expect(twice.body.error.details[0].path).to.equal('workingDays');
  });

  it('is public and rate-limited like the other public lookups', async () => {
    const rate = { windowMs: 60_000, writesPerUser: 3, writesPerIp: 5, publicLookupsPerIp: 3, verifyUploadsPerIp: 2, signInPerIp: 2, trackingGuessesPerIp: 100 };
    const app = createApp({ ...harness().apiDeps, limits: { rate, passphrase: harness().apiDeps.limits!.passphrase } });
    const get = () => supertest(app).get('/api/v1/calendar/deadline').query({ receivedAt: wib('2026-07-06 10:00'), workingDays: '1' });
    for (let i = 0; i < 3; i++) expect((await get()).status).to.equal(200);
    const limited = await get();
    expect(limited.status).to.equal(429);
    expect(limited.body.error.code).to.equal('TOO_MANY_REQUESTS');
  });
});

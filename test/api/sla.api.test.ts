import crypto from 'node:crypto';
import { expect } from 'chai';
import { localDate } from '../../domain/calendar';
import { workingDaysAfter } from '../../domain/working-time/working-days';
import { workingTimeNow } from '../../api/use-cases/calendar';
import { daysBefore } from '../../domain/service-level-periods';
import { seedCase } from '../../scripts/seed-cases';
import { decideAll, startPermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

const DAY = 86_400_000;
const EVIL_STAGE = '=HYPERLINK("http://evil.example","klik")';

type TStageRow = { typeId: string; stageId: string; closed: number; onTime: number; onTimeShare: number | null; medianWorkingDays: number | null; p90WorkingDays: number | null; open: number; openByAge: number[] };

/**
 * GET /api/v1/admin/sla on the real API and worker (issue 10 §4). The store is shared with every other suite, so
 * the exact figures are checked on a permit type only this suite's seeded cases carry, and the real cases the
 * harness runs are checked by how the figures of their type and stage move.
 */
describe('API: service-level analytics (GET /admin/sla)', function () {
  this.timeout(180_000);
  const http = () => harness().http();
  const sla = async (query: Record<string, string>, accept = 'application/json') =>
    http().get('/api/v1/admin/sla').query(query).set('Authorization', await harness().token('admin')).set('Accept', accept);

  describe('figures of seeded cases of a type of their own', () => {
    const typeId = `sla-${crypto.randomBytes(4).toString('hex')}`;
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    const opened = at(-30 * DAY);
    const closedAt = at(-20 * DAY);

    before(async () => {
      const { records } = harness();
      const base = { typeId, typeCode: 'SLA', applicantId: 'budi', status: 'in_review' as const };
      // Three rounds of kelengkapan closed 20 days ago after 10 calendar days (two by their due time, one late).
      for (const [i, dueAt] of [at(-10 * DAY), at(-10 * DAY), at(-25 * DAY)].entries()) {
        await seedCase(records, {
          ...base,
          caseId: `${typeId}-closed-${i}`,
          submittedAt: opened,
          stage: { id: 'persetujuan', name: 'Persetujuan', dueAt: at(60 * DAY) },
          caseDueAt: at(60 * DAY),
          tasks: [
            { stageId: 'kelengkapan', stageName: EVIL_STAGE, role: 'reviewer:dpmptsp', status: 'done', createdAt: opened, dueAt, decidedAt: closedAt },
            { stageId: 'persetujuan', stageName: 'Persetujuan', role: 'approver:kepala-dpmptsp', status: 'done', createdAt: closedAt, dueAt: at(60 * DAY), decidedAt: at(-19 * DAY) },
          ],
        });
      }
      // Two rounds of kelengkapan open now: one due tomorrow (past rounds took a week: a breach), one due in 90 days.
      for (const [name, stageDue] of [['soon', at(DAY)], ['later', at(90 * DAY)]] as const) {
        await seedCase(records, {
          ...base,
          caseId: `${typeId}-open-${name}`,
          submittedAt: at(-1000),
          stage: { id: 'kelengkapan', name: EVIL_STAGE, dueAt: stageDue },
          caseDueAt: at(95 * DAY),
          tasks: [{ stageId: 'kelengkapan', stageName: EVIL_STAGE, role: 'reviewer:dpmptsp', status: 'open', createdAt: at(-1000), dueAt: stageDue }],
        });
      }
    });

    it('counts closed rounds, the on-time share, median and p90 working days and the open rounds by age', async () => {
      const res = await sla({ typeId });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const today = localDate(new Date(res.body.asOf), harness().apiDeps.officeCalendar);
      expect(res.body).to.deep.include({ to: today, from: daysBefore(today, 89), typeId, stageId: null });
      const used = workingDaysAfter(opened, closedAt, await workingTimeNow(harness().apiDeps));
      expect(used).to.be.at.least(5);
      const rows = res.body.stages as TStageRow[];
      expect(rows.map((s) => s.stageId)).to.deep.equal(['kelengkapan', 'persetujuan']);
      expect(rows[0]).to.deep.include({ typeId, closed: 3, onTime: 2, onTimeShare: 0.6667, medianWorkingDays: used, p90WorkingDays: used, open: 2, openByAge: [2, 0, 0, 0, 0] });
      expect(rows[1]).to.deep.include({ closed: 3, onTime: 3, open: 0 });
      expect(res.body.ageBuckets).to.deep.equal([{ from: 0, to: 2 }, { from: 3, to: 5 }, { from: 6, to: 10 }, { from: 11, to: 20 }, { from: 21, to: null }]);
    });

    it('forecasts the breach of the round due tomorrow only, from the stage\'s past rounds', async () => {
      const res = await sla({ typeId, stageId: 'kelengkapan' });
      expect(res.status).to.equal(200);
      expect(res.body.stages.map((s: TStageRow) => s.stageId)).to.deep.equal(['kelengkapan']);
      const items = res.body.forecast.items as Array<Record<string, unknown>>;
      expect(items.map((f) => f.caseId)).to.deep.equal([`${typeId}-open-soon`]);
      expect(items[0]).to.deep.include({ basedOn: 3, breaches: ['stage'], stageName: EVIL_STAGE });
      expect(items[0]!.remainingWorkingDays as number).to.be.at.least(4);
      expect(Date.parse(items[0]!.expectedFinishAt as string)).to.be.greaterThan(Date.parse(items[0]!.stageDueAt as string));
      expect(res.body.forecast.withoutHistory).to.equal(0);
    });

    it('counts only the rounds closed in the range asked for (local dates, both included)', async () => {
      const today = localDate(now, harness().apiDeps.officeCalendar);
      const recent = await sla({ typeId, from: daysBefore(today, 5), to: today });
      expect(recent.status).to.equal(200);
      expect((recent.body.stages as TStageRow[]).map((s) => [s.stageId, s.closed, s.medianWorkingDays, s.open])).to.deep.equal([['kelengkapan', 0, null, 2]]);
      const day = localDate(closedAt, harness().apiDeps.officeCalendar);
      const thatDay = await sla({ typeId, from: day, to: day });
      expect((thatDay.body.stages as TStageRow[]).find((s) => s.stageId === 'kelengkapan')!.closed).to.equal(3);
      // The forecast learns from the last 90 days whatever the range.
      expect(recent.body.forecast.items).to.have.length(1);
    });

    it('answers each table as CSV to Accept: text/csv, formulas defused', async () => {
      const stages = await sla({ typeId }, 'text/csv');
      expect(stages.status).to.equal(200);
      expect(stages.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
      expect(stages.headers['content-disposition']).to.match(/^attachment; filename="sla-stages-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = stages.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).to.equal('type_id,stage_id,stage_name,closed,on_time,on_time_share,median_working_days,p90_working_days,open,open_0_2,open_3_5,open_6_10,open_11_20,open_21_plus');
      expect(lines[1]).to.match(new RegExp(`^${typeId},kelengkapan,"'=HYPERLINK\\(""http://evil.example"",""klik""\\)",3,2,0.6667,\\d+,\\d+,2,2,0,0,0,0$`));
      const forecast = await sla({ typeId, table: 'forecast' }, 'text/csv');
      const rows = forecast.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(rows[0]!.split(',').slice(0, 3)).to.deep.equal(['registration_number', 'case_id', 'type_id']);
      expect(rows).to.have.length(2);
      expect(rows[1]).to.contain(`${typeId}-open-soon`).and.contain(',stage,');
    });
  });

  describe('real cases the worker runs', () => {
    it('moves the figures of their type and stage: a new open round, then a closed one on time', async () => {
      const today = localDate(new Date(), harness().apiDeps.officeCalendar);
      const query = { typeId: 'reklame', stageId: 'kelengkapan', from: today, to: today };
      const figures = async () => ((await sla(query)).body.stages as TStageRow[]).find((s) => s.stageId === 'kelengkapan') ?? { closed: 0, onTime: 0, open: 0 };
      const before = await figures();
      const started = await startPermit('reklame');
      const caseId = started.caseId;
      await until(async () => (await harness().records.listTasksForCase(caseId)).some((t) => t.stageId === 'kelengkapan'), 'the stage to open');
      const opened = await figures();
      expect(opened.open).to.be.at.least(before.open + 1);
      await decideAll(caseId, 'approve');
      await until(async () => (await harness().records.listTasksForCase(caseId)).some((t) => t.stageId === 'kelengkapan' && t.status === 'done'), 'the decision to be projected');
      const closed = (await figures()) as TStageRow;
      expect(closed.closed).to.be.at.least(before.closed + 1);
      expect(closed.onTime).to.be.at.least(before.onTime + 1);
      expect(closed.medianWorkingDays).to.be.a('number');
      expect(closed.p90WorkingDays!).to.be.at.least(closed.medianWorkingDays!);
      expect(closed.onTimeShare!).to.be.within(0, 1);
    });
  });

  describe('refusals', () => {
    it('answers 400 naming the parameter for bad dates, ranges, ids, tables and unknown parameters', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ from: '2026-13-01' }, 'from'],
        [{ to: '1.12.2026' }, 'to'],
        [{ from: '2026-12-02', to: '2026-12-01' }, 'to'],
        [{ from: '2025-01-01', to: '2026-06-30' }, 'from'],
        [{ typeId: 'Bad Type!' }, 'typeId'],
        [{ stageId: 'x'.repeat(80) }, 'stageId'],
        [{ table: 'everything' }, 'table'],
      ];
      for (const [query, path] of cases) {
        const res = await sla(query);
        expect(res.status, JSON.stringify(query)).to.equal(400);
        expect(res.body.error.code).to.equal('INVALID_INPUT');
        expect(res.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(query)).to.include(path);
      }
      const unknown = await sla({ since: '2026-01-01' });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.message).to.contain('since');
      const twice = await http().get('/api/v1/admin/sla?from=2026-01-01&from=2026-02-01').set('Authorization', await harness().token('admin'));
      expect(twice.status).to.equal(400);
      expect(twice.body.error.details[0].path).to.equal('from');
    });

    it('is for administrators only', async () => {
      expect((await http().get('/api/v1/admin/sla')).status).to.equal(401);
      for (const user of ['budi', 'rahmat', 'kepala']) {
        const res = await http().get('/api/v1/admin/sla').set('Authorization', await harness().token(user));
        expect(res.status, user).to.equal(403);
      }
    });
  });

});

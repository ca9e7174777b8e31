import { expect } from 'chai';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { TDatabase } from '../../store/database';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { monthsAskedSchema } from '../../domain/open-data';
import { migrateToLatest } from '../../store/migrations';
import { Records } from '../../store/records';

/**
 * SQLite's plans for the reads that walk the tasks table (the dashboard, the inbox, reviewers' case lists): each
 * must find its rows through an index, never by reading every task ever written. The queries are the store's
 * own, captured as they run; EXPLAIN QUERY PLAN reads them back.
 */
describe('query plans of the task reads (SQLite)', () => {
  let sqlite: Database.Database;
  let db: Kysely<TDatabase>;
  let records: Records;
  let captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];

  before(async () => {
    sqlite = new Database(':memory:');
    db = new Kysely<TDatabase>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    await migrateToLatest(db);
    records = new Records(db, {});
  });
  after(() => db.destroy());

  /** The plan lines of every statement `run` sends. */
  async function plansOf(run: () => Promise<unknown>): Promise<string[][]> {
    captured = [];
    await run();
    return captured.map((q) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters) as Array<{ detail: string }>).map((row) => row.detail));
  }

  const NOW = new Date('2026-12-02T03:00:00Z');
  const WEEKS = [3, 2, 1, 0].map((i) => new Date(NOW.getTime() - i * 7 * 86_400_000));
  const fullTaskScan = (line: string) => /^SCAN (tasks|t)\b/.test(line) && !/COVERING INDEX/.test(line);

  it('reads decided tasks of the on-time share and of closed stage rounds by their decision time', async () => {
    for (const run of [
      () => records.serviceLevels.onTimeByStage(WEEKS, {}),
      () => records.serviceLevels.onTimeByStage(WEEKS, { typeId: 'reklame', stageId: 'kelengkapan' }),
      () => records.serviceLevels.closedStages({ start: WEEKS[0]!, end: NOW }, {}, 100),
    ]) {
      const plans = await plansOf(run);
      expect(plans.flat().some((line) => /tasks_decided_idx \(status=\? AND decided_at>\? AND decided_at<\?\)/.test(line)), plans.flat().join('\n')).to.equal(true);
      expect(plans.flat().filter(fullTaskScan)).to.deep.equal([]);
    }
  });

  it('finds the inbox, open stage rounds, the stage choices and the cases in a reviewer’s scope without a full scan of tasks', async () => {
    const scope = { all: false as const, applicantId: 'rahmat', taskRoles: ['reviewer:dpmptsp', 'reviewer:pupr'], ppkRoles: [] as string[], vendorRoles: [] as string[] };
    for (const run of [
      () => records.listInbox({ roles: ['reviewer:dpmptsp'], limit: 20 }),
      () => records.listInbox({ roles: ['reviewer:dpmptsp', 'reviewer:pupr'], typeId: 'reklame', stageId: 'kelengkapan', dueBefore: NOW.toISOString(), numberPart: 'REK', limit: 20, cursor: ['2026-12-01T00:00:00.000Z', 'task-1'] }),
      () => records.serviceLevels.openStages({}, 100),
      () => records.serviceLevels.knownStages(),
      () => records.listCases({ scope, limit: 20 }),
    ]) {
      const plans = await plansOf(run);
      expect(plans.length).to.be.greaterThan(0);
      expect(plans.flat().filter(fullTaskScan), plans.flat().join('\n')).to.deep.equal([]);
    }
  });

  it('reads a page of the permits, the contracts and the register after its cursor along an index, without sorting the table', async () => {
    for (const [run, index] of [
      [() => records.listCases({ kind: 'permit', limit: 50, cursor: ['2026-12-01T00:00:00.000Z', 'case-1'] }), 'cases_kind_submitted_idx'],
      [() => records.issuance.searchRegister('contract', { limit: 50, cursor: ['2026-12-01T00:00:00.000Z', 'KTR/1'] }), 'issued_documents_register_idx'],
    ] as const) {
      const lines = (await plansOf(run)).flat();
      expect(lines.some((line) => line.includes(index)), lines.join('\n')).to.equal(true);
      expect(lines.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)), lines.join('\n')).to.deep.equal([]);
    }
  });

  it('reads a page of one role’s inbox, earliest due first, of every stage or one, along the open tasks’ indexes without sorting them', async () => {
    for (const [stageId, index] of [
      [undefined, 'tasks_open_role_due_idx'],
      ['penandatanganan', 'tasks_open_role_stage_due_idx'],
    ] as const) {
      for (const cursor of [undefined, ['2026-12-01T00:00:00.000Z', 'task-1']]) {
        const lines = (await plansOf(() => records.listInbox({ roles: ['reviewer:dpmptsp'], stageId, limit: 20, cursor }))).flat();
        expect(lines.some((line) => line.includes(`${index} (`)), lines.join('\n')).to.equal(true);
        expect(lines.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)), lines.join('\n')).to.deep.equal([]);
      }
    }
  });

  it('reads a page of the administrators’ open cases, overdue first, along the running cases’ index without sorting them', async () => {
    for (const run of [
      () => records.serviceLevels.openCases(NOW, { limit: 50 }),
      () => records.serviceLevels.openCases(NOW, { limit: 50, cursor: [1, '2026-12-01T00:00:00.000Z', 'case-1'] }),
      () => records.serviceLevels.openCases(NOW, { limit: 50, cursor: [0, null, 'case-1'] }),
      () => records.serviceLevels.openCases(NOW, { overdueOnly: true, typeId: 'reklame', limit: 25 }),
    ]) {
      const lines = (await plansOf(run)).flat();
      expect(lines.some((line) => line.includes('cases_running_due_idx')), lines.join('\n')).to.equal(true);
      expect(lines.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)), lines.join('\n')).to.deep.equal([]);
    }
  });

  it('counts /metrics figures from indexes: cases per kind and status from a covering index, the outbox backlog from its unsent range', async () => {
    const cases = (await plansOf(() => records.serviceLevels.casesByKindAndStatus())).flat();
    expect(cases, cases.join('\n')).to.deep.equal(['SCAN cases USING COVERING INDEX cases_status_kind_idx']);
    const outbox = (await plansOf(() => records.outbox.backlog())).flat();
    expect(outbox.some((line) => /outbox_unsent_idx \(sent_at=\?\)/.test(line)), outbox.join('\n')).to.equal(true);
    expect(outbox.filter((line) => /^SCAN outbox\b/.test(line) && !/COVERING INDEX/.test(line))).to.deep.equal([]);
  });

  it('reads the permits issued in a range of months (open data) along the range of an index, not every issued case', async () => {
    const range = monthsAskedSchema(new Date('2026-12-02T10:00:00Z'), PONTIANAK_CALENDAR).parse({ from: '2026-01', to: '2026-12' });
    for (const run of [() => records.openData.issuedPerMonth(range), () => records.openData.issuedClosings(range, 100)]) {
      const lines = (await plansOf(run)).flat();
      expect(lines.some((line) => /cases_status_closed_idx \(status=\? AND closed_at>\? AND closed_at<\?\)/.test(line)), lines.join('\n')).to.equal(true);
    }
  });
});

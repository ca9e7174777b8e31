import { expect } from 'chai';
import { seedCase } from '../../scripts/seed-cases';
import type { Records } from '../../store/records';
import { DIALECTS, recordsForSuite } from '../harness/databases';

const wib = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const K = 'Pemeriksaan kelengkapan berkas';
const T = 'Kajian teknis';

/**
 * The rows the service-level analytics read (store/service-levels.ts): stage rounds, i.e. a case's tasks of one
 * stage opened together, closed when all are decided, in a range of decision instants; and the rounds open now.
 */
for (const dialect of DIALECTS) describe(`store: stage rounds for the service-level analytics (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened));
  const range = { start: wib('2026-11-01 00:00'), end: wib('2026-12-01 00:00') };

  before(async () => {
    const base = { typeCode: 'PBG', applicantId: 'siti', status: 'in_review' as const, caseDueAt: wib('2026-12-20 16:00') };
    // r1: kelengkapan closed in the range; a parallel kajian round with one task still open.
    await seedCase(records, {
      ...base,
      caseId: 'r1',
      typeId: 'pbg',
      submittedAt: wib('2026-11-02 08:00'),
      stage: { id: 'kajian_teknis', name: T, dueAt: wib('2026-11-20 16:00') },
      tasks: [
        { stageId: 'kelengkapan', stageName: K, role: 'reviewer:dpmptsp', status: 'done', createdAt: wib('2026-11-02 08:00'), dueAt: wib('2026-11-05 16:00'), decidedAt: wib('2026-11-04 10:00') },
        { stageId: 'kajian_teknis', stageName: T, role: 'reviewer:pupr', status: 'done', createdAt: wib('2026-11-04 10:00'), dueAt: wib('2026-11-20 16:00'), decidedAt: wib('2026-11-10 10:00') },
        { stageId: 'kajian_teknis', stageName: T, role: 'reviewer:damkar', status: 'claimed', createdAt: wib('2026-11-04 10:00'), dueAt: wib('2026-11-20 16:00') },
      ],
    });
    // r2: a parallel kajian round closed by its second decision (in the range, after the first); a second round of
    // kelengkapan (after a revision) closed after the range.
    await seedCase(records, {
      ...base,
      caseId: 'r2',
      typeId: 'pbg',
      submittedAt: wib('2026-10-20 08:00'),
      stage: { id: 'persetujuan', name: 'Persetujuan', dueAt: wib('2026-12-10 16:00') },
      tasks: [
        { stageId: 'kajian_teknis', stageName: T, role: 'reviewer:pupr', status: 'done', createdAt: wib('2026-10-21 08:00'), dueAt: wib('2026-11-03 16:00'), decidedAt: wib('2026-10-30 10:00') },
        { stageId: 'kajian_teknis', stageName: T, role: 'reviewer:damkar', status: 'done', createdAt: wib('2026-10-21 08:00'), dueAt: wib('2026-11-03 16:00'), decidedAt: wib('2026-11-05 10:00') },
        { stageId: 'kelengkapan', stageName: K, role: 'reviewer:dpmptsp', status: 'done', createdAt: wib('2026-11-28 08:00'), dueAt: wib('2026-12-02 16:00'), decidedAt: wib('2026-12-01 09:00') },
        { stageId: 'persetujuan', stageName: 'Persetujuan', role: 'approver:kepala', status: 'open', createdAt: wib('2026-12-01 09:00'), dueAt: wib('2026-12-10 16:00') },
      ],
    });
    // r3: another type; its open task is on a withdrawn case (not running) and must not count as open.
    await seedCase(records, {
      ...base,
      caseId: 'r3',
      typeId: 'reklame',
      typeCode: 'REK',
      status: 'withdrawn',
      closedAt: wib('2026-11-20 10:00'),
      submittedAt: wib('2026-11-10 08:00'),
      stage: null,
      tasks: [
        { stageId: 'kelengkapan', stageName: K, role: 'reviewer:dpmptsp', status: 'done', createdAt: wib('2026-11-10 08:00'), dueAt: wib('2026-11-12 16:00'), decidedAt: wib('2026-11-16 08:00') },
        { stageId: 'kajian_teknis', stageName: T, role: 'reviewer:pupr', status: 'cancelled', createdAt: wib('2026-11-16 08:00'), dueAt: wib('2026-11-20 16:00') },
        { stageId: 'persetujuan', stageName: 'Persetujuan', role: 'approver:kepala', status: 'open', createdAt: wib('2026-11-16 08:00'), dueAt: wib('2026-11-20 16:00') },
      ],
    });
  });

  it('finds the rounds whose last decision falls in the range, every task decided, closing at the last decision', async () => {
    const rows = await records.serviceLevels.closedStages(range, {}, 100);
    expect(rows.map((r) => [r.typeId, r.stageId, r.openedAt, r.closedAt, r.dueAt, r.stageName])).to.deep.equal([
      ['pbg', 'kelengkapan', wib('2026-11-02 08:00').toISOString(), wib('2026-11-04 10:00').toISOString(), wib('2026-11-05 16:00').toISOString(), K],
      ['pbg', 'kajian_teknis', wib('2026-10-21 08:00').toISOString(), wib('2026-11-05 10:00').toISOString(), wib('2026-11-03 16:00').toISOString(), T],
      ['reklame', 'kelengkapan', wib('2026-11-10 08:00').toISOString(), wib('2026-11-16 08:00').toISOString(), wib('2026-11-12 16:00').toISOString(), K],
    ]);
  });

  it('filters by type and stage, and stops at the limit', async () => {
    expect((await records.serviceLevels.closedStages(range, { typeId: 'reklame' }, 100)).map((r) => r.stageId)).to.deep.equal(['kelengkapan']);
    expect((await records.serviceLevels.closedStages(range, { stageId: 'kelengkapan' }, 100)).map((r) => r.typeId)).to.deep.equal(['pbg', 'reklame']);
    expect(await records.serviceLevels.closedStages(range, { typeId: 'pbg', stageId: 'persetujuan' }, 100)).to.deep.equal([]);
    expect(await records.serviceLevels.closedStages(range, {}, 2)).to.have.length(2);
    // The range ends are the last decisions': the round closing on 1 December is in December.
    const december = await records.serviceLevels.closedStages({ start: wib('2026-12-01 00:00'), end: wib('2027-01-01 00:00') }, {}, 100);
    expect(december.map((r) => [r.typeId, r.stageId, r.openedAt])).to.deep.equal([['pbg', 'kelengkapan', wib('2026-11-28 08:00').toISOString()]]);
  });

  it('lists the open rounds of running cases with the round due time and the case deadline', async () => {
    const rows = await records.serviceLevels.openStages({}, 100);
    expect(rows.map((r) => [r.caseId, r.typeId, r.stageId, r.openedAt, r.stageDueAt, r.caseDueAt])).to.deep.equal([
      ['r1', 'pbg', 'kajian_teknis', wib('2026-11-04 10:00').toISOString(), wib('2026-11-20 16:00').toISOString(), wib('2026-12-20 16:00').toISOString()],
      ['r2', 'pbg', 'persetujuan', wib('2026-12-01 09:00').toISOString(), wib('2026-12-10 16:00').toISOString(), wib('2026-12-20 16:00').toISOString()],
    ]);
    expect(rows[0]!.registrationNumber).to.be.a('string').with.length.above(0);
    expect((await records.serviceLevels.openStages({ stageId: 'persetujuan' }, 100)).map((r) => r.caseId)).to.deep.equal(['r2']);
    expect(await records.serviceLevels.openStages({ typeId: 'reklame' }, 100)).to.deep.equal([]);
  });
});

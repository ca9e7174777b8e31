import { expect } from 'chai';
import type { TCaseProjection } from '../../domain/case';
import { newContractFacts } from '../../domain/kinds/contract/contract.facts';
import { openDatabase } from '../../store/database';
import { openRecords, type Records } from '../../store/records';
import { DIALECTS, testDatabase, type TTestDatabase } from '../harness/databases';
import { isCaseOfKind } from '../../store/records.types';

function projection(caseId: string, version: number, overrides: Partial<TCaseProjection>): TCaseProjection {
  return {
    caseId,
    version,
    status: 'negotiation',
    stageId: null,
    stageName: null,
    fields: { title: 'Pengadaan laptop', ppkRole: 'ppk:pupr' },
    facts: newContractFacts(),
    documents: {},
    stageDueAt: null,
    caseDueAt: '2027-01-10T09:00:00.000Z',
    closedAt: null,
    outcomeReason: null,
    tasks: [],
    events: [],
    ...overrides,
  };
}

for (const dialect of DIALECTS) describe(`store: each kind's facts in their own column (migration 0008_case_facts, ${dialect})`, () => {
  let database: TTestDatabase;
  let file: string;
  let records: Records;

  beforeEach(async () => {
    database = await testDatabase(dialect, { migrated: true });
    file = database.location;
    records = await openRecords(file);
    await records.registerCase({ caseId: 'k1', kind: 'contract', typeId: 'barang', typeCode: 'BRG', applicantId: 'ppk', submittedAt: '2026-12-01T02:00:00.000Z', year: 2026 });
  });

  afterEach(async () => {
    await records.close();
    await database.dispose();
  });

  it('writes the projected facts and reads them back typed, apart from the fields', async () => {
    const facts = { ...newContractFacts(), termsVersion: 3, proposals: 2, agreedVersion: 3, flags: ['guarantee_overdue'] };
    await records.projectCase(projection('k1', 5, { facts }));
    const row = await records.getCase('k1');
    expect(isCaseOfKind(row, 'contract')).to.equal(true);
    expect(isCaseOfKind(row, 'addendum')).to.equal(false);
    expect(row!.facts).to.deep.equal(facts);
    expect(row!.fields).to.deep.equal({ title: 'Pengadaan laptop', ppkRole: 'ppk:pupr' });
  });

  it('a newly registered case, not yet projected, has its kind\'s starting facts', async () => {
    const row = await records.getCase('k1');
    expect(row!.facts).to.include({ kind: 'contract', termsVersion: 0, agreedVersion: null });
  });

  it('reads a row written before the column (facts in `fields`): facts taken out, fields clean; a later projection moves them over', async () => {
    const db = openDatabase(file);
    try {
      await db
        .updateTable('cases')
        .set({ fields: JSON.stringify({ title: 'Lama', termsVersion: 2, proposals: 1, agreedVersion: 2, currentVersion: 3, addenda: [{ sequence: 1, number: 'K/ADD-1', termsVersion: 3 }], flags: [] }), facts: null, version: 9 })
        .where('case_id', '=', 'k1')
        .execute();
    } finally {
      await db.destroy();
    }
    const old = await records.getCase('k1');
    expect(old!.fields).to.deep.equal({ title: 'Lama' });
    expect(old!.facts).to.deep.include({ kind: 'contract', termsVersion: 2, agreedVersion: 2, currentVersion: 3 });

    await records.projectCase(projection('k1', 10, { fields: { title: 'Lama' }, facts: { ...newContractFacts(), termsVersion: 4 } }));
    expect((await records.getCase('k1'))!.facts).to.include({ termsVersion: 4 });
  });

  it('refuses facts of the wrong shape instead of passing them on untyped', async () => {
    const db = openDatabase(file);
    try {
      await db.updateTable('cases').set({ facts: JSON.stringify({ kind: 'contract', termsVersion: 'two' }) }).where('case_id', '=', 'k1').execute();
    } finally {
      await db.destroy();
    }
    let failed: unknown;
    await records.getCase('k1').catch((err: unknown) => (failed = err));
    expect(String(failed)).to.contain('termsVersion');
  });
});

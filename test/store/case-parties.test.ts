import { expect } from 'chai';
import { openDatabase } from '../../store/database';
import { migrateUpTo } from '../../store/migrations';
import { openRecords } from '../../store/records';
import { DIALECTS, testDatabase } from '../harness/databases';

/** Migration 0013_case_parties: contracts written before it keep their parties' access, read from their fields. */
for (const dialect of DIALECTS) describe(`store: contract parties of rows written before case_parties (${dialect})`, () => {
  it('fills case_parties from the fields of existing contracts, so their vendor and PPK still see them', async () => {
    const database = await testDatabase(dialect);
    try {
      const db = openDatabase(database.location);
      try {
        await migrateUpTo(db, '0012_calendar_closures');
        const row = (caseId: string, kind: 'permit' | 'contract', fields: Record<string, unknown>) => ({
          case_id: caseId, kind, type_id: 'barang', registration_number: `K/${caseId}`, applicant_id: 'ppk', status: 'in_review' as const,
          fields: JSON.stringify(fields), documents: '{}', submitted_at: '2026-11-02T02:00:00.000Z', version: 3, updated_at: '2026-11-02T02:00:00.000Z',
        });
        await db.insertInto('cases').values([
          row('old-contract', 'contract', { title: 'Laptop', ppkRole: 'ppk:pupr', vendorRole: 'vendor:01.234' }),
          row('old-permit', 'permit', { floors: 2 }),
        ]).execute();
      } finally {
        await db.destroy();
      }
      const records = await openRecords(database.location); // applies 0013 and later
      try {
        const seen = async (scope: { ppkRoles?: string[]; vendorRoles?: string[] }) =>
          (await records.listCases({ scope: { all: false, applicantId: 'nobody', taskRoles: [], ppkRoles: [], vendorRoles: [], ...scope }, limit: 10 })).items.map((c) => c.caseId);
        expect(await seen({ vendorRoles: ['vendor:01.234'] })).to.deep.equal(['old-contract']);
        expect(await seen({ ppkRoles: ['ppk:pupr'] })).to.deep.equal(['old-contract']);
        expect(await seen({ vendorRoles: ['vendor:09.999'] })).to.deep.equal([]);
      } finally {
        await records.close();
      }
    } finally {
      await database.dispose();
    }
  });
});

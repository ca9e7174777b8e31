import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { monthsAskedSchema } from '../../domain/open-data';
import { seedCase, type TSeedCase } from '../../scripts/seed-cases';
import type { Records } from '../../store/records';
import { DIALECTS, recordsForSuite } from '../harness/databases';

const at = (iso: string) => new Date(iso);
/** Months in office time (WIB, UTC+7), as the API asks the store for them. */
const months = (from: string, to: string) => monthsAskedSchema(new Date('2026-12-02T10:00:00Z'), PONTIANAK_CALENDAR).parse({ from, to });

/**
 * The open-data aggregates (store/open-data.ts) on both dialects: issued permits counted per office (WIB) month, type and
 * the `kecamatan` field by the database; the closings of a range for the processing times; nothing else counted.
 */
for (const dialect of DIALECTS) describe(`store: open-data aggregates (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened));

  const permit = (caseId: string, typeId: string, closedAt: string | null, fields: Record<string, unknown>, status: TSeedCase['status'] = 'issued'): TSeedCase => ({
    caseId,
    typeId,
    typeCode: typeId.toUpperCase(),
    applicantId: 'siti',
    submittedAt: at('2026-01-05T02:00:00Z'),
    status,
    stage: null,
    caseDueAt: at('2026-02-20T09:00:00Z'),
    closedAt: closedAt ? at(closedAt) : null,
    fields,
  });

  before(async () => {
    await seedCase(records, permit('o1', 'pbg', '2026-02-03T03:00:00Z', { kecamatan: 'sungai_raya' }));
    await seedCase(records, permit('o2', 'pbg', '2026-02-27T10:00:00Z', { kecamatan: 'sungai_raya' }));
    await seedCase(records, permit('o3', 'pbg', '2026-02-28T16:59:59Z', { kecamatan: 'kubu' })); // 23:59:59 WIB, 28 February
    await seedCase(records, permit('o4', 'pbg', '2026-02-28T17:00:00Z', { kecamatan: 'sungai_raya' })); // 00:00 WIB, 1 March
    await seedCase(records, permit('o5', 'reklame', '2026-02-10T03:00:00Z', {}));
    // Not issued, or outside the range: never counted.
    await seedCase(records, permit('o6', 'pbg', '2026-02-11T03:00:00Z', { kecamatan: 'sungai_raya' }, 'rejected'));
    await seedCase(records, permit('o7', 'pbg', null, { kecamatan: 'sungai_raya' }, 'in_review'));
    await seedCase(records, permit('o8', 'pbg', '2026-01-31T16:59:59Z', { kecamatan: 'sungai_raya' })); // 23:59:59 WIB, 31 January
  });

  it('counts issued permits per month, type and kecamatan, with no kecamatan as null', async () => {
    const rows = await records.openData.issuedPerMonth(months('2026-02', '2026-03'));
    expect(rows).to.deep.equal([
      { month: '2026-02', typeId: 'pbg', kecamatan: 'kubu', issued: 1 },
      { month: '2026-02', typeId: 'pbg', kecamatan: 'sungai_raya', issued: 2 },
      { month: '2026-02', typeId: 'reklame', kecamatan: null, issued: 1 },
      { month: '2026-03', typeId: 'pbg', kecamatan: 'sungai_raya', issued: 1 },
    ]);
    expect(await records.openData.issuedPerMonth(months('2026-01', '2026-01'))).to.deep.equal([{ month: '2026-01', typeId: 'pbg', kecamatan: 'sungai_raya', issued: 1 }]);
  });

  it('lists the closings of the range in closing order, up to the limit', async () => {
    const rows = await records.openData.issuedClosings(months('2026-02', '2026-02'), 10);
    expect(rows.map((r) => [r.month, r.typeId, r.closedAt])).to.deep.equal([
      ['2026-02', 'pbg', '2026-02-03T03:00:00.000Z'],
      ['2026-02', 'reklame', '2026-02-10T03:00:00.000Z'],
      ['2026-02', 'pbg', '2026-02-27T10:00:00.000Z'],
      ['2026-02', 'pbg', '2026-02-28T16:59:59.000Z'],
    ]);
    expect(rows[0]).to.include({ submittedAt: '2026-01-05T02:00:00.000Z', caseDueAt: '2026-02-20T09:00:00.000Z' });
    expect(await records.openData.issuedClosings(months('2026-02', '2026-02'), 2)).to.have.length(2);
  });
});

import { expect } from 'chai';
import type { TLapseEvidence } from '../../domain/engine/case-lapse';
import type { Records } from '../../store/records';
import { DIALECTS, recordsForSuite } from '../harness/databases';

const evidence = (lapsedAt: string): TLapseEvidence => ({
  caseId: 'c1',
  registrationNumber: 'REG/UJI/2026/000001',
  typeId: 'uji',
  typeName: 'Uji',
  receivedAt: '2026-11-27T02:00:00.000Z',
  completeness: null,
  serviceLevelDays: 1,
  countedDays: ['2026-11-30'],
  skipped: [{ date: '2026-11-28', reason: 'weekend' }],
  pauses: [],
  calendar: { calendarVersion: 'v1', closuresRevision: 0 },
  lapsedAt,
  policy: 'flag',
  legalBasis: 'Pasal 53',
});

for (const dialect of DIALECTS) describe(`store/case-lapses: one evidence pack per lapsed case (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened));
  it('keeps the first record: a retried activity gets it back, whatever it sealed meanwhile', async () => {
    expect(await records.lapses.forCase('c1')).to.equal(undefined);
    const first = await records.lapses.record({ caseId: 'c1', evidence: evidence('2026-11-30T09:00:00.000Z'), reportSha256: 'a'.repeat(64), recordedAt: '2026-11-30T09:00:01.000Z' });
    const again = await records.lapses.record({ caseId: 'c1', evidence: evidence('2026-12-01T09:00:00.000Z'), reportSha256: 'b'.repeat(64), recordedAt: '2026-12-01T09:00:01.000Z' });
    expect(again).to.deep.equal(first);
    expect(first).to.deep.equal({ caseId: 'c1', evidence: evidence('2026-11-30T09:00:00.000Z'), reportSha256: 'a'.repeat(64), recordedAt: '2026-11-30T09:00:01.000Z' });
  });
});

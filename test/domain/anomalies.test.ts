import { expect } from 'chai';
import { addendaNearCap, vendorConcentration, type TAward } from '../../domain/anomalies/contract-rules';
import { afterHoursDecisions, fastApproval, issuedAfterDeadline, revisionLoops, samePersonTwoStages, signedDocumentDiffers } from '../../domain/anomalies/case-rules';
import { officeHoursFromFile } from '../../worker/anomaly-sweeper';
import { auditEvent, normalAuditCase } from '../harness/audit-cases';

const office = officeHoursFromFile();
const event = auditEvent;
const normal = normalAuditCase;
const medians = new Map([['reklame', { medianMs: 48 * 3_600_000, samples: 10 }]]);

describe('anomaly rules (Inspektorat)', () => {
  it('finds nothing in a normal case', () => {
    const c = normal();
    expect([...afterHoursDecisions(c, office), ...samePersonTwoStages(c), ...fastApproval(c, medians), ...revisionLoops(c), ...signedDocumentDiffers(c), ...issuedAfterDeadline(c)]).to.deep.equal([]);
  });

  it('finds a decision at 22:00 WIB, on a Saturday and on a holiday, with its local time', () => {
    const c = normal({ events: [event('approve', '2026-11-10T15:00:00.000Z'), event('approve', '2026-11-14T03:00:00.000Z', 'agus', 'technical'), event('sign', '2026-12-25T03:00:00.000Z', 'kepala', null), event('claimed', '2026-11-10T16:00:00.000Z')] });
    const found = afterHoursDecisions(c, office);
    expect(found.map((f) => f.evidence.localTime)).to.deep.equal(['22:00', '10:00', '10:00']);
    expect(found.map((f) => f.evidence.localDate)).to.deep.equal(['2026-11-10', '2026-11-14', '2026-12-25']);
    // What the auditor checks the time against: that day's hours (none on a Saturday) and the holiday's name.
    expect(found.map((f) => [f.evidence.zone, f.evidence.officeHours, f.evidence.holiday])).to.deep.equal([
      ['WIB', { opens: '07:30', closes: '16:00' }, null],
      ['WIB', null, null],
      ['WIB', { opens: '07:30', closes: '16:30' }, 'Kelahiran Yesus Kristus (Natal)'],
    ]);
  });

  it('finds one person deciding two stages of a case', () => {
    const c = normal({ events: [event('approve', '2026-11-10T03:00:00.000Z', 'rahmat', 'completeness'), event('approve', '2026-11-10T04:00:00.000Z', 'rahmat', 'technical')] });
    expect(samePersonTwoStages(c)).to.deep.equal([{ rule: 'same_person_two_stages', caseId: 'c1', subject: 'actor:rahmat', evidence: { actorId: 'rahmat', stages: ['completeness', 'technical'] } }]);
  });

  it('finds a permit issued in under a tenth of its type\'s median, only with enough samples', () => {
    const fast = normal({ closedAt: '2026-11-10T06:00:00.000Z' }); // 4 hours against a 48-hour median
    expect(fastApproval(fast, medians)[0]!.evidence).to.include({ tookHours: 4, typeMedianHours: 48 });
    expect(fastApproval(fast, new Map([['reklame', { medianMs: 48 * 3_600_000, samples: 2 }]]))).to.deep.equal([]);
  });

  it('finds more than two revision loops, not two', () => {
    const loops = (n: number) => normal({ events: Array.from({ length: n }, (_, i) => event('request_changes', `2026-11-1${i}T03:00:00.000Z`)) });
    expect(revisionLoops(loops(2))).to.deep.equal([]);
    expect(revisionLoops(loops(3))[0]!.evidence.loops).to.equal(3);
  });

  it('finds a signature over other bytes than the previous one produced, and an issued document that is not the signed one', () => {
    const c = normal({
      signatures: [
        { step: 'vendor', userId: 'vendor-a', signedAt: '2026-11-12T03:00:00.000Z', inputSha256: 'a'.repeat(64), outputSha256: 'b'.repeat(64) },
        { step: 'ppk', userId: 'ppk', signedAt: '2026-11-12T04:00:00.000Z', inputSha256: 'c'.repeat(64), outputSha256: 'd'.repeat(64) },
      ],
      issuedSha256: 'e'.repeat(64),
    });
    expect(signedDocumentDiffers(c).map((f) => f.subject)).to.deep.equal(['step:ppk', 'issued']);
  });

  it('finds a permit issued after its deadline without a reason, not with one', () => {
    const late = normal({ closedAt: '2026-11-21T03:00:00.000Z' });
    expect(issuedAfterDeadline(late)[0]!.evidence.lateHours).to.equal(18);
    expect(issuedAfterDeadline({ ...late, outcomeReason: 'Keadaan kahar: banjir' })).to.deep.equal([]);
  });

  it('finds addenda adding 9% or more of the original value, not 8%', () => {
    const contract = (current: number) => normal({ kind: 'contract', contractValues: { original: 100_000_000, current } });
    expect(addendaNearCap(contract(108_000_000))).to.deep.equal([]);
    expect(addendaNearCap(contract(109_500_000))[0]!.evidence.addedPercent).to.equal(9.5);
  });

  it('finds a vendor awarded three contracts by one PPK within a year, not two nor older ones', () => {
    const award = (caseId: string, awardDate: string, vendorRole = 'vendor:1'): TAward => ({ caseId, registrationNumber: caseId, ppkRole: 'ppk:dinas-pupr', vendorRole, awardDate });
    const now = new Date('2026-12-01T00:00:00Z');
    expect(vendorConcentration([award('a', '2026-01-10'), award('b', '2026-06-01'), award('c', '2025-06-01'), award('d', '2026-07-01', 'vendor:2')], now)).to.deep.equal([]);
    const found = vendorConcentration([award('a', '2026-01-10'), award('b', '2026-06-01'), award('c', '2026-11-01')], now);
    expect(found).to.have.length(1);
    expect(found[0]).to.include({ caseId: 'c', subject: 'pair:ppk:dinas-pupr|vendor:1' });
    expect(found[0]!.evidence.count).to.equal(3);
  });
});

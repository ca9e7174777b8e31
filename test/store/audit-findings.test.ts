import { expect } from 'chai';
import type { TFinding } from '../../domain/anomalies/finding';
import { seedCase } from '../../scripts/seed-cases';
import type { Records } from '../../store/records';
import { DIALECTS, recordsForSuite } from '../harness/databases';

/** The Inspektorat's findings table and the rules' read of cases (store/audit-findings.ts, store/audit-cases.ts) on both dialects. */
for (const dialect of DIALECTS) describe(`store: audit findings (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened));

  const finding = (caseId: string, subject = '', evidence: Record<string, unknown> = { loops: 3 }): TFinding => ({ rule: 'revision_loops', caseId, subject, evidence });

  it('records a finding once per rule, case and subject, refreshing its evidence', async () => {
    expect(await records.auditFindings.record([finding('f1'), finding('f2'), finding('f2', 'x')], new Date('2026-11-01T00:00:00Z'))).to.equal(3);
    expect(await records.auditFindings.record([finding('f1', '', { loops: 4 }), finding('f2')], new Date('2026-11-02T00:00:00Z'))).to.equal(0);
    const [f1] = (await records.auditFindings.list({ caseId: 'f1', limit: 10 })).items;
    expect(f1).to.include({ firstSeenAt: '2026-11-01T00:00:00.000Z', lastSeenAt: '2026-11-02T00:00:00.000Z' });
    expect(f1!.evidence).to.deep.equal({ loops: 4 });
  });

  it('pages newest first and acknowledges once, in the transparency log', async () => {
    const first = await records.auditFindings.list({ rule: 'revision_loops', limit: 2 });
    expect(first.items).to.have.length(2);
    const rest = await records.auditFindings.list({ rule: 'revision_loops', limit: 2, cursor: first.next! });
    expect([...first.items, ...rest.items].map((f) => f.id)).to.have.length(3);
    const id = first.items[0]!.id;
    const logged = await records.auditLog.size();
    expect(await records.auditFindings.acknowledge(id, 'inspektur', 'Sudah diperiksa')).to.equal(true);
    expect(await records.auditFindings.acknowledge(id, 'inspektur', 'Lagi')).to.equal(false);
    expect((await records.auditFindings.get(id))!.acknowledgement).to.include({ by: 'inspektur', note: 'Sudah diperiksa' });
    const [entry] = await records.auditLog.entries(logged, logged + 1);
    expect(entry).to.include({ kind: 'audit-finding', action: 'acknowledged', actor: 'inspektur' });
    expect((await records.auditFindings.list({ acknowledged: true, limit: 10 })).items.map((f) => f.id)).to.deep.equal([id]);
  });

  it('filters by the case\'s kind and type and the instants first seen, counts per rule, and gives the export its cases', async () => {
    const at = (day: string) => new Date(`2026-10-${day}T03:00:00Z`);
    await seedCase(records, { caseId: 'k1', typeId: 'pbg', typeCode: 'PBG', applicantId: 'siti', submittedAt: at('01'), status: 'in_review', stage: null, caseDueAt: at('20'), closedAt: null });
    await seedCase(records, { caseId: 'k2', typeId: 'reklame', typeCode: 'REK', applicantId: 'siti', submittedAt: at('01'), status: 'in_review', stage: null, caseDueAt: at('20'), closedAt: null });
    await records.auditFindings.record([finding('k1'), { rule: 'fast_approval', caseId: 'k1', subject: '', evidence: {} }], at('05'));
    await records.auditFindings.record([finding('k2')], at('07'));
    const ids = async (m: Parameters<Records['auditFindings']['list']>[0]) => (await records.auditFindings.list(m)).items.map((f) => `${f.caseId}:${f.rule}`).sort();
    expect(await ids({ typeId: 'pbg', limit: 10 })).to.deep.equal(['k1:fast_approval', 'k1:revision_loops']);
    expect(await ids({ typeId: 'pbg', kind: 'contract', limit: 10 })).to.deep.equal([]);
    const october = { since: at('06').toISOString(), before: at('08').toISOString() };
    expect(await ids({ ...october, kind: 'permit', limit: 10 })).to.deep.equal(['k2:revision_loops']);
    const counts = await records.auditFindings.countByRule({ since: at('05').toISOString(), before: at('08').toISOString() });
    expect(Object.fromEntries(counts)).to.deep.equal({ revision_loops: 2, fast_approval: 1 });
    const exported = await records.listCases({ withFinding: { rule: 'fast_approval', since: at('01').toISOString() }, limit: 10 });
    expect(exported.items.map((c) => c.caseId)).to.deep.equal(['k1']);
    expect((await records.listCases({ withFinding: { rule: 'revision_loops', ...october }, limit: 10 })).items.map((c) => c.caseId)).to.deep.equal(['k2']);
  });

  it('reads the changed cases and the usual time of a type for the rules', async () => {
    for (const [caseId, hours] of [['m1', 10], ['m2', 20], ['m3', 30]] as const) {
      await seedCase(records, { caseId, typeId: 'pbg', typeCode: 'PBG', applicantId: 'siti', submittedAt: new Date('2026-11-02T02:00:00Z'), status: 'issued', stage: null, caseDueAt: new Date('2026-11-20T09:00:00Z'), closedAt: new Date(Date.parse('2026-11-02T02:00:00Z') + hours * 3_600_000) });
    }
    expect((await records.auditCases.typeMedians()).get('pbg')).to.deep.equal({ medianMs: 20 * 3_600_000, samples: 3 });
    const page = await records.auditCases.changedSince('2000-01-01T00:00:00Z', undefined, 2);
    expect(page.items).to.have.length(2);
    const c = await records.auditCases.load('m2');
    expect(c).to.include({ caseId: 'm2', kind: 'permit', status: 'issued', issuedSha256: null });
    expect(c!.signatures).to.deep.equal([]);
  });
});

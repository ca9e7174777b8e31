import { expect } from 'chai';
import { createNoticeStage, type TStageNoticeDeps } from '../../activities/stage-notice.activity';
import type { TTask } from '../../domain/case';
import { loadCatalog, CATALOG_DIR } from '../../store/catalog';
import { loadOffice } from '../../store/certificate-layouts';
import { loadContractCatalog } from '../../store/contract-catalog';
import { loadOrganisation } from '../../store/organisation';
import type { Records } from '../../store/records';
import { DIALECTS, recordsForSuite } from '../harness/databases';

const STAGE = { stageId: 'kajian_teknis', stageName: 'Kajian teknis' };

function task(id: string, role: string, status: TTask['status'] = 'open'): TTask {
  return { id, kind: 'review', caseId: 'case-n', ...STAGE, role, status, assignee: null, outcome: null, comment: null, createdAt: '2026-12-01T01:00:00.000Z', dueAt: '2026-12-03T09:00:00.000Z', decidedAt: null, version: 2 };
}

/**
 * noticeStage (activities/stage-notice.activity.ts) on a real store of each dialect: addressees resolved from the
 * shipped organisation, mails in the outbox, once; then the store's reads of them (store/stage-notices.ts).
 */
for (const dialect of DIALECTS) describe(`stage notices: inbox rows and one e-mail per addressee, once (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened), { eachTest: true });
  let noticeStage: ReturnType<typeof createNoticeStage>;

  beforeEach(async () => {
    const deps: TStageNoticeDeps = { records, catalog: loadCatalog(CATALOG_DIR), contractTypes: loadContractCatalog(), office: loadOffice(), organisation: loadOrganisation(), publicUrl: 'https://izin.example.org' };
    noticeStage = createNoticeStage(deps);
    await records.registerCase({ caseId: 'case-n', kind: 'permit', typeId: 'pbg', typeCode: 'PBG', applicantId: 'budi', submittedAt: '2026-11-30T02:00:00.000Z', year: 2026 });
    await records.projectCase({
      caseId: 'case-n', version: 2, status: 'in_review', ...STAGE, fields: {}, facts: { kind: 'permit', flags: [] }, documents: {},
      stageDueAt: '2026-12-03T09:00:00.000Z', caseDueAt: null, closedAt: null, outcomeReason: null,
      tasks: [task('t-pupr', 'reviewer:pupr'), task('t-damkar', 'reviewer:damkar'), task('t-done', 'reviewer:dpmptsp', 'done')], events: [],
    });
  });
  const notice = (kind: 'reminder_50' | 'reminder_90' | 'escalation', to: 'role' | 'supervisor' | 'head') => ({
    caseId: 'case-n', notice: { stageId: STAGE.stageId, kind, to, at: '2026-12-02T09:00:00.000Z' }, roles: ['reviewer:pupr', 'reviewer:damkar'], dueAt: '2026-12-03T09:00:00.000Z',
  });

  it('a retried activity (two calls) writes each notice and each e-mail once per addressee', async () => {
    for (const input of [notice('reminder_50', 'role'), notice('reminder_90', 'supervisor'), notice('escalation', 'head')]) {
      await noticeStage(input);
      await noticeStage(input);
    }
    const rows = await records.stageNotices.forCase('case-n');
    expect(rows.map((r) => `${r.kind}>${r.role}`).sort()).to.deep.equal(
      ['reminder_50>reviewer:pupr', 'reminder_50>reviewer:damkar', 'reminder_90>supervisor:pupr', 'reminder_90>supervisor:damkar', 'escalation>approver:kepala-dpmptsp'].sort(),
    );
    const mails = await records.outbox.forCase('case-n');
    expect(mails.map((m) => `${m.key}>${m.recipient}`).sort()).to.deep.equal(
      [
        'notice:case-n:kajian_teknis:reminder_50:reviewer:pupr>perizinan@pupr.example.org',
        'notice:case-n:kajian_teknis:reminder_50:reviewer:damkar>proteksi@damkar.example.org',
        'notice:case-n:kajian_teknis:reminder_90:supervisor:pupr>kepala@pupr.example.org',
        'notice:case-n:kajian_teknis:reminder_90:supervisor:damkar>kepala@damkar.example.org',
        'notice:case-n:kajian_teknis:escalation:approver:kepala-dpmptsp>kepala@dpmptsp.example.org',
      ].sort(),
    );
    const toPupr = mails.find((m) => m.recipient === 'perizinan@pupr.example.org')!;
    expect(toPupr.subject).to.match(/^\[Pengingat\] REG\/PBG\/2026\/\d{6}: Kajian teknis$/);
    expect(toPupr.body, 'the reader’s own task').to.include('https://izin.example.org/tugas/t-pupr');
    expect(toPupr.body).to.include('Persetujuan Bangunan Gedung (PBG)');
    const toHead = mails.find((m) => m.recipient === 'kepala@dpmptsp.example.org')!;
    expect(toHead.subject).to.match(/^\[Eskalasi\] Batas waktu terlewati: REG\/PBG\/2026\/\d{6} \(Kajian teknis\)$/);
    expect(toHead.body, 'a task of the stage still open').to.match(/https:\/\/izin\.example\.org\/tugas\/t-(pupr|damkar)\n/);
    const toKadisDamkar = mails.find((m) => m.recipient === 'kepala@damkar.example.org')!;
    expect(toKadisDamkar.body, 'the supervised role’s task').to.include('https://izin.example.org/tugas/t-damkar');
  });

  it('lists a role’s notices newest first a page at a time, the supervisor’s and head’s too, and the open escalation until the stage closes', async () => {
    await noticeStage({ ...notice('reminder_50', 'role'), notice: { ...notice('reminder_50', 'role').notice, at: '2026-12-01T09:00:00.000Z' } });
    await noticeStage(notice('reminder_90', 'supervisor'));
    await noticeStage(notice('escalation', 'head'));
    const since = '2026-11-01T00:00:00.000Z';
    const pupr = await records.stageNotices.forRoles({ roles: ['reviewer:pupr', 'reviewer:bapenda'], since, limit: 10 });
    expect(pupr.map((n) => n.kind)).to.deep.equal(['reminder_50']);
    expect(pupr[0]).to.include({ stageName: 'Kajian teknis', stageOpen: true, taskId: 't-pupr', typeId: 'pbg', caseKind: 'permit' });
    const both = await records.stageNotices.forRoles({ roles: ['supervisor:pupr', 'supervisor:damkar'], since, limit: 1 });
    expect(both.map((n) => n.role)).to.deep.equal(['supervisor:pupr']); // same instant: by key, descending
    const next = await records.stageNotices.forRoles({ roles: ['supervisor:pupr', 'supervisor:damkar'], since, limit: 1, cursor: { at: both[0]!.at, key: both[0]!.key } });
    expect(next.map((n) => n.role)).to.deep.equal(['supervisor:damkar']);
    expect(await records.stageNotices.forRoles({ roles: ['reviewer:pupr'], since: '2026-12-02T00:00:00.000Z', limit: 10 }), 'older than the window').to.deep.equal([]);
    expect(await records.stageNotices.forRoles({ roles: [], since, limit: 10 })).to.deep.equal([]);
    expect((await records.listTaskRoles('case-n')).sort(), 'the addressees read the case').to.deep.equal(
      ['approver:kepala-dpmptsp', 'reviewer:damkar', 'reviewer:dpmptsp', 'reviewer:pupr', 'supervisor:damkar', 'supervisor:pupr'],
    );

    const open = await records.stageNotices.openEscalations(10);
    expect(open.total).to.equal(1);
    expect(open.items).to.deep.equal([
      { caseId: 'case-n', stageId: 'kajian_teknis', stageName: 'Kajian teknis', registrationNumber: open.items[0]!.registrationNumber, typeId: 'pbg', caseKind: 'permit', at: '2026-12-02T09:00:00.000Z', stageDueAt: '2026-12-03T09:00:00.000Z', taskId: 't-damkar' }, // the stage's first open task (created together: by id)
    ]);
    await records.projectCase({
      caseId: 'case-n', version: 3, status: 'in_review', stageId: 'persetujuan', stageName: 'Persetujuan', fields: {}, facts: { kind: 'permit', flags: [] }, documents: {},
      stageDueAt: '2026-12-09T09:00:00.000Z', caseDueAt: null, closedAt: null, outcomeReason: null, tasks: [{ ...task('t-pupr', 'reviewer:pupr', 'done'), version: 3 }], events: [],
    });
    expect(await records.stageNotices.openEscalations(10), 'the case moved on').to.deep.equal({ items: [], total: 0 });
    expect((await records.stageNotices.forRoles({ roles: ['approver:kepala-dpmptsp'], since, limit: 10 }))[0]).to.include({ kind: 'escalation', stageOpen: false });
  });
});

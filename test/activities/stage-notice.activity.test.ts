import { expect } from 'chai';
import { createNoticeStage, type TStageNoticeDeps } from '../../activities/stage-notice.activity';
import type { TTask } from '../../domain/case';
import { loadCatalog, CATALOG_DIR } from '../../store/catalog';
import { loadOffice } from '../../store/certificate-layouts';
import { loadContractCatalog } from '../../store/contract-catalog';
import { loadOrganisation } from '../../store/organisation';
import { openRecords, type Records } from '../../store/records';

const STAGE = { stageId: 'kajian_teknis', stageName: 'Kajian teknis' };

function task(id: string, role: string, status: TTask['status'] = 'open'): TTask {
  return { id, kind: 'review', caseId: 'case-n', ...STAGE, role, status, assignee: null, outcome: null, comment: null, createdAt: '2026-12-01T01:00:00.000Z', dueAt: '2026-12-03T09:00:00.000Z', decidedAt: null, version: 2 };
}

/** noticeStage on a real (in-memory SQLite) store: addressees resolved from the shipped organisation, mails in the outbox. */
describe('noticeStage activity: inbox rows and one e-mail per addressee, once (activities/stage-notice.activity.ts)', () => {
  let records: Records;
  let noticeStage: ReturnType<typeof createNoticeStage>;

  beforeEach(async () => {
    records = await openRecords(':memory:');
    const deps: TStageNoticeDeps = { records, catalog: loadCatalog(CATALOG_DIR), contractTypes: loadContractCatalog(), office: loadOffice(), organisation: loadOrganisation(), publicUrl: 'https://izin.example.org' };
    noticeStage = createNoticeStage(deps);
    await records.registerCase({ caseId: 'case-n', kind: 'permit', typeId: 'pbg', typeCode: 'PBG', applicantId: 'budi', submittedAt: '2026-11-30T02:00:00.000Z', year: 2026 });
    await records.projectCase({
      caseId: 'case-n', version: 2, status: 'in_review', ...STAGE, fields: {}, facts: { kind: 'permit', flags: [] }, documents: {},
      stageDueAt: '2026-12-03T09:00:00.000Z', caseDueAt: null, closedAt: null, outcomeReason: null,
      tasks: [task('t-pupr', 'reviewer:pupr'), task('t-damkar', 'reviewer:damkar'), task('t-done', 'reviewer:dpmptsp', 'done')], events: [],
    });
  });
  afterEach(() => records.close());

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
});

import { expect } from 'chai';
import supertest from 'supertest';
import { as, submit } from '../harness/api-client';
import { draft } from '../harness/contracts';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { csrfOf, signInAs } from '../harness/web';
import { officeHoursFromFile, sweepAnomalies } from '../../worker/anomaly-sweeper';

/**
 * The Inspektorat's auditor (issue 13 §2): reads every case in full, never writes, and each read of theirs is an
 * entry of the transparency log.
 */

const http = () => harness().http();
const auditor = () => harness().token('inspektur');

async function auditorReadsOf(caseId: string) {
  const size = await harness().records.auditLog.size();
  const entries = await harness().records.auditLog.entries(Math.max(0, size - 500), size);
  return entries.filter((e) => e.kind === 'audit-read' && e.actor === 'inspektur' && e.subjects.caseId === caseId);
}

describe('the auditor (Inspektorat)', function () {
  this.timeout(5 * 60_000);
  let caseId: string;
  let taskId: string;

  before(async () => {
    const res = await submit('reklame', 'budi');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseId = res.body.id as string;
    taskId = (await harness().records.listTasksForCase(caseId))[0]!.id;
  });

  it('reads any case in full, and each read is logged in the transparency log with who, what and when', async () => {
    const before = (await auditorReadsOf(caseId)).length;
    const started = Date.now();
    const res = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await auditor());
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.applicant.nik, 'full personal data').to.not.include('*');
    const reads = await auditorReadsOf(caseId);
    expect(reads.length).to.equal(before + 1);
    const read = reads.at(-1)!;
    expect(read.subjects.target).to.equal(`/permits/${caseId}`);
    expect(Date.parse(read.at)).to.be.at.least(started - 1000);
  });

  it('is refused every write with 403 before the route looks at it', async () => {
    const token = await auditor();
    const writes = [
      http().post(`/api/v1/tasks/${taskId}/claim`),
      http().post(`/api/v1/tasks/${taskId}/decision`).send({ outcome: 'approve' }),
      http().post(`/api/v1/permits/${caseId}/withdrawal`).send({ reason: 'x' }),
      http().post(`/api/v1/admin/permits/${caseId}/revocation`).send({}),
      http().post('/api/v1/permits').send({}),
    ];
    for (const req of writes) {
      const res = await req.set('Authorization', token);
      expect(res.status, JSON.stringify(res.body)).to.equal(403);
      expect(res.body.error.message).to.equal('auditors read only');
    }
    const task = (await harness().records.listTasksForCase(caseId)).find((t) => t.id === taskId)!;
    expect(task.status, 'the task was not claimed').to.equal('open');
  });

  describe('anomaly findings from real scenarios', () => {
    const openTasks = async (id: string) => (await harness().records.listTasksForCase(id)).filter((t) => t.status === 'open' || t.status === 'claimed');
    const decide = async (taskId: string, auth: string, body: object) => {
      const res = await http().post(`/api/v1/tasks/${taskId}/decision`).set('Authorization', auth).send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    };
    let twoStages: string;
    let loops: string;
    let lastContract: string;
    let sweptFrom: string;

    before(async () => {
      sweptFrom = new Date(Date.now() - 1000).toISOString();
      // One official holding both the completeness check and the technical review decides both.
      twoStages = (await submit('reklame', 'budi')).body.id as string;
      const both = await harness().token('ganda', ['reviewer:dpmptsp', 'reviewer:pupr']);
      await decide((await openTasks(twoStages))[0]!.id, both, { outcome: 'approve' });
      const technical = await until(async () => (await openTasks(twoStages)).find((t) => t.role === 'reviewer:pupr'), 'the technical review');
      await decide(technical.id, both, { outcome: 'approve' });
      // Three rounds of changes requested and revised.
      loops = (await submit('reklame', 'siti')).body.id as string;
      for (let round = 0; round < 3; round++) {
        const task = await until(async () => (await openTasks(loops))[0], 'the completeness check');
        await decide(task.id, await as('reviewer:dpmptsp'), { outcome: 'request_changes', comment: `Lengkapi berkas (putaran ${round + 1})` });
        const revised = await http().post(`/api/v1/permits/${loops}/revisions`).set('Authorization', await harness().token('siti')).send({ fields: { face_count: round + 2 }, comment: 'Berkas dilengkapi' });
        expect(revised.status, JSON.stringify(revised.body)).to.equal(200);
      }
      // The store is projected from the workflows a moment after each answer: the rules read the store.
      const eventsOf = async (id: string, action: string) => (await harness().records.listEvents(id)).filter((e) => e.action === action).length;
      await until(async () => (await eventsOf(loops, 'revised')) === 3 && (await eventsOf(twoStages, 'approve')) === 2, 'the decisions in the store');
      // The PPK's contracts with one vendor: three within a year is a finding (the shared store may hold more).
      for (let i = 0; i < 3; i++) lastContract = await draft();
    });

    it('the sweep records them once, the auditor lists them with evidence, and an acknowledgement is logged', async () => {
      const first = await sweepAnomalies({ records: harness().records, office: officeHoursFromFile() }, sweptFrom);
      expect(first.cases).to.be.at.least(5);
      const again = await sweepAnomalies({ records: harness().records, office: officeHoursFromFile() }, sweptFrom);
      const auth = await auditor();
      const findingsOf = async (caseId: string, rule: string) => {
        const res = await http().get(`/api/v1/audit/findings?rule=${rule}&limit=200${caseId ? `&caseId=${caseId}` : ''}`).set('Authorization', auth);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body.items as Array<{ id: string; rule: string; caseId: string; registrationNumber: string; evidence: Record<string, unknown> }>;
      };
      const [same] = await findingsOf(twoStages, 'same_person_two_stages');
      expect(same!.evidence).to.deep.equal({ actorId: 'ganda', stages: ['kelengkapan', 'kajian_teknis'] });
      const [loop] = await findingsOf(loops, 'revision_loops');
      expect(loop!.evidence.loops).to.equal(3);
      // One finding per PPK and vendor, on their latest contract (the shared store may hold later ones than this test's).
      const vendor = (await findingsOf('', 'vendor_concentration')).find((f) => f.evidence.ppkRole === 'ppk:dinas-pupr' && f.evidence.vendorRole === 'vendor:012345678901234');
      expect((vendor!.evidence.contracts as Array<{ caseId: string }>).map((c) => c.caseId)).to.include(lastContract);
      expect(vendor!.evidence.count).to.be.at.least(3);
      expect(again.added, 'a rerun adds nothing').to.equal(0);
      for (const f of [same!, loop!, vendor!]) process.stdout.write(`      finding ${f.rule} on ${f.registrationNumber}: ${JSON.stringify(f.evidence).slice(0, 300)}\n`);

      const ack = await http().post(`/api/v1/audit/findings/${same!.id}/acknowledgement`).set('Authorization', auth).send({ note: 'Pejabat rangkap tugas karena cuti; sudah dikonfirmasi ke DPMPTSP' });
      expect(ack.status, JSON.stringify(ack.body)).to.equal(200);
      expect(ack.body.acknowledgement).to.include({ by: 'inspektur', note: 'Pejabat rangkap tugas karena cuti; sudah dikonfirmasi ke DPMPTSP' });
      const size = await harness().records.auditLog.size();
      const logged = (await harness().records.auditLog.entries(Math.max(0, size - 200), size)).filter((e) => e.kind === 'audit-finding' && e.subjects.findingId === same!.id);
      expect(logged.map((e) => [e.action, e.actor, e.subjects.caseId])).to.deep.equal([['acknowledged', 'inspektur', twoStages]]);
      // Administrators read the findings too, but only auditors acknowledge.
      expect((await http().get('/api/v1/audit/findings').set('Authorization', await harness().token('admin'))).status).to.equal(200);
      expect((await http().post(`/api/v1/audit/findings/${loop!.id}/acknowledgement`).set('Authorization', await harness().token('admin')).send({ note: 'x' })).status).to.equal(403);
    });

    it('shows the auditor the findings, a read-only case page and the follow-up form; each page read is logged', async () => {
      const browser = supertest.agent(harness().app);
      await signInAs(browser, 'inspektur');
      const list = await browser.get('/audit').expect(200);
      expect(list.text).to.include('Lebih dari dua putaran perbaikan');
      const loopId = (await harness().records.auditFindings.list({ rule: 'revision_loops', caseId: loops, limit: 1 })).items[0]!.id;
      const casePage = await browser.get(`/audit/kasus/${loops}`).expect(200);
      expect(casePage.text).to.include((await harness().records.getCase(loops))!.registrationNumber);
      expect(casePage.text).to.include(`/audit/temuan/${loopId}`);
      expect((await auditorReadsOf(loops)).map((e) => e.subjects.target)).to.include(`/audit/kasus/${loops}`);
      const form = await browser.get(`/audit/temuan/${loopId}`).expect(200);
      expect(form.text).to.include('data-action="acknowledge-finding"');
      const empty = await browser.post(`/audit/temuan/${loopId}/tindak-lanjut`).type('form').send({ _csrf: csrfOf(form.text), note: ' ' });
      expect(empty.status).to.equal(400);
      expect(empty.text).to.include('Isi catatan tindak lanjut');
      await browser.post(`/audit/temuan/${loopId}/tindak-lanjut`).type('form').send({ _csrf: csrfOf(form.text), note: 'Pemohon baru pertama kali; berkas memang kurang' }).expect(303);
      expect((await browser.get(`/audit/temuan/${loopId}?selesai=1`).expect(200)).text).to.include('Pemohon baru pertama kali');
      expect((await browser.get('/audit/ekspor.csv?kind=permit&limit=5').expect(200)).text).to.include('registrationNumber');
      // Any page an auditor reads is logged, not only the /audit ones.
      await browser.get('/verifikasi').expect(200);
      const size = await harness().records.auditLog.size();
      const recent = await harness().records.auditLog.entries(Math.max(0, size - 50), size);
      expect(recent.some((e) => e.kind === 'audit-read' && e.actor === 'inspektur' && e.subjects.target === '/verifikasi')).to.equal(true);
      // Anyone else: the pages do not exist.
      const applicant = supertest.agent(harness().app);
      await signInAs(applicant, 'budi');
      expect((await applicant.get('/audit')).status).to.equal(404);
    });

    it('exports the cases with their events as JSON and CSV, bounded', async () => {
      const auth = await auditor();
      const json = await http().get('/api/v1/audit/cases.json?kind=permit&typeId=reklame&limit=50').set('Authorization', auth);
      expect(json.status, JSON.stringify(json.body)).to.equal(200);
      const loopCase = (json.body.items as Array<{ caseId: string; events: Array<{ action: string }> }>).find((c) => c.caseId === loops);
      expect(loopCase!.events.filter((e) => e.action === 'request_changes')).to.have.length(3);
      const csv = await http().get('/api/v1/audit/cases.csv?kind=permit&typeId=reklame&limit=50').set('Authorization', auth);
      expect(csv.status).to.equal(200);
      expect(csv.text).to.include(loops);
      expect((await http().get('/api/v1/audit/cases.json?limit=501').set('Authorization', auth)).body.error.details[0].path).to.equal('limit');
    });
  });
});

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ZLapseEvidenceSchema } from '../../api/response-schemas';
import { DEEMED_APPROVAL_LINE, LAPSE_CANCEL_REASON } from '../../domain/engine/case-lapse';
import { canonicalJson } from '../../domain/transparency/log-entry';
import type { TCaseView } from '../../workflows/shared/case.messages';
import { inboxTasksOf } from '../harness/api-client';
import { decideAll, signAsHead, startLapsingPermit, view } from '../harness/cases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { signInAs } from '../harness/web';
import { pdfsigWithRoot } from '../harness/pdfsig';

const MINUTE = 60_000;

/**
 * Deemed approval (issue 10 §2) on the real dev server: the case deadline of a one-day test type falls at a local
 * midnight seconds away; the lapse is recorded with its evidence and a sealed report, and each policy is followed.
 */
describe('deemed approval: a lapsed case deadline (real Temporal server)', function () {
  this.timeout(300_000);
  const http = () => harness().http();
  let tmp: string;
  let midnight: Date;
  let auto: TCaseView;
  let flagged: TCaseView;
  let continued: TCaseView;

  before(async function () {
    this.timeout(240_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-lapse-'));
    // Local midnight 25–85 s ahead: enough to pass the completeness checks first.
    midnight = new Date(Math.ceil((Date.now() + 25_000) / MINUTE) * MINUTE);
    [auto, flagged, continued] = await Promise.all([
      startLapsingPermit('reklame', 'auto_approve', midnight),
      startLapsingPermit('reklame', 'flag', midnight),
      startLapsingPermit('reklame', 'flag', midnight),
    ]);
    for (const c of [auto, flagged, continued]) {
      const v = await decideAll(c.caseId, 'approve'); // the completeness check passes; the technical review is open at the lapse
      expect(v.caseDueAt, 'the case deadline is the coming midnight').to.equal(midnight.toISOString());
    }
    expect(Date.now(), 'the completeness checks came before the lapse').to.be.lessThan(midnight.getTime());
    const lapsed = (caseId: string) => until(async () => ((await view(caseId)).clock?.lapse ? view(caseId) : undefined), 'the lapse', 120_000);
    [auto, flagged, continued] = await Promise.all([lapsed(auto.caseId), lapsed(flagged.caseId), lapsed(continued.caseId)]);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('records the evidence pack: receipt, completeness, service level, counted days, pauses, calendar and the instant of lapse', async () => {
    const res = await http().get(`/api/v1/cases/${auto.caseId}/lapse`).set('Authorization', await harness().token('budi'));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const completed = auto.clock!.stages.find((s) => s.stageId === 'kelengkapan')!;
    expect(res.body).to.deep.include({
      caseId: auto.caseId,
      registrationNumber: auto.registrationNumber,
      typeId: 'reklame',
      receivedAt: auto.submittedAt,
      completeness: { stageId: 'kelengkapan', passed: true, at: completed.closedAt },
      serviceLevelDays: 1,
      skipped: [],
      pauses: [],
      // The calendar its clock counted with: the test calendar, at the closures revision of the last re-projection
      // that reached it (another suite's closure change re-projects every open case; 0 when none ran yet).
      calendar: auto.clock!.basis ?? { calendarVersion: 'test', closuresRevision: 0 },
      lapsedAt: midnight.toISOString(),
      policy: 'auto_approve',
    });
    expect(() => ZLapseEvidenceSchema.strict().parse(res.body), 'the documented answer').to.not.throw();
    expect(res.body.countedDays).to.have.length(1);
    expect(res.body.legalBasis).to.include('Pasal 53 UU 30/2014');
    expect(res.body.report.url).to.equal(`/api/v1/cases/${auto.caseId}/lapse.pdf`);
    expect(auto.clock!.lapse).to.deep.include({ at: midnight.toISOString(), policy: 'auto_approve', report: { sha256: res.body.report.sha256 } });
    expect(Date.parse(auto.clock!.lapse!.recordedAt)).to.be.at.least(midnight.getTime());
    expect(auto.events.map((e) => e.action)).to.include('lapsed');
    expect(auto.facts.flags).to.include('lapsed');
    // Once per case: the store holds the one record the workflow noted.
    expect((await harness().records.lapses.forCase(auto.caseId))!.reportSha256).to.equal(auto.clock!.lapse!.report.sha256);
  });

  it('serves the sealed report to the applicant, staff on the case and the administrator, and 404 to another applicant; pdfsig verifies the seal', async () => {
    const url = `/api/v1/cases/${auto.caseId}/lapse.pdf`;
    const res = await http().get(url).set('Authorization', await harness().token('budi')).buffer(true);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect((await http().get(url).set('Authorization', await harness().token('admin'))).status).to.equal(200);
    const reviewRole = auto.tasks.find((t) => t.stageId === 'kajian_teknis')!.role;
    expect((await http().get(url).set('Authorization', await harness().token('rina', [reviewRole]))).status, 'staff of the case').to.equal(200);
    expect((await http().get(url).set('Authorization', await harness().token('siti'))).status).to.equal(404);
    expect((await http().get(`/api/v1/cases/${auto.caseId}/lapse`).set('Authorization', await harness().token('siti'))).status).to.equal(404);
    expect((await http().get(`/api/v1/cases/${crypto.randomBytes(12).toString('hex')}/lapse`).set('Authorization', await harness().token('admin'))).status).to.equal(404);

    const sig = pdfsigWithRoot(res.body as Buffer, harness().rootCertPem);
    expect(sig).to.include('Signature is Valid.');
    expect(sig).to.include('Total document signed');
    expect(sig).to.include('Certificate is Trusted.');
    expect(sig).to.match(/Segel Elektronik /);
    const file = path.join(tmp, 'berita-acara.pdf');
    fs.writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    expect(text).to.include('BERITA ACARA LEWAT WAKTU LAYANAN');
    expect(text).to.include(auto.registrationNumber!);
    expect(text).to.include('dianggap dikabulkan secara hukum');
  });

  it('auto_approve: closes the review "lewat waktu", reaches signature marked deemed approved, tells the applicant, and the certificate carries the deemed line', async () => {
    expect(auto.status).to.equal('awaiting_signature');
    expect(auto.clock!.lapse!.deemedApproved).to.equal(true);
    const review = auto.tasks.filter((t) => t.stageId === 'kajian_teknis');
    expect(review.length).to.be.greaterThan(0);
    expect(review.every((t) => t.status === 'cancelled' && t.comment === LAPSE_CANCEL_REASON)).to.equal(true);
    expect(auto.events.find((e) => e.action === 'deemed_approved')).to.include({ actorId: 'system', comment: DEEMED_APPROVAL_LINE });
    const mail = await until(async () => (await harness().records.outbox.forCase(auto.caseId)).find((m) => m.key === `${auto.caseId}:deemed_approved`), 'the notice');
    expect(mail.subject).to.include('dianggap dikabulkan');

    // The sign task opens once the applicant's notice is written (an activity): wait for it.
    const signTask = await until(async () => (await view(auto.caseId)).tasks.find((t) => t.kind === 'sign' && t.status === 'open'), 'the sign task');
    const preview = await http().get(`/api/v1/tasks/${encodeURIComponent(signTask.id)}/preview.pdf`).set('Authorization', await harness().token('kepala')).buffer(true);
    expect(preview.status).to.equal(200);
    const previewFile = path.join(tmp, 'pratinjau.pdf');
    fs.writeFileSync(previewFile, preview.body as Buffer);
    expect(execFileSync('pdftotext', [previewFile, '-']).toString().replace(/\s+/g, ' '), 'the signer sees the deemed line').to.include(DEEMED_APPROVAL_LINE);

    const issued = await signAsHead(auto.caseId);
    expect(issued.status).to.equal('issued');
    const cert = await harness().records.issuance.byCase(auto.caseId);
    const pdf = await harness().blobs.get(cert!.sha256);
    const file = path.join(tmp, 'izin.pdf');
    fs.writeFileSync(file, pdf!);
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    expect(text).to.include(DEEMED_APPROVAL_LINE);
    const detail = await http().get(`/api/v1/permits/${auto.caseId}`).set('Authorization', await harness().token('budi'));
    expect(detail.body.clock.lapse).to.deep.include({ policy: 'auto_approve', deemedApproved: true });
  });

  it('flag: the review goes on and an administrator finds a task in the inbox; deem_approved sends the case to signature', async () => {
    expect(flagged.status).to.equal('in_review');
    expect(flagged.clock!.lapse).to.deep.include({ policy: 'flag', deemedApproved: false });
    const taskId = flagged.clock!.lapse!.taskId!;
    const inbox = await until(async () => (await inboxTasksOf('admin', flagged.caseId)).find((t) => t.id === taskId), 'the administrator’s task in the inbox');
    expect(inbox).to.include({ kind: 'lapse_decision', role: 'admin' });
    const adminToken = await harness().token('admin');
    // Claimed twice (the second changes nothing), decided, then decided again (refused): one entry per action.
    for (let i = 0; i < 2; i++) expect((await http().post(`/api/v1/tasks/${encodeURIComponent(taskId)}/claim`).set('Authorization', adminToken)).status).to.equal(200);
    const decide = () => http().post(`/api/v1/tasks/${encodeURIComponent(taskId)}/decision`).set('Authorization', adminToken).send({ outcome: 'deem_approved' });
    const decided = await decide();
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);
    expect((await decide()).status).to.equal(409);
    const v = await until(async () => {
      const w = await view(flagged.caseId);
      return w.status === 'awaiting_signature' ? w : undefined;
    }, 'signature');
    expect(v.clock!.lapse!.deemedApproved).to.equal(true);
    expect(v.tasks.filter((t) => t.kind === 'review' && t.stageId === 'kajian_teknis').every((t) => t.status === 'cancelled')).to.equal(true);
    expect(v.events.find((e) => e.action === 'deemed_approved')).to.include({ actorId: 'admin' });
    // The administrator's actions in the transparency log, each once, keyed by the case event it recorded.
    const log = harness().records.auditLog;
    const size = await log.size();
    const actions = (await log.entries(0, size)).filter((e) => e.kind === 'admin' && e.subjects.target === taskId);
    expect(actions.map((e) => [e.action, e.actor])).to.deep.equal([
      ['task_claimed', 'admin'],
      ['task_decided', 'admin'],
    ]);
    const claimed = v.events.find((e) => e.action === 'claimed' && e.actorId === 'admin')!;
    expect(actions[0]).to.deep.include({ key: `admin:task_claimed:${flagged.caseId}:${claimed.seq}`, subjects: { target: taskId, caseId: flagged.caseId } });
    const request = { outcome: 'deem_approved', comment: null };
    expect(actions[1]!.contentSha256).to.equal(crypto.createHash('sha256').update(canonicalJson({ action: 'task_decided', target: taskId, request })).digest('hex'));
  });

  it('pages: the applicant’s case page and the administrator’s task page show the lapse, the policy, the badge and the sealed report (id and en)', async () => {
    const applicantPage = harness().http();
    await signInAs(applicantPage, 'budi');
    const page = (await applicantPage.get(`/permohonan/${auto.caseId}`)).text;
    expect(page).to.include('data-lapse');
    expect(page).to.include('Waktu layanan terlewati');
    expect(page).to.include('Dianggap dikabulkan');
    expect(page).to.include('Pasal 53 UU 30/2014');
    expect(page).to.include(`/permohonan/${auto.caseId}/lewat-waktu.pdf`);
    const pdf = await applicantPage.get(`/permohonan/${auto.caseId}/lewat-waktu.pdf`).buffer(true);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(page, 'the timeline reads the policy, not its code').to.include('Untuk jenis izin ini, permohonan dianggap dikabulkan secara hukum');
    expect(page).to.not.include('>auto_approve<');
    await applicantPage.get('/bahasa/en?kembali=%2F').expect(303);
    const english = (await applicantPage.get(`/permohonan/${auto.caseId}`)).text;
    expect(english).to.include('Deemed approved');
    expect(english).to.include('deemed approved by law (Article 53 of Law 30/2014');

    const adminPage = harness().http();
    await signInAs(adminPage, 'admin');
    const taskId = continued.clock!.lapse!.taskId!;
    const inbox = (await adminPage.get('/tugas')).text;
    expect(inbox, 'the inbox lists the administrator’s task').to.include(`/tugas/${encodeURIComponent(taskId)}`);
    const taskPage = (await adminPage.get(`/tugas/${encodeURIComponent(taskId)}`)).text;
    expect(taskPage).to.include('Putuskan permohonan lewat waktu');
    expect(taskPage).to.include('data-policy="flag"');
    expect(taskPage).to.include('value="deem_approved"');
    expect(taskPage).to.include('value="continue_review"');
    expect((await adminPage.get(`/tugas/${encodeURIComponent(taskId)}/lewat-waktu.pdf`)).status).to.equal(200);
    await adminPage.get('/bahasa/en?kembali=%2F').expect(303);
    const englishTask = (await adminPage.get(`/tugas/${encodeURIComponent(taskId)}`)).text;
    expect(englishTask).to.include('Decide a lapsed application');
    expect(englishTask, 'the stage named in English too').to.not.include('Putuskan permohonan lewat waktu');
    const other = harness().http();
    await signInAs(other, 'siti');
    expect((await other.get(`/permohonan/${auto.caseId}/lewat-waktu.pdf`)).status).to.equal(404);
  });

  it('flag: continue_review keeps the review going with the lapse recorded', async () => {
    const taskId = continued.clock!.lapse!.taskId!;
    const decided = await http().post(`/api/v1/tasks/${encodeURIComponent(taskId)}/decision`).set('Authorization', await harness().token('admin')).send({ outcome: 'continue_review' });
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);
    const v = await view(continued.caseId);
    expect(v.status).to.equal('in_review');
    expect(v.clock!.lapse).to.deep.include({ deemedApproved: false, policy: 'flag' });
    expect(v.events.at(-1)).to.include({ action: 'continue_review', actorId: 'admin' });
    let after = v;
    for (let stage = 0; after.status === 'in_review' && stage < 3; stage++) after = await decideAll(continued.caseId, 'approve');
    expect(after.status, 'the review decides as usual').to.equal('awaiting_signature');
    expect(after.tasks.find((t) => t.id === taskId)!.status).to.equal('done');
    expect(after.clock!.lapse!.deemedApproved).to.equal(false);
  });
});

import { loadOffice } from '../../store/certificate-layouts';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { loadDevUsers } from '../../config/dev-users';
import { DEV_SIGNER_PASSPHRASE, issueSigner, loadOrCreateOfficeCa } from '../../worker/office-pki';
import { as, sampleApplicant, submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { pdfsigWithRoot } from '../harness/pdfsig';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

function tool(name: string, args: string[]) {
  const run = spawnSync(name, args, { encoding: 'utf8' });
  if (run.error) throw new Error(`${name} is not installed (apt-get install poppler-utils qpdf): ${run.error.message}`);
  return run;
}

async function reviewEverything(caseId: string) {
  for (;;) {
    const detail = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await token('admin'));
    const reviews = detail.body.openTasks.filter((t: { kind: string }) => t.kind === 'review');
    if (reviews.length === 0) return detail.body;
    for (const task of reviews) {
      const res = await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', await as(task.role)).send({ outcome: 'approve' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
  }
}

describe('signed permit certificates over HTTP', function () {
  this.timeout(120_000);
  let caseId: string;
  let signTaskId: string;
  let pdf: Buffer;
  let number: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-cert-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(async () => {
    const submitted = await submit('reklame', 'budi');
    caseId = submitted.body.id;
    const detail = await reviewEverything(caseId);
    expect(detail.status).to.equal('awaiting_signature');
    signTaskId = detail.openTasks[0].id;
  });

  it('refuses a wrong passphrase at once with 403 and keeps the sign task open', async () => {
    const res = await http().post(`/api/v1/tasks/${signTaskId}/decision`).set('Authorization', await token('kepala')).send({ outcome: 'sign', passphrase: 'salah' });
    expect(res.status).to.equal(403);
    expect(res.body.error.details[0].path).to.equal('passphrase');
    const task = await harness().records.getTask(signTaskId);
    expect(task?.status).to.equal('open');
    const missing = await http().post(`/api/v1/tasks/${signTaskId}/decision`).set('Authorization', await token('kepala')).send({ outcome: 'sign' });
    expect(missing.status).to.equal(400);
    expect(missing.body.error.details[0].path).to.equal('passphrase');
  });

  it('signs with the passphrase and ends the case issued with a registered number', async () => {
    const res = await http()
      .post(`/api/v1/tasks/${signTaskId}/decision`)
      .set('Authorization', await token('kepala'))
      .send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.case.status).to.equal('issued');
    const detail = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await token('budi'));
    expect(detail.body.certificate).to.include({ status: 'valid' });
    number = detail.body.certificate.number;
    expect(number).to.match(/^503\/\d{4}\/REK\/DPMPTSP\/[IVX]+\/\d{4}$/);
    const again = await http()
      .post(`/api/v1/tasks/${signTaskId}/decision`)
      .set('Authorization', await token('kepala'))
      .send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    expect(again.status).to.equal(409);
  });

  it('serves the certificate to its applicant and to staff, and to no other applicant', async () => {
    const res = await http().get(`/api/v1/permits/${caseId}/certificate.pdf`).set('Authorization', await token('budi')).buffer(true);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect((await http().get(`/api/v1/permits/${caseId}/certificate.pdf`).set('Authorization', await token('admin'))).status).to.equal(200);
    expect((await http().get(`/api/v1/permits/${caseId}/certificate.pdf`).set('Authorization', await token('siti'))).status).to.equal(404);
  });

  it('passes poppler pdfsig (valid, whole document, trusted root) and qpdf --check', () => {
    const file = path.join(tmp, 'izin.pdf');
    fs.writeFileSync(file, pdf);
    const sig = pdfsigWithRoot(pdf, harness().rootCertPem);
    expect(sig).to.include('Signature is Valid.');
    expect(sig).to.include('Total document signed');
    expect(sig).to.include('Certificate is Trusted.');
    expect(sig).to.include('ETSI.CAdES.detached');
    const check = tool('qpdf', ['--check', file]);
    expect(check.status, check.stdout + check.stderr).to.equal(0);
    expect(execFileSync('pdftotext', [file, '-']).toString()).to.include(number);
  });

  it('verifies publicly by number with a masked holder, and by upload; one changed byte makes it invalid', async () => {
    const byNumber = await http().get(`/api/v1/public/verify/${encodeURIComponent(number)}`);
    expect(byNumber.status).to.equal(200);
    expect(byNumber.body).to.include({ status: 'valid', number });
    expect(byNumber.body.holder).to.equal('B*** S******');
    expect(byNumber.body.holder).not.to.include(sampleApplicant().name);
    expect((await http().get(`/api/v1/public/verify/${encodeURIComponent(number)}?code=WRONG`)).status).to.equal(404);

    const upload = await http().post('/api/v1/public/verify').attach('file', pdf, 'izin.pdf');
    expect(upload.status, JSON.stringify(upload.body)).to.equal(200);
    expect(upload.body.valid).to.equal(true);
    expect(upload.body.register.number).to.equal(number);
    expect(upload.body.signatures[0]).to.include({ digestMatches: true, signatureValid: true, chainTrusted: true, revoked: false, coversWholeFile: true });

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('Masa berlaku') > 0 ? tampered.indexOf('Masa berlaku') : 2000;
    tampered[at] = tampered[at]! ^ 0x01;
    const bad = await http().post('/api/v1/public/verify').attach('file', tampered, 'izin.pdf');
    expect(bad.status).to.equal(200);
    expect(bad.body.valid).to.equal(false);
    expect(bad.body.register).to.equal(null);
    expect(bad.body.signatures[0].digestMatches).to.equal(false);

    const notPdf = await http().post('/api/v1/public/verify').attach('file', Buffer.from('hello'), 'x.pdf');
    expect(notPdf.status).to.equal(415);
  });

  it('keeps the passphrase and the applicant’s NIK out of the workflow history', async () => {
    const history = await harness().client.workflow.getHandle(caseWorkflowId('permit', caseId)).fetchHistory();
    const text = JSON.stringify(history);
    expect(text.length).to.be.greaterThan(1000);
    expect(text).to.include(caseId);
    for (const secret of [DEV_SIGNER_PASSPHRASE, 'salah', sampleApplicant().nik, sampleApplicant().phone]) {
      expect(text).not.to.include(secret);
      expect(text).not.to.include(Buffer.from(secret).toString('base64'));
    }
  });

  it('reports a signature whose signer certificate was later revoked as revoked', async () => {
    const { records, pkiDir } = harness();
    const cert = await records.signers.active('kepala');
    expect(await records.signers.revoke(cert!.serial, 'kunci bocor')).to.equal(true);
    try {
      const upload = await http().post('/api/v1/public/verify').attach('file', pdf, 'izin.pdf');
      expect(upload.body.signatures[0]).to.include({ certificateSerial: cert!.serial, revoked: true });
      expect(upload.body.valid).to.equal(false);
    } finally {
      // The head of office gets a new certificate, as the office would issue one.
      const user = loadDevUsers().find((u) => u.id === 'kepala')!;
      await issueSigner(records, await loadOrCreateOfficeCa(records, pkiDir, loadOffice()), user, DEV_SIGNER_PASSPHRASE);
    }
  });

  it('lets an admin revoke the permit; the register and verification then say revoked', async () => {
    const forbidden = await http().post(`/api/v1/admin/permits/${caseId}/revocation`).set('Authorization', await token('kepala')).send({ reason: 'Izin dicabut' });
    expect(forbidden.status).to.equal(403);
    const revoke = async (body: object) => http().post(`/api/v1/admin/permits/${caseId}/revocation`).set('Authorization', await token('admin')).send(body);
    // The public reason is a code from the fixed list; the note is the administrator's, internal (issue 8, finding 9).
    const noCode = await revoke({ reason: 'Lokasi melanggar RTRW' });
    expect(noCode.status).to.equal(400);
    expect(noCode.body.error.details[0].path).to.equal('reasonCode');
    expect((await revoke({ reasonCode: 'karena_saya_mau', reason: 'Lokasi melanggar RTRW' })).status).to.equal(400);
    const res = await revoke({ reasonCode: 'pelanggaran_ketentuan', reason: 'Lokasi melanggar RTRW (laporan Satpol PP No. 12)' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ status: 'revoked', reasonCode: 'pelanggaran_ketentuan', reason: 'Lokasi melanggar RTRW (laporan Satpol PP No. 12)' });
    const byNumber = await http().get(`/api/v1/public/verify/${encodeURIComponent(number)}`);
    expect(byNumber.body).to.include({ status: 'revoked', statusReason: 'pelanggaran_ketentuan', statusReasonLabel: 'Pelanggaran ketentuan perizinan' });
    expect(JSON.stringify(byNumber.body)).not.to.match(/RTRW|Satpol/);
    const upload = await http().post('/api/v1/public/verify').attach('file', pdf, 'izin.pdf');
    expect(upload.body.valid).to.equal(false);
    expect(upload.body.register).to.include({ status: 'revoked', statusReason: 'pelanggaran_ketentuan' });
    expect(JSON.stringify(upload.body)).not.to.match(/RTRW|Satpol/);
    // The signer's display name as written, not as the certificate's DN escapes it (`Abdullah\, M.Si.`).
    expect(upload.body.signatures[0].signerName).to.equal('Drs. H. Syarif Abdullah, M.Si.');
    expect(byNumber.body.signer).to.equal('Drs. H. Syarif Abdullah, M.Si.');
    const twice = await revoke({ reasonCode: 'pelanggaran_ketentuan', reason: 'Lokasi melanggar RTRW' });
    expect(twice.status).to.equal(409);
  });
});

import crypto from 'node:crypto';
import { expect } from 'chai';
import { loadOffice } from '../../store/certificate-layouts';
import { decisionUpdate } from '../../workflows/shared/case.messages';
import { DEV_SIGNER_PASSPHRASE, issueSigner, loadOrCreateOfficeCa } from '../../worker/office-pki';
import { officeHoursFromFile, sweepAnomalies } from '../../worker/anomaly-sweeper';
import { submit } from '../harness/api-client';
import { activeContract, completeAddendum, proposeAddendum } from '../harness/contracts';
import { decideAll, openTasks, updatePermit, view } from '../harness/cases';
import { harness } from '../harness/harness';

/**
 * The anomaly rule "signature of a document that differs from the one approved" (issue 13 §2) on real cases: the
 * signer's passphrase exchange keeps the content digest of the preview they approved, the signature the digest of
 * the document it signed (documents/render/approved-content.ts), and the sweep compares them.
 *
 * The real way a document changes between approval and signature: the workflow prepares the document (number and
 * content final) at the first signing attempt and keeps it when that attempt is refused. Here the first attempt's
 * grant no longer opens the key (as when a key changes after the exchange); the office then renews the signer's
 * certificate under a new name (a new title), and the signer approves the preview naming them so and signs: the
 * workflow signs the document prepared before, under the old name.
 */

const http = () => harness().http();
const SIGN_ROLE = 'approver:kepala-dpmptsp';

async function atSignature(): Promise<string> {
  const res = await submit('reklame');
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseId = res.body.id as string;
  for (let round = 0; round < 6 && (await view(caseId)).status !== 'awaiting_signature'; round++) await decideAll(caseId, 'approve');
  return caseId;
}

async function signThroughApi(caseId: string, token: string) {
  const task = openTasks(await view(caseId)).find((t) => t.kind === 'sign')!;
  const res = await http().post(`/api/v1/tasks/${encodeURIComponent(task.id)}/decision`).set('Authorization', token).send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body.case.status).to.equal('issued');
}

describe('anomaly rule: signature of a document that differs from the one approved (issue 13 §2)', function () {
  this.timeout(180_000);
  const sweptFrom = new Date(Date.now() - 1000).toISOString();
  let normal: string;
  let changed: string;
  let signerId: string;

  before(async () => {
    const { records, pkiDir } = harness();
    // A normal issuance: the head of office approves the preview and signs it.
    normal = await atSignature();
    await signThroughApi(normal, await harness().token('kepala'));

    // A signer of their own, so that renewing their certificate touches no other suite's signer.
    signerId = `kepala-${crypto.randomBytes(4).toString('hex')}`;
    const ca = await loadOrCreateOfficeCa(records, pkiDir, loadOffice());
    const first = await issueSigner(records, ca, { id: signerId, name: 'Drs. H. Syarif Abdullah, M.Si.', email: 'kepala@dpmptsp.example.org' }, DEV_SIGNER_PASSPHRASE);
    changed = await atSignature();
    const task = openTasks(await view(changed)).find((t) => t.kind === 'sign')!;
    const staleGrant = await records.signers.createGrant({ userId: signerId, caseId: changed, serial: first.serial, passphrase: 'bukan-frasa-sandinya', ttlMs: 60_000 });
    const refused = await updatePermit(changed, decisionUpdate, { actor: { userId: signerId, roles: [SIGN_ROLE] }, taskId: task.id, outcome: 'sign', comment: null, grantId: staleGrant });
    expect(refused.events.map((e) => e.action)).to.include('sign_failed');
    expect(refused.status).to.equal('awaiting_signature');
    // The office renews the certificate under the signer's new title and revokes the old one.
    await issueSigner(records, ca, { id: signerId, name: 'Dr. H. Syarif Abdullah, M.Si.', email: 'kepala@dpmptsp.example.org' }, DEV_SIGNER_PASSPHRASE);
    await records.signers.revoke(first.serial, 'diganti: gelar berubah');
    await signThroughApi(changed, await harness().token(signerId, [SIGN_ROLE]));
  });

  it('keeps equal digests for a normal issuance and finds nothing', async () => {
    const c = (await harness().records.auditCases.load(normal))!;
    expect(c.signatures).to.have.length(1);
    const [s] = c.signatures;
    expect(s!.approvedContentSha256).to.match(/^[0-9a-f]{64}$/);
    expect(s!.inputContentSha256).to.equal(s!.approvedContentSha256);
  });

  it('keeps the approved digest through the sign batch too (POST /tasks/signatures), equal to the signed one', async () => {
    const caseId = await atSignature();
    const task = openTasks(await view(caseId)).find((t) => t.kind === 'sign')!;
    const registrationNumber = (await view(caseId)).registrationNumber;
    const res = await http().post('/api/v1/tasks/signatures').set('Authorization', await harness().token('kepala')).send({ passphrase: DEV_SIGNER_PASSPHRASE, items: [{ taskId: task.id, registrationNumber }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ signed: 1 });
    const [s] = (await harness().records.auditCases.load(caseId))!.signatures;
    expect(s!.approvedContentSha256).to.match(/^[0-9a-f]{64}$/);
    expect(s!.inputContentSha256).to.equal(s!.approvedContentSha256);
  });

  it('keeps equal digests for every signature of a normal contract and its addendum (each signer shown the draft)', async () => {
    const contractId = await activeContract();
    const addendumId = await proposeAddendum(contractId);
    await completeAddendum(contractId, addendumId);
    for (const id of [contractId, addendumId]) {
      const c = (await harness().records.auditCases.load(id))!;
      expect(c.signatures.map((s) => s.step), id).to.have.length(2);
      for (const s of c.signatures) {
        expect(s.approvedContentSha256, `${id} ${s.step}`).to.match(/^[0-9a-f]{64}$/);
        expect(s.inputContentSha256, `${id} ${s.step}`).to.equal(s.approvedContentSha256);
      }
    }
  });

  it('finds the signature of the document prepared before the renewal, with both digests as evidence', async () => {
    const c = (await harness().records.auditCases.load(changed))!;
    const [s] = c.signatures;
    expect(s).to.include({ userId: signerId });
    expect(s!.approvedContentSha256).to.match(/^[0-9a-f]{64}$/);
    expect(s!.inputContentSha256).to.match(/^[0-9a-f]{64}$/).and.not.equal(s!.approvedContentSha256);
    // The register names the certificate that signed (the new name); the document signed names the old one.
    expect(await harness().records.issuance.byCase(changed)).to.include({ signerName: 'Dr. H. Syarif Abdullah, M.Si.' });

    await sweepAnomalies({ records: harness().records, office: officeHoursFromFile() }, sweptFrom);
    const findingsOf = async (caseId: string) => {
      const res = await http().get(`/api/v1/audit/findings?rule=signed_document_differs&caseId=${caseId}&limit=50`).set('Authorization', await harness().token('inspektur'));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body.items as Array<{ subject?: string; registrationNumber: string; evidence: Record<string, unknown> }>;
    };
    const [finding, ...more] = await findingsOf(changed);
    expect(more).to.deep.equal([]);
    expect(finding!.evidence).to.deep.include({ step: 'certificate', signerId, approvedContentSha256: s!.approvedContentSha256, signedContentSha256: s!.inputContentSha256, signedInputSha256: s!.inputSha256 });
    expect(await findingsOf(normal)).to.deep.equal([]);
    process.stdout.write(`      finding signed_document_differs on ${finding!.registrationNumber}: ${JSON.stringify(finding!.evidence)}\n`);
  });
});

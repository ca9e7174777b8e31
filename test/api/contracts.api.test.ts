import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { decide, draft, legalApproves, openTasks, sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

describe('e-contracts over HTTP on the shared engine', function () {
  this.timeout(120_000);

  it('goes from draft through legal review and two negotiation rounds to active with both signatures valid', async () => {
    const id = await draft();
    await legalApproves(id);

    // Round 1: the vendor proposes a higher unit price; the PPK counters.
    let tasks = await openTasks(id, 'vendor-a');
    const vendorReview = tasks.find((t) => t.kind === 'vendor_review')!;
    expect(vendorReview.role).to.equal('vendor:012345678901234');
    const proposal = await http().post(`/api/v1/contracts/${id}/versions`).set('Authorization', await token('vendor-a')).send({ terms: sampleTerms({ unitPrice: 13_500_000 }) });
    expect(proposal.status, JSON.stringify(proposal.body)).to.equal(201);
    expect(proposal.body.version).to.equal(2);
    expect(proposal.body.changes).to.deep.include({ path: 'items[id=pc].unitPrice', before: 12_500_000, after: 13_500_000 });
    const counter = await http().post(`/api/v1/contracts/${id}/versions`).set('Authorization', await token('ppk')).send({ terms: sampleTerms({ unitPrice: 13_000_000 }) });
    expect(counter.status, JSON.stringify(counter.body)).to.equal(201);

    // Round 2: the vendor proposes again; the PPK accepts.
    await http().post(`/api/v1/contracts/${id}/versions`).set('Authorization', await token('vendor-a')).send({ terms: sampleTerms({ unitPrice: 13_200_000 }) }).expect(201);
    tasks = await openTasks(id);
    await decide('ppk', tasks.find((t) => t.kind === 'ppk_review')!.id, { outcome: 'accept' });

    // The guarantee is handed in; the vendor signs first, then the PPK.
    const guarantee = (await openTasks(id, 'vendor-a')).find((t) => t.kind === 'guarantee')!;
    await decide('vendor-a', guarantee.id, { outcome: 'submit', comment: 'Jaminan Bank BPD Kalbar No. JP-2026-0042' });
    let sign = (await openTasks(id, 'vendor-a')).find((t) => t.kind === 'sign')!;
    expect(sign.role).to.equal('vendor:012345678901234');
    // A legal reviewer cannot sign for anyone.
    const notYours = await http().post(`/api/v1/tasks/${sign.id}/decision`).set('Authorization', await token('hukum')).send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    expect(notYours.status).to.equal(403);
    await decide('vendor-a', sign.id, { outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    sign = (await openTasks(id)).find((t) => t.kind === 'sign')!;
    expect(sign.role).to.equal('ppk:dinas-pupr');
    const legalSigns = await http().post(`/api/v1/tasks/${sign.id}/decision`).set('Authorization', await token('hukum')).send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    expect(legalSigns.status).to.equal(403);
    await decide('ppk', sign.id, { outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });

    const detail = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('ppk'));
    expect(detail.body.status).to.equal('active');
    expect(detail.body.number).to.match(/^027\/\d{4}\/SP-BRG\/[IVX]+\/\d{4}$/);
    expect(detail.body.agreedVersion).to.equal(4);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2, 3, 4]);
    expect(detail.body.currentTerms.items[0].unitPrice).to.equal(13_200_000);
    expect(detail.body.signatures.map((s: { step: string }) => s.step)).to.deep.equal(['vendor', 'ppk']);

    const pdf = await http().get(`/api/v1/contracts/${id}/document.pdf`).set('Authorization', await token('vendor-a')).buffer(true);
    expect(pdf.status).to.equal(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-contract-'));
    try {
      const file = path.join(dir, 'kontrak.pdf');
      fs.writeFileSync(file, pdf.body as Buffer);
      const out = spawnSync('pdfsig', [file], { encoding: 'utf8' });
      if (out.error) throw new Error(`pdfsig is not installed (apt-get install poppler-utils): ${out.error.message}`);
      const blocks = out.stdout.split(/Signature #\d+:/).slice(1);
      expect(blocks).to.have.length(2);
      for (const block of blocks) expect(block).to.include('Signature is Valid.');
      expect(blocks[0]).to.include('Not total document signed');
      expect(blocks[1]).to.include('Total document signed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const verify = await http().post('/api/v1/public/verify').attach('file', pdf.body as Buffer, 'kontrak.pdf');
    expect(verify.body.valid).to.equal(true);
    expect(verify.body.register.holder).to.equal('C** M*** J***');
    expect(verify.body.signatures).to.have.length(2);
  });

  it('hides vendor A’s contract from vendor B, and refuses a third proposal beyond the configured rounds', async () => {
    const id = await draft();
    expect((await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('vendor-b'))).status).to.equal(404);
    expect((await http().get(`/api/v1/contracts/${id}/document.pdf`).set('Authorization', await token('vendor-b'))).status).to.equal(404);
    const list = await http().get('/api/v1/contracts').set('Authorization', await token('vendor-b'));
    expect(list.body.items.map((c: { id: string }) => c.id)).not.to.include(id);
    const mine = await http().get('/api/v1/contracts').set('Authorization', await token('vendor-a'));
    expect(mine.body.items.map((c: { id: string }) => c.id)).to.include(id);
    const applicant = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('budi'));
    expect(applicant.status).to.equal(404);

    await legalApproves(id);
    const prices = [13_000_000, 12_900_000, 12_800_000];
    for (const [i, unitPrice] of prices.entries()) {
      const who = i % 2 === 0 ? 'vendor-a' : 'ppk';
      await http().post(`/api/v1/contracts/${id}/versions`).set('Authorization', await token(who)).send({ terms: sampleTerms({ unitPrice }) }).expect(201);
    }
    const fourth = await http().post(`/api/v1/contracts/${id}/versions`).set('Authorization', await token('ppk')).send({ terms: sampleTerms({ unitPrice: 12_700_000 }) });
    expect(fourth.status).to.equal(409);
    expect(fourth.body.error.code).to.equal('INVALID_TRANSITION');
  });

  it('flags the contract for the PPK when the performance guarantee deadline passes unmet', async () => {
    // An award letter dated a month ago: its 14 working days have run out.
    const id = await draft(sampleTerms({ awardDate: new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10) }));
    let detail;
    for (let i = 0; i < 50; i++) {
      detail = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token('ppk'));
      if (detail.body.flags.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(detail!.body.flags).to.deep.equal(['guarantee_overdue']);
    expect(detail!.body.timeline.map((e: { action: string }) => e.action)).to.include('flagged');
    // The PPK treats it as the vendor refusing and ends the contract.
    const vendorEnds = await http().post(`/api/v1/contracts/${id}/withdrawal`).set('Authorization', await token('vendor-a')).send({});
    expect(vendorEnds.status).to.equal(403);
    const ended = await http().post(`/api/v1/contracts/${id}/withdrawal`).set('Authorization', await token('ppk')).send({ reason: 'Penyedia tidak menyerahkan jaminan pelaksanaan' });
    expect(ended.status, JSON.stringify(ended.body)).to.equal(200);
    expect(ended.body.status).to.equal('withdrawn');
  });

  it('refuses invalid terms with the field path', async () => {
    const terms = { ...sampleTerms(), value: 1 };
    const res = await http().post('/api/v1/contracts').set('Authorization', await token('ppk')).send({ typeId: 'barang', terms });
    expect(res.status).to.equal(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include('terms.value');
    const vendorDrafts = await http().post('/api/v1/contracts').set('Authorization', await token('vendor-a')).send({ typeId: 'barang', terms: sampleTerms() });
    expect(vendorDrafts.status).to.equal(403);
  });
});

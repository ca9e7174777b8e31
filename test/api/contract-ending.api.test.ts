import { expect } from 'chai';
import { verificationPath } from '../../documents/render/verification-code';
import { activeContract, completeAddendum, legalDecidesTermination, openTasks, proposeAddendum, requestTermination, TERMINATION_REASON } from '../harness/contracts';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { pdfTools, flat } from '../documents/pdf-tools';

const http = () => harness().http();
const token = (user: string) => harness().token(user);
const tools = pdfTools('termination notice', 'sahkan-termination-');

async function detail(id: string, user = 'ppk') {
  const res = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token(user));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body;
}

const actions = (d: { timeline: Array<{ action: string }> }) => d.timeline.map((e) => e.action);

async function workflowStatus(kind: 'contract' | 'addendum', id: string): Promise<string> {
  return (await harness().client.workflow.getHandle(caseWorkflowId(kind, id)).describe()).status.name;
}

/** The update that closed the case answers with its projection; the workflow completes once its projector has written it too. */
const completes = (kind: 'contract' | 'addendum', id: string) => until(async () => (await workflowStatus(kind, id)) === 'COMPLETED', `the ${kind} workflow to complete`);

describe('ending an active contract: withdrawal is refused, termination goes through legal review', function () {
  this.timeout(180_000);
  before(() => tools.setUp());
  after(() => tools.tearDown());

  it('refuses to withdraw an active contract at once (409), writes nothing, and the contract still takes an addendum', async () => {
    const id = await activeContract();
    const before = await harness().records.getCase(id);

    const startedAt = Date.now();
    const res = await http().post(`/api/v1/contracts/${id}/withdrawal`).set('Authorization', await token('ppk')).send({ reason: 'Salah kirim' });
    const elapsed = Date.now() - startedAt;
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body.error.code).to.equal('INVALID_TRANSITION');
    expect(res.body.error.message).to.match(/active/);
    expect(elapsed, 'the validator refuses before anything is written').to.be.below(1_000);

    const after = await harness().records.getCase(id);
    expect(after!.status).to.equal('active');
    expect(after!.version).to.equal(before!.version);

    // The workflow is healthy: an addendum runs end to end.
    const amended = await completeAddendum(id, await proposeAddendum(id));
    expect(amended.status).to.equal('active');
    expect(amended.addenda).to.have.length(1);
  });

  it('terminates an active contract: the PPK asks with a reason, legal approves, the notice is issued and the register shows it', async () => {
    const id = await activeContract();
    const number = (await detail(id)).number as string;

    // Refusals first: nothing written by any of them.
    const vendorTries = await http().post(`/api/v1/contracts/${id}/termination`).set('Authorization', await token('vendor-a')).send({ reason: 'x' });
    expect(vendorTries.status).to.equal(403);
    const noReason = await http().post(`/api/v1/contracts/${id}/termination`).set('Authorization', await token('ppk')).send({ reason: '   ' });
    expect(noReason.status).to.equal(400);
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).to.include('reason');
    const tooLong = await http().post(`/api/v1/contracts/${id}/termination`).set('Authorization', await token('ppk')).send({ reason: 'a'.repeat(2001) });
    expect(tooLong.status).to.equal(400);
    expect((await harness().records.getCase(id))!.status).to.equal('active');

    const requested = await requestTermination(id);
    expect(requested.status).to.equal('active'); // in force until legal approves
    const review = (await openTasks(id)).filter((t) => t.kind === 'termination_review');
    expect(review).to.have.length(1);
    expect(review[0]!.role).to.equal('legal:dinas-pupr');
    const again = await http().post(`/api/v1/contracts/${id}/termination`).set('Authorization', await token('ppk')).send({ reason: 'Lagi' });
    expect(again.status).to.equal(409);
    const noWithdrawal = await http().post(`/api/v1/contracts/${id}/withdrawal`).set('Authorization', await token('ppk')).send({});
    expect(noWithdrawal.status).to.equal(409);
    const noNotice = await http().get(`/api/v1/contracts/${id}/termination.pdf`).set('Authorization', await token('ppk'));
    expect(noNotice.status).to.equal(404);

    const decided = await legalDecidesTermination(id, 'approve');
    expect(decided.case.status).to.equal('terminated');
    const ended = await detail(id);
    expect(ended.status).to.equal('terminated');
    expect(ended.openTasks).to.deep.equal([]);
    expect(actions(ended)).to.include.members(['termination_requested', 'approve', 'terminated']);
    expect(actions(ended).filter((a: string) => a === 'terminated')).to.have.length(1);
    expect(ended.timeline.find((e: { action: string }) => e.action === 'terminated').comment).to.equal(TERMINATION_REASON);
    await completes('contract', id);

    // The notice, to the parties only.
    const notice = await http().get(`/api/v1/contracts/${id}/termination.pdf`).set('Authorization', await token('ppk')).buffer(true);
    expect(notice.status).to.equal(200);
    expect(notice.type).to.equal('application/pdf');
    const text = flat(tools.pdfText(notice.body as Buffer));
    expect(text).to.include('SURAT PEMUTUSAN KONTRAK');
    expect(text).to.include(`${number}/PUTUS`);
    expect(text).to.include('Penyedia menghentikan pekerjaan lebih dari 14 hari kalender');
    expect(text).to.include('CV Maju Jaya');
    tools.expectQpdfClean(notice.body as Buffer);
    // Its QR code and verification code check the register entry of the contract it ends.
    const code = /Kode verifikasi: ([0-9A-F]{10})/.exec(text)?.[1];
    expect(code, 'the notice prints a verification code').to.be.a('string');
    expect(text.replace(/\s/g, '')).to.include(verificationPath(number, code!));
    const byCode = await http().get(`/api/v1/public/verify/${encodeURIComponent(number)}?code=${code}`);
    expect(byCode.status).to.equal(200);
    expect(byCode.body).to.include({ number, status: 'terminated' });
    const vendorNotice = await http().get(`/api/v1/contracts/${id}/termination.pdf`).set('Authorization', await token('vendor-a')).buffer(true);
    expect(vendorNotice.status).to.equal(200);
    expect(Buffer.compare(vendorNotice.body as Buffer, notice.body as Buffer)).to.equal(0);
    const stranger = await http().get(`/api/v1/contracts/${id}/termination.pdf`).set('Authorization', await token('vendor-b'));
    expect(stranger.status).to.equal(404);

    // The public register and the verification of the contract both say terminated, with the reason.
    const register = await http().get('/api/v1/public/contracts').query({ query: number });
    expect(register.body.items.find((c: { number: string }) => c.number === number).status).to.equal('terminated');
    const verified = await http().get(`/api/v1/public/verify/${encodeURIComponent(number)}`);
    expect(verified.body).to.include({ status: 'terminated', statusReason: TERMINATION_REASON });

    // Nothing more happens to a terminated contract.
    const afterEnd = await http().post(`/api/v1/contracts/${id}/termination`).set('Authorization', await token('ppk')).send({ reason: 'Lagi' });
    expect(afterEnd.status).to.equal(409);
  });

  it('keeps the contract active when legal rejects the termination, and a new request can follow', async () => {
    const id = await activeContract();
    await requestTermination(id);
    const decided = await legalDecidesTermination(id, 'reject', 'Teguran ketiga belum diberikan sesuai SSUK');
    expect(decided.case.status).to.equal('active');
    const kept = await detail(id);
    expect(kept.status).to.equal('active');
    expect(kept.openTasks).to.deep.equal([]);
    expect(actions(kept)).not.to.include('terminated');
    expect(await workflowStatus('contract', id)).to.equal('RUNNING');
    const register = await http().get('/api/v1/public/contracts').query({ query: kept.number });
    expect(register.body.items.find((c: { number: string }) => c.number === kept.number).status).to.equal('valid');
    await requestTermination(id, 'Teguran ketiga tidak ditanggapi penyedia');
    expect((await openTasks(id)).filter((t) => t.kind === 'termination_review')).to.have.length(1);
  });

  it('cancels an addendum in flight cleanly when the contract is terminated', async () => {
    const id = await activeContract();
    const addendumId = await proposeAddendum(id);
    // The addendum's child workflow opens its legal review shortly after the request is answered.
    let reviewOpen = false;
    for (let i = 0; i < 100 && !reviewOpen; i++) {
      reviewOpen = (await harness().records.listTasksForCase(addendumId)).some((t) => t.status === 'open' && t.kind === 'review');
      if (!reviewOpen) await new Promise((r) => setTimeout(r, 100));
    }
    expect(reviewOpen, 'the addendum is in its legal review').to.equal(true);
    await requestTermination(id);
    // No new addendum while the contract is under termination review (nor while another is in flight).
    const current = (await detail(id)).currentTerms.items as Array<{ id: string; quantity: number }>;
    const items = current.map((i) => (i.id === 'printer' ? { ...i, quantity: i.quantity + 1 } : i));
    const refused = await http().post(`/api/v1/contracts/${id}/addenda`).set('Authorization', await token('ppk')).send({ justification: 'Penambahan satu printer untuk gerai baru', items });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(409);

    const decided = await legalDecidesTermination(id, 'approve');
    expect(decided.case.status).to.equal('terminated');
    const addendum = await harness().records.getCase(addendumId);
    expect(addendum!.status).to.equal('withdrawn');
    expect(addendum!.outcomeReason).to.match(/^Kontrak diputus: /);
    const tasks = await harness().records.listTasksForCase(addendumId);
    expect(tasks.filter((t) => t.status === 'open' || t.status === 'claimed')).to.deep.equal([]);
    expect(tasks.some((t) => t.status === 'cancelled')).to.equal(true);
    await completes('addendum', addendumId);
    await completes('contract', id);
    const ended = await detail(id);
    expect(ended.addenda[0].status).to.equal('withdrawn');
    // The cancelled addendum's task cannot be decided any more.
    const staleTask = tasks.find((t) => t.kind === 'review')!;
    const stale = await http().post(`/api/v1/tasks/${staleTask.id}/decision`).set('Authorization', await token('hukum')).send({ outcome: 'approve' });
    expect(stale.status).to.equal(409);
  });
});

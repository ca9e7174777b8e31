import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { SIGN_BATCH_MAX } from '../../api/schemas';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { signTaskOf, submit } from '../harness/api-client';
import { decide, draft, legalApproves, openTasks as contractTasks, proposeVersion } from '../harness/contracts';
import { harness } from '../harness/harness';
import { pdfsigWithRoot } from '../harness/pdfsig';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

interface TSignTask {
  caseId: string;
  taskId: string;
  registrationNumber: string;
}

/** `count` reklame permits submitted and reviewed to their open sign task (the head of office's). */
async function permitsToSign(count: number): Promise<TSignTask[]> {
  const tasks: TSignTask[] = [];
  for (let i = 0; i < count; i++) {
    const submitted = await submit('reklame', 'budi');
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseId = submitted.body.id as string;
    tasks.push({ caseId, taskId: await signTaskOf(caseId), registrationNumber: submitted.body.registrationNumber });
  }
  return tasks;
}

const itemsOf = (tasks: TSignTask[]) => tasks.map(({ taskId, registrationNumber }) => ({ taskId, registrationNumber }));

async function signBatch(body: unknown, target: supertest.Agent | ReturnType<typeof supertest> = http(), user = 'kepala') {
  return target.post('/api/v1/tasks/signatures').set('Authorization', await token(user)).send(body as object);
}

async function expectIssuedAndValid(task: TSignTask): Promise<Buffer> {
  const detail = await http().get(`/api/v1/permits/${task.caseId}`).set('Authorization', await token('budi'));
  expect(detail.body.status, task.caseId).to.equal('issued');
  const pdf = await http().get(`/api/v1/permits/${task.caseId}/certificate.pdf`).set('Authorization', await token('budi')).buffer(true);
  expect(pdf.status).to.equal(200);
  const report = pdfsigWithRoot(pdf.body as Buffer, harness().rootCertPem);
  expect(report).to.include('Signature is Valid.');
  expect(report).to.include('Total document signed');
  expect(report).to.include('Certificate is Trusted.');
  return pdf.body as Buffer;
}

describe('signing a batch of sign tasks with one passphrase (POST /tasks/signatures)', function () {
  this.timeout(600_000);
  after(() => harness().records.security.attemptSucceeded('kepala')); // the suites after this start unthrottled

  it('signs three tasks in one call: each its own grant, signature and certificate, each PDF valid in pdfsig', async () => {
    const tasks = await permitsToSign(3);
    const res = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: itemsOf(tasks) });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ signed: 3, refused: 0 });
    expect(res.body.items.map((i: { taskId: string }) => i.taskId)).to.deep.equal(tasks.map((t) => t.taskId));
    const digests = new Set<string>();
    for (const [i, task] of tasks.entries()) {
      const item = res.body.items[i];
      expect(item).to.include({ outcome: 'signed', kind: 'permit' });
      expect(item.case).to.include({ id: task.caseId, status: 'issued' });
      expect(item.documentNumber).to.match(/^503\/\d{4}\/REK\/DPMPTSP\/[IVX]+\/\d{4}$/);
      await expectIssuedAndValid(task);
      const signature = await harness().records.signers.signature(task.caseId, 'certificate');
      expect(signature?.userId).to.equal('kepala');
      digests.add(signature!.outputSha256);
    }
    expect(digests.size, 'three documents, three signatures').to.equal(3);
    // The passphrase went into sealed grants only: not in a case's history, as it stands or encoded.
    const history = JSON.stringify(await harness().client.workflow.getHandle(caseWorkflowId('permit', tasks[0]!.caseId)).fetchHistory());
    expect(history).to.include(tasks[0]!.caseId);
    for (const form of [DEV_SIGNER_PASSPHRASE, Buffer.from(DEV_SIGNER_PASSPHRASE).toString('base64')]) expect(history).not.to.include(form);
  });

  it('refuses the whole batch for a wrong passphrase: nothing signed, one attempt counted against the throttle, none for a batch of nothing signable', async () => {
    // Two free failures, then a long delay: a batch that counted an attempt per task would be throttled at once.
    const throttle = { freeFailures: 2, baseDelayMs: 60_000, maxFailures: 10, lockMs: 60_000 };
    const { apiDeps } = harness();
    const app = supertest(createApp({ ...apiDeps, limits: { rate: apiDeps.limits!.rate, passphrase: throttle } }));
    await harness().records.security.attemptSucceeded('kepala');
    const tasks = await permitsToSign(3);
    // Nothing signable (as the fuzz suite sends): each refused on its own, and the passphrase is not even tried.
    const nothing = await signBatch({ passphrase: 'salah-dulu', items: [{ taskId: 'no-such-task', registrationNumber: tasks[0]!.registrationNumber }] }, app);
    expect(nothing.status, JSON.stringify(nothing.body)).to.equal(200);
    expect(nothing.body.items[0].error).to.include({ status: 404 });
    const wrong = await signBatch({ passphrase: 'salah-sekali', items: itemsOf(tasks) }, app);
    expect(wrong.status, JSON.stringify(wrong.body)).to.equal(403);
    expect(wrong.body.error.details[0].path).to.equal('passphrase');
    for (const task of tasks) expect((await harness().records.getTask(task.taskId))?.status).to.equal('open');
    expect((await signBatch({ passphrase: 'salah-lagi', items: itemsOf(tasks) }, app)).status, 'one attempt counted so far').to.equal(403);
    const third = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: itemsOf(tasks) }, app);
    expect(third.status, 'two failures counted: the next attempt waits').to.equal(429);
    for (const task of tasks) expect((await harness().records.getTask(task.taskId))?.status).to.equal('open');
    await harness().records.security.attemptSucceeded('kepala');
  });

  it("answers per item: another role's sign task is not found, a decided task a conflict, a wrong number refused; the others signed", async () => {
    const [first, second] = await permitsToSign(2);
    // A contract's first sign task (the vendor's or the PPK's): nothing the head of office may see.
    const contract = await draft();
    await legalApproves(contract);
    await proposeVersion(contract, 'vendor-a', 13_500_000);
    await decide('ppk', (await contractTasks(contract)).find((t) => t.kind === 'ppk_review')!.id, { outcome: 'accept' });
    await decide('vendor-a', (await contractTasks(contract, 'vendor-a')).find((t) => t.kind === 'guarantee')!.id, { outcome: 'submit', comment: 'JP-1' });
    const contractSign = (await harness().records.listTasksForCase(contract)).find((t) => t.kind === 'sign' && t.status === 'open')!;
    const contractRow = await harness().records.getCase(contract);
    // A task already decided: the first permit signed alone first.
    const alone = await http().post(`/api/v1/tasks/${first!.taskId}/decision`).set('Authorization', await token('kepala')).send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    expect(alone.status, JSON.stringify(alone.body)).to.equal(200);
    const [third] = await permitsToSign(1);

    const res = await signBatch({
      passphrase: DEV_SIGNER_PASSPHRASE,
      items: [
        { taskId: contractSign.id, registrationNumber: contractRow!.registrationNumber },
        { taskId: first!.taskId, registrationNumber: first!.registrationNumber },
        { taskId: second!.taskId, registrationNumber: second!.registrationNumber },
        { taskId: third!.taskId, registrationNumber: first!.registrationNumber },
        { taskId: 'no-such-task', registrationNumber: 'REG/REK/2026/999999' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ signed: 1, refused: 4 });
    const [other, decided, signed, mismatched, missing] = res.body.items;
    expect(other).to.deep.include({ taskId: contractSign.id, outcome: 'refused' });
    expect(other.error).to.include({ status: 404, code: 'NOT_FOUND' });
    // Nothing about the other case beyond the id the caller sent: no case, no number, no role.
    expect(other).not.to.have.any.keys('case', 'documentNumber');
    expect(JSON.stringify(other.error)).not.to.include(contract).and.not.to.include(contractRow!.registrationNumber).and.not.to.include(contractSign.role);
    expect(decided.error).to.include({ status: 409, code: 'TASK_CLOSED' });
    expect(signed).to.include({ taskId: second!.taskId, outcome: 'signed' });
    expect(mismatched.error).to.include({ status: 400, code: 'INVALID_INPUT' });
    expect(mismatched.error.details[0].path).to.equal('items.3.registrationNumber');
    expect(missing.error).to.include({ status: 404, code: 'NOT_FOUND' });
    await expectIssuedAndValid(second!);
    expect((await harness().records.getTask(third!.taskId))?.status, 'refused: still open').to.equal('open');
    expect((await harness().records.getTask(contractSign.id))?.status, "the contract's task untouched").to.equal('open');
    // Its own signer signs it the same way: a contract's signature through a batch of one.
    const signer = { 'vendor:012345678901234': 'vendor-a', 'ppk:dinas-pupr': 'ppk' }[contractSign.role]!;
    const own = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: [{ taskId: contractSign.id, registrationNumber: contractRow!.registrationNumber }] }, http(), signer);
    expect(own.body.items[0], JSON.stringify(own.body)).to.include({ outcome: 'signed', kind: 'contract' });
  });

  it('gives a repeat with the same Idempotency-Key the first answer (no 409s); another batch under that key is a 422', async () => {
    const tasks = await permitsToSign(2);
    const body = { passphrase: DEV_SIGNER_PASSPHRASE, items: itemsOf(tasks) };
    const send = async (b: object) => http().post('/api/v1/tasks/signatures').set('Authorization', await token('kepala')).set('Idempotency-Key', `batch-${tasks[0]!.taskId}`).send(b);
    const first = await send(body);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.signed).to.equal(2);
    const again = await send(body);
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    const other = await send({ ...body, items: itemsOf(tasks.slice(0, 1)) });
    expect(other.status).to.equal(422);
    expect(other.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a batch over the limit, a task twice or no passphrase with 400 naming the field', async () => {
    const many = Array.from({ length: SIGN_BATCH_MAX + 1 }, (_, i) => ({ taskId: `t-${i}`, registrationNumber: 'REG/REK/2026/000001' }));
    const over = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: many });
    expect(over.status).to.equal(400);
    expect(over.body.error.details[0].path).to.equal('items');
    const twice = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: [many[0], many[1], many[0]] });
    expect(twice.status).to.equal(400);
    expect(twice.body.error.details[0].path).to.equal('items.2.taskId');
    const none = await signBatch({ items: [many[0]] });
    expect(none.status).to.equal(400);
    expect(none.body.error.details[0].path).to.equal('passphrase');
    const empty = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: [] });
    expect(empty.status).to.equal(400);
    expect(empty.body.error.details[0].path).to.equal('items');
  });

  it('measures: a batch of N against N single sign decisions (printed, not asserted)', async () => {
    const n = Number(process.env.SAHKAN_SIGN_BATCH_N ?? 6);
    const singles = await permitsToSign(n);
    const batch = await permitsToSign(n);
    const startedSingles = performance.now();
    for (const task of singles) {
      const res = await http().post(`/api/v1/tasks/${task.taskId}/decision`).set('Authorization', await token('kepala')).send({ outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    const singleMs = performance.now() - startedSingles;
    const startedBatch = performance.now();
    const res = await signBatch({ passphrase: DEV_SIGNER_PASSPHRASE, items: itemsOf(batch) });
    const batchMs = performance.now() - startedBatch;
    expect(res.body.signed, JSON.stringify(res.body)).to.equal(n);
    process.stdout.write(
      `      sign ${n} permits: ${n} single decisions one after another ${(singleMs / 1000).toFixed(2)} s (${(singleMs / n).toFixed(0)} ms each); ` +
        `one batch ${(batchMs / 1000).toFixed(2)} s (${(batchMs / n).toFixed(0)} ms each), ${(singleMs / batchMs).toFixed(2)}× faster\n`,
    );
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { expect } from 'chai';
import supertest from 'supertest';
import { caseIdFor } from '../../api/case-ids';
import { createClusterStack, RECORDS_DATABASE, type TClusterStack, type TStackProcess } from '../../scripts/cluster-stack';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { submissionBody } from '../harness/api-client';
import { clusterClient, type TCaseDetail } from '../harness/cluster-client';
import { until } from '../harness/until';

/**
 * The production shape (scripts/cluster-stack.ts): PostgreSQL, the Temporal server v1.29.1 on it, two workers and
 * two API instances, all real processes. Cases go in through both APIs and are decided through either; a worker
 * and an API instance are killed with SIGKILL while requests are in flight, and every case still ends issued,
 * registered and numbered once.
 */
const JWT_SECRET = 'cluster-test-secret-of-at-least-thirty-two-characters';
const TASK_QUEUE = 'sahkan-cluster';
const type = loadCatalog(CATALOG_DIR).get('reklame')!;

describe('production shape: PostgreSQL, Temporal server v1.29.1, two workers, two API instances', function () {
  this.timeout(300_000);
  let stack: TClusterStack;
  let root: string;
  let temporal: Client;
  const output: string[] = [];
  const client = clusterClient({ apis: () => stack.apis, jwtSecret: JWT_SECRET });
  const { token, target, complete } = client;
  const submit = (api: TStackProcess, idempotencyKey?: string) => client.submit(api, type, idempotencyKey);

  before(async function () {
    this.timeout(30 * 60_000); // the first run builds the Temporal server (minutes)
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-cluster-'));
    fs.chmodSync(root, 0o755); // PostgreSQL runs as its own user when the tests run as root
    const startedAt = Date.now();
    stack = createClusterStack({
      root,
      cli: await ensureTemporalCli({ log: (line) => process.stderr.write(`${line}\n`) }),
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      temporalPort: 0,
      apiPorts: [0, 0],
      workers: 2,
      durable: false,
      env: { SAHKAN_DEV_USERS: 'true', JWT_SECRET, LOG_LEVEL: 'warn' },
      log: (line) => output.push(`[stack] ${line}`),
      output: (name, line) => output.push(`[${name}] ${line}`),
    });
    try {
      await stack.start();
    } catch (err) {
      process.stderr.write(`${output.slice(-60).join('\n')}\n`);
      throw err;
    }
    process.stderr.write(`      (cluster stack started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
    temporal = new Client({ connection: await Connection.connect({ address: stack.temporal!.address }), namespace: 'default' });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') process.stderr.write(`last output of the stack:\n${output.slice(-40).join('\n')}\n`);
  });

  after(async function () {
    this.timeout(120_000);
    await temporal?.connection.close();
    await stack?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  /** Every case issued once: one registration, one valid certificate, numbers never shared between cases. */
  async function expectIssuedOnce(cases: TCaseDetail[]): Promise<void> {
    for (const c of cases) {
      expect(c.status).to.equal('issued');
      expect(c.certificate?.status, c.id).to.equal('valid');
      expect(c.timeline.filter((e) => e.action === 'registered'), c.id).to.have.length(1);
    }
    expect(new Set(cases.map((c) => c.registrationNumber)).size).to.equal(cases.length);
    expect(new Set(cases.map((c) => c.certificate!.number)).size).to.equal(cases.length);
  }

  /** The identities (pid@host) of the workers that ran workflow or activity tasks of the cases. */
  async function workersThatRan(caseIds: string[]): Promise<Set<string>> {
    const identities = new Set<string>();
    for (const caseId of caseIds) {
      const history = await temporal.workflow.getHandle(caseWorkflowId('permit', caseId)).fetchHistory();
      for (const e of history.events ?? []) {
        const identity = e.workflowTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity);
      }
    }
    return identities;
  }
  const identityOf = (p: TStackProcess) => `${p.child!.proc.pid}@`;

  it('runs on PostgreSQL for persistence and visibility', async () => {
    const info = await temporal.workflowService.getClusterInfo({});
    expect(info.serverVersion).to.equal('1.29.1');
    expect(info.persistenceStore).to.equal('postgres12');
    expect(info.visibilityStore).to.equal('postgres12');
  });

  it('takes cases through both APIs, decides them through either, and both workers run them', async () => {
    const cases = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const submitted = await submit(stack.apis[i % 2]!);
        expect(submitted.registrationNumber).to.be.a('string');
        return complete((i + 1) % 2, submitted.id);
      }),
    );
    await expectIssuedOnce(cases);
    // The records are PostgreSQL's (SAHKAN_DATABASE_URL), not a file of one instance.
    const ids = cases.map((c) => `'${c.id}'`).join(',');
    expect(stack.postgres!.psql(`select count(*) from cases where case_id in (${ids}) and status = 'issued'`, RECORDS_DATABASE).trim()).to.equal(String(cases.length));
    // Each certificate verifies publicly through the API that did not sign it.
    for (const [i, c] of cases.entries()) {
      const res = await supertest(stack.apis[i % 2]!.url!).get(`/api/v1/public/verify/${encodeURIComponent(c.certificate!.number)}`);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ status: 'valid', number: c.certificate!.number });
    }
    const ran = [...(await workersThatRan(cases.map((c) => c.id)))];
    for (const worker of stack.workers) expect(ran.some((id) => id.startsWith(identityOf(worker))), `${worker.name} ran none of ${ran.join(', ')}`).to.equal(true);
  });

  it('completes every case when a worker is killed (SIGKILL) while decisions are in flight', async () => {
    const submitted = await Promise.all(Array.from({ length: 4 }, (_, i) => submit(stack.apis[i % 2]!)));
    const victim = stack.workers[0]!;
    let settled = 0;
    const running = submitted.map((s, i) => complete(i % 2, s.id).finally(() => settled++));
    await new Promise((r) => setTimeout(r, 300));
    await victim.kill('SIGKILL');
    expect(settled, 'all cases were done before the kill: nothing was in flight').to.be.below(submitted.length);
    const cases = await Promise.all(running);
    await expectIssuedOnce(cases);
    const ran = [...(await workersThatRan(cases.map((c) => c.id)))];
    expect(ran.some((id) => id.startsWith(identityOf(stack.workers[1]!))), 'the surviving worker finished the cases').to.equal(true);
    await victim.start(); // back to two workers; it joins the same task queue
  });

  it('attaches a submission retried on the other API after the first was killed mid-request to the same case', async () => {
    const [first, second] = stack.apis as [TStackProcess, TStackProcess];
    const key = `cluster-${Date.now()}`;
    const caseId = caseIdFor({ userId: 'budi', roles: ['applicant'] }, key);
    const body = await submissionBody(type, 'budi', target(second));
    // The workers paused (SIGSTOP): the case's workflow starts but cannot register it, so the request is
    // certainly still in flight on the first API when that is killed.
    for (const w of stack.workers) w.child!.proc.kill('SIGSTOP');
    let firstOutcome: number | string;
    try {
      const inFlight = supertest(first.url!)
        .post('/api/v1/permits')
        .set('Authorization', await token('budi'))
        .set('Idempotency-Key', key)
        .send(body)
        .then((res) => res.status, (err: Error) => err.message);
      await until(() => temporal.workflow.getHandle(caseWorkflowId('permit', caseId)).describe().then(() => true, () => false), 'the case workflow to start');
      await first.kill('SIGKILL');
      firstOutcome = await inFlight;
    } finally {
      for (const w of stack.workers) w.child!.proc.kill('SIGCONT');
    }
    expect(firstOutcome, 'the killed API answered the request').to.be.a('string'); // a broken connection, no status

    const retried = await supertest(second.url!).post('/api/v1/permits').set('Authorization', await token('budi')).set('Idempotency-Key', key).send(body);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(201);
    const again = await supertest(second.url!).post('/api/v1/permits').set('Authorization', await token('budi')).set('Idempotency-Key', key).send(body);
    expect(again.body).to.deep.include({ id: retried.body.id, registrationNumber: retried.body.registrationNumber });

    await first.start();
    expect(retried.body.id).to.equal(caseId);
    const done = await complete(0, caseId);
    await expectIssuedOnce([done]);
    // Visibility (on PostgreSQL here) is written behind the workflow: wait for the closed run to show.
    const query = `WorkflowId = '${caseWorkflowId('permit', retried.body.id as string)}' AND ExecutionStatus = 'Completed'`;
    await until(async () => ((await temporal.workflowService.countWorkflowExecutions({ namespace: 'default', query })).count?.toNumber() ?? 0) > 0, 'the closed run in visibility');
    const runs = await temporal.workflowService.listWorkflowExecutions({ namespace: 'default', query: query.split(' AND ')[0] });
    expect(runs.executions ?? [], 'workflow runs of the case in visibility').to.have.length(1);
  });
});

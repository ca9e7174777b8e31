import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { permitWorkflow } from '../../workflows/permit/permit.workflow';
import { caseWorkflowId, decisionUpdate, viewQuery } from '../../workflows/shared/case.messages';
import type { TCaseView } from '../../workflows/shared/case.messages';
import { sampleApplicant, sampleFields, signAsHead, updatePermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { parsePrometheusText, sampleSum } from '../harness/prometheus-text';
import { freePort } from '../../scripts/dev-server';

const ROOT = path.join(__dirname, '..', '..');
const TASK_QUEUE = 'sahkan-fault';

/** A real worker process (`worker/main.ts`) on its own task queue, sharing the harness's records store. */
function spawnWorker(env: NodeJS.ProcessEnv = {}): ChildProcess {
  const { server, dataDir } = harness();
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: server.address, SAHKAN_DATA_DIR: dataDir, SAHKAN_TASK_QUEUE: TASK_QUEUE, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.resume(); // drained, so a chatty worker never blocks on a full pipe
  return child;
}

/** Resolves once the worker says it polls: its start-up (migrations, PKI, CRL) writes to the store first. */
function polling(child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('timed out waiting for the worker to poll')), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes('worker polling task queue')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before polling`)));
  });
}

async function waitUntil<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('fault: a worker killed inside an activity', function () {
  this.timeout(180_000);
  const children: ChildProcess[] = [];
  after(() => children.forEach((c) => c.kill('SIGKILL')));

  it('resumes on a new worker and completes once, with no duplicate number or event', async () => {
    const { client, catalog, calendar, dataDir, records } = harness();
    const type = catalog.get('reklame')!;
    const caseId = crypto.randomBytes(12).toString('hex');
    const handle = client.workflow.getHandle(caseWorkflowId('permit', caseId));
    await records.saveApplicant(caseId, sampleApplicant());

    const first = spawnWorker();
    children.push(first);
    await polling(first);
    // Hold the store's write lock so that registerCase blocks inside the activity.
    const lock = new Database(path.join(dataDir, 'records.db'));
    lock.exec('BEGIN IMMEDIATE');
    try {
      await client.workflow.start<typeof permitWorkflow>('permitWorkflow', {
        workflowId: caseWorkflowId('permit', caseId),
        taskQueue: TASK_QUEUE,
        args: [{ caseId, kind: 'permit', type, applicantId: 'budi', fields: sampleFields(type), documents: {}, calendar }],
      });
      await waitUntil(async () => {
        const { raw } = await handle.describe();
        const pending = raw.pendingActivities?.find((a) => a.activityType?.name === 'registerCase');
        return pending?.lastStartedTime ? pending : undefined;
      }, 'registerCase to start on the first worker');
      first.kill('SIGKILL');
      await killed(first);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }

    // The second worker exports both kinds of metrics, read once it has signed.
    const [sdkPort, appPort] = [await freePort(), await freePort()];
    const second = spawnWorker({ SAHKAN_WORKER_METRICS_PORT: String(sdkPort), SAHKAN_WORKER_APP_METRICS_PORT: String(appPort) });
    children.push(second);
    // The killed attempt times out (start-to-close) and the activity runs again on the new worker.
    let v = await waitUntil(async () => {
      const view = await handle.query(viewQuery);
      return view.status === 'in_review' && view.tasks.length > 0 ? view : undefined;
    }, 'the case to be registered by the second worker', 90_000);
    while (v.status === 'in_review') {
      const task = v.tasks.find((t) => t.status === 'open')!;
      v = await updatePermit(caseId, decisionUpdate, { actor: { userId: 'r', roles: [task.role] }, taskId: task.id, outcome: 'approve', comment: null });
    }
    expect(v.status).to.equal('awaiting_signature');
    await signAsHead(caseId);
    const result: TCaseView = await handle.result();
    expect(result.status).to.equal('issued');
    expect((await records.issuance.byCase(caseId))?.number).to.equal(result.documentNumber);

    const row = await records.getCase(caseId);
    expect(row?.registrationNumber).to.equal(result.registrationNumber);
    const events = await records.listEvents(caseId);
    expect(events.map((e) => e.seq)).to.deep.equal(result.events.map((e) => e.seq));
    expect(events.filter((e) => e.action === 'registered')).to.have.length(1);
    const history = await handle.fetchHistory();
    const registrations = (history.events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'registerCase',
    );
    expect(registrations).to.have.length(1);
    const attempts = (history.events ?? []).find((e) => e.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes?.attempt;
    expect(attempts).to.be.greaterThan(1); // the first attempt really died with the worker

    const scrape = async (port: number) => parsePrometheusText(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    const signActivity = { activity_type: 'signDocument', task_queue: TASK_QUEUE };
    expect(sampleSum(await scrape(sdkPort), 'temporal_activity_execution_latency_seconds_count', signActivity)).to.equal(1);
    expect(sampleSum(await scrape(appPort), 'sahkan_signing_duration_seconds_count', { outcome: 'signed' })).to.equal(1);
    second.kill('SIGTERM');
    await killed(second);
  });
});

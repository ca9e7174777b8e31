import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { WORKER_READY } from '../../scripts/cluster-stack';
import { freePort, startDevServer, type TDevServer } from '../../scripts/dev-server';
import { spawnEntry, stopChild, type TManagedChild } from '../../scripts/managed-child';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { WORKER_NODE_FLAGS } from '../../worker/node-flags';
import { until } from '../harness/until';

/**
 * A machine that boots its services in any order, or a Temporal server that exits (losing its database at start
 * is fatal to it) and is started again: the API and the worker wait for it instead of exiting.
 */
describe('the API and the worker started before their Temporal server', function () {
  this.timeout(240_000);
  const children: TManagedChild[] = [];
  let server: TDevServer | undefined;
  let dataDir: string;

  after(async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serve and wait: readiness 503 for Temporal, the worker retries, both ready once the server answers', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-temporal-later-'));
    const [temporalPort, apiPort] = [await freePort(), await freePort()];
    const env = { ...process.env, SAHKAN_DATA_DIR: dataDir, PORT: String(apiPort), TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, LOG_LEVEL: 'info' };
    const output: Record<string, string[]> = { worker: [], api: [] };
    const start = (name: 'worker' | 'api', entry: string) => {
      const child = spawnEntry(name, entry, { env, onLine: (line) => output[name]!.push(line) });
      children.push(child);
      return child;
    };
    // The worker first: on an empty folder it migrates and creates the office PKI before it connects.
    const worker = start('worker', 'worker/main.ts');
    // Every launch of the worker bounds its main thread's young generation (worker/node-flags.ts); the API's does not.
    expect(fs.readFileSync(`/proc/${worker.proc.pid}/cmdline`, 'utf8').split('\0')).to.include.members([...WORKER_NODE_FLAGS]);
    await until(async () => output.worker!.some((l) => l.includes('does not answer yet')), 'the worker waiting for Temporal', 120_000);
    const api = start('api', 'api/main.ts');
    expect(fs.readFileSync(`/proc/${api.proc.pid}/cmdline`, 'utf8').split('\0')).not.to.include.members([...WORKER_NODE_FLAGS]);
    const readyz = () => fetch(`http://127.0.0.1:${apiPort}/api/v1/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as { temporal?: string } }), () => null);
    const waiting = await until(readyz, 'the API answering while Temporal is down', 120_000);
    expect(waiting.status).to.equal(503);
    expect(waiting.body.temporal).not.to.equal('ok');
    expect(worker.done || api.done, 'neither exited').to.equal(false);

    const cli = await ensureTemporalCli({ log: () => undefined });
    server = await startDevServer({ cli, port: temporalPort, headless: true });
    const ready = await until(async () => ((await readyz())?.status === 200 ? true : undefined), 'the API ready', 90_000);
    expect(ready).to.equal(true);
    await until(async () => output.worker!.some((l) => l.includes(WORKER_READY)) || undefined, 'the worker polling', 90_000);
    expect(worker.done || api.done, 'neither exited').to.equal(false);
  });

  it('the package’s worker scripts give the worker its node flags too', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['worker', 'worker:prod']) expect(scripts[name]!.split(' '), name).to.include.members([...WORKER_NODE_FLAGS]);
  });
});

/**
 * The stack a bench drives, as `npm start` runs it: a Temporal dev server (state in a temporary folder), then the
 * project's worker (which migrates the SQLite records and creates the office PKI on the empty folder), then one API
 * instance with loadRunEnv. Used by `npm run bench:e2e` and `npm run bench:memory`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRunEnv, stackProcess, waitForHealth, waitForLine, WORKER_READY, type TStackProcess } from '../cluster-stack';
import { freePort, startDevServer, type TDevServer } from '../dev-server';
import { ensureTemporalCli } from '../temporal-cli';

export interface TBenchStackOptions {
  /** The bench's name, for its temporary folder. */
  name: string;
  taskQueue: string;
  jwtSecret: string;
  /** Added to the worker's and the API's environment. */
  env?: NodeJS.ProcessEnv;
  /** The output folder of `npm run build`: worker and API run its compiled JavaScript; unset, the sources under tsx. */
  compiledIn?: string;
  log: (line: string) => void;
}

export interface TBenchStack {
  /** The temporary folder: Temporal's state, the records, stack.log. */
  root: string;
  server: TDevServer;
  worker: TStackProcess;
  api: TStackProcess;
  /** Writes a line to stack.log under the process's name (for the bench's own extra processes). */
  output: (name: string, line: string) => void;
  /** Resolves once a started worker process printed its ready line (for the bench's own extra workers). */
  workerReady: (child: NonNullable<TStackProcess['child']>, seen: () => boolean) => Promise<void>;
  /** Stops the API, the worker and the server and removes the temporary folder. */
  stop(): Promise<void>;
}

/** The operating system's process id of a started stack process. */
export const pidOf = (p: TStackProcess): number => p.child!.proc.pid!;

export async function startBenchStack(opts: TBenchStackOptions): Promise<TBenchStack> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `sahkan-${opts.name}-`));
  const stackLog = fs.createWriteStream(path.join(root, 'stack.log'));
  const output = (name: string, line: string) => stackLog.write(`[${name}] ${line}\n`);
  const server = await startDevServer({
    cli: await ensureTemporalCli({ log: opts.log }),
    headless: true,
    dbFile: path.join(root, 'temporal.db'),
    log: (line) => output('temporal', line),
  });
  const port = await freePort();
  const env = { ...process.env, ...loadRunEnv(opts.jwtSecret), ...opts.env, TEMPORAL_ADDRESS: server.address, SAHKAN_TASK_QUEUE: opts.taskQueue, SAHKAN_DATA_DIR: path.join(root, 'records'), PORT: String(port) };
  const workerReady = (child: NonNullable<TStackProcess['child']>, seen: () => boolean) => waitForLine(child, seen, `"${WORKER_READY}"`);
  const worker = stackProcess({ name: 'worker', entry: 'worker/main.ts', env: () => env, compiledIn: opts.compiledIn, output, ready: workerReady });
  const api = stackProcess({ name: 'api', entry: 'api/main.ts', env: () => env, compiledIn: opts.compiledIn, output, ready: (child) => waitForHealth(child, api.url!) });
  api.url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    for (const p of [api, worker]) await p.kill('SIGTERM');
    await server.stop();
    stackLog.end();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    // The worker alone first: on an empty records folder it migrates and creates the office PKI and secrets.
    await worker.start();
    await api.start();
  } catch (err) {
    await stop();
    throw err;
  }
  return { root, server, worker, api, output, workerReady, stop };
}

/** Runs `count` jobs, `concurrency` at a time. */
export async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

/**
 * `npm run stack:cluster`: the production shape on this machine (scripts/cluster-stack.ts): PostgreSQL, the
 * Temporal server v1.29.1 on it from deploy/temporal-server.yaml, two workers and two API instances, the compiled
 * programs of dist/ (the npm script runs `npm run build` first).
 *
 * State lives in `<SAHKAN_DATA_DIR>/cluster/` (default data/cluster), apart from `npm start`'s. The frontend
 * listens on TEMPORAL_PORT (default 7233), the APIs on PORT and PORT+1 (default 3000 and 3001).
 * One Ctrl-C (or SIGTERM) stops the APIs, the workers, the Temporal server and PostgreSQL, in that order.
 * If any process dies on its own, everything is stopped and the exit code is 1.
 */
import path from 'node:path';
import { loadConfig } from '../config/env';
import { projectFile } from '../project-root';
import { createClusterStack, RECORDS_DATABASE, type TClusterStack } from './cluster-stack';
import { killTree } from './managed-child';
import { ensureTemporalCli } from './temporal-cli';

const WORKERS = 2;
const APIS = 2;
/** A second signal this long after the first forces an immediate kill (a single Ctrl-C can arrive twice via npm/tsx). */
const FORCE_AFTER_MS = 2_000;

const write = (stream: NodeJS.WriteStream, line: string) => {
  try {
    stream.write(`${line}\n`);
  } catch {
    // a closed pipe must not take the launcher down
  }
};
const say = (line: string) => write(process.stdout, `[stack] ${line}`);

let stack: TClusterStack | undefined;
let stopping: Promise<void> | undefined;
let firstSignalAt = 0;

function shutdown(code: number, reason: string): Promise<void> {
  stopping ??= (async () => {
    say(`${reason}; stopping…`);
    await stack?.stop().catch((err: Error) => say(`while stopping: ${err.message}`));
    say(code === 0 ? 'stopped' : `stopped (exit ${code})`);
    process.exit(code);
  })();
  return stopping;
}

/** Whatever happens, no PostgreSQL, Temporal server or Node process is left behind. */
function forceKillAll(): void {
  for (const p of [...(stack?.apis ?? []), ...(stack?.workers ?? [])]) if (p.child && !p.child.done) killTree(p.child.proc, 'SIGKILL');
  if (stack?.temporal) {
    try {
      process.kill(-stack.temporal.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  try {
    stack?.postgres?.stop(); // synchronous (pg_ctl stop), so it runs in an exit handler too
  } catch {
    // already stopped, or its folder is gone
  }
}

function onSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  if (firstSignalAt === 0) {
    firstSignalAt = now;
    void shutdown(0, `${signal} received`);
    return;
  }
  if (now - firstSignalAt < FORCE_AFTER_MS) return;
  say(`${signal} received again; killing everything now`);
  forceKillAll();
  process.exit(1);
}

async function main(): Promise<void> {
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  // Like `npm start`: development users on unless SAHKAN_DEV_USERS=false says otherwise.
  const config = loadConfig({ SAHKAN_DEV_USERS: 'true', ...process.env });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', forceKillAll);

  const cli = await ensureTemporalCli({ log: say });
  const root = path.join(config.dataDir, 'cluster');
  stack = createClusterStack({
    root,
    cli,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.SAHKAN_TASK_QUEUE,
    temporalPort: config.TEMPORAL_PORT,
    apiPorts: Array.from({ length: APIS }, (_, i) => config.PORT + i),
    workers: WORKERS,
    durable: true,
    workerMetrics: true,
    env: { SAHKAN_DEV_USERS: String(config.SAHKAN_DEV_USERS), LOG_LEVEL: config.LOG_LEVEL },
    // What an operator runs: the compiled programs `npm run stack:cluster` has just built (package.json).
    compiledIn: projectFile('dist'),
    log: say,
    output: (name, line) => write(process.stdout, `[${name}] ${line}`),
  });
  await stack.start();
  if (stopping) return;
  for (const p of [...stack.workers, ...stack.apis]) {
    void p.child?.exited.then((status) => void shutdown(1, `${p.name} exited unexpectedly (${status})`));
  }
  void stack.temporal?.exited.then((status) => void shutdown(1, `the Temporal server exited unexpectedly (${status})`));

  say('ready:');
  say(`  Temporal frontend  ${stack.temporal!.address} (namespace ${config.TEMPORAL_NAMESPACE}; temporal --address ${stack.temporal!.address} operator cluster describe)`);
  say(`  PostgreSQL         ${stack.postgres!.url('temporal')}, …/temporal_visibility, …/${RECORDS_DATABASE} (records)`);
  for (const api of stack.apis) say(`  ${api.name.padEnd(18)} ${api.url}/ (pages), ${api.url}/api/v1`);
  say(`  workers            ${stack.workers.map((w) => w.name).join(', ')} on task queue ${config.SAHKAN_TASK_QUEUE}`);
  say(`  metrics            ${stack.apis.map((a) => `${a.url}/metrics`).join(', ')} (loopback or SAHKAN_METRICS_TOKEN)`);
  for (const w of stack.workers) say(`  ${`${w.name} metrics`.padEnd(18)} ${w.metricsUrls?.join(' (Temporal SDK), ')} (its own)`);
  const records = path.relative(process.cwd(), stack.recordsDir);
  const recordsArg = records.startsWith('..') ? stack.recordsDir : records;
  say(`  blobs, PKI         ${stack.recordsDir} (tokens: SAHKAN_DATA_DIR=${recordsArg} npm run token -- <user>)`);
  say(`  logs               ${path.join(root, 'temporal.log')}, ${path.join(root, 'pg', 'server.log')}`);
  say('Ctrl-C stops everything.');
}

main().catch((err: unknown) => {
  say(err instanceof Error ? err.message : String(err));
  void shutdown(firstSignalAt !== 0 ? 0 : 1, 'start-up failed');
});

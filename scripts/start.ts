/**
 * `npm start`: the whole system on one machine.
 *
 * Without TEMPORAL_ADDRESS it finds (or builds) the Temporal CLI and runs its development server with state in
 * `<dataDir>/temporal.db`; then it runs the worker and the API as child processes, their output prefixed.
 * One Ctrl-C (or SIGTERM) stops the worker and the API first, then the Temporal server, and exits 0.
 * If any of them dies on its own, everything is stopped and the exit code is 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type TConfig } from '../config/env';
import { openDatabase } from '../store/database';
import { migrateToLatest } from '../store/migrations';
import { freePort, startDevServer, type TDevServer } from './dev-server';
import { killTree, spawnEntry, stopChild, type TManagedChild } from './managed-child';
import { ensureTemporalCli } from './temporal-cli';

/** A second signal this long after the first forces an immediate kill (a single Ctrl-C can arrive twice via npm/tsx). */
const FORCE_AFTER_MS = 2_000;

const say = (line: string) => out(process.stdout, `[start] ${line}`);
const warn = (line: string) => out(process.stderr, `[start] ${line}`);

function out(stream: NodeJS.WriteStream, line: string): void {
  try {
    stream.write(`${line}\n`);
  } catch {
    // a closed pipe (e.g. `npm start | head`) must not take the launcher down
  }
}

let phase: 'finding-cli' | 'starting-server' | 'running' | 'stopping' = 'finding-cli';
let firstSignalAt = 0;
let devServer: TDevServer | undefined;
let devServerDone = false;
const children: TManagedChild[] = [];

let shuttingDown: Promise<never> | undefined;
function shutdown(code: number, reason: string): Promise<never> {
  shuttingDown ??= (async () => {
    phase = 'stopping';
    say(`${reason}; stopping…`);
    await Promise.all(children.map((child) => stopChild(child, warn)));
    if (devServer) {
      say('stopping the Temporal dev server');
      await devServer.stop();
    }
    say(code === 0 ? 'stopped' : `stopped (exit ${code})`);
    process.exit(code);
  })();
  return shuttingDown;
}

function onSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  if (firstSignalAt === 0) {
    firstSignalAt = now;
    if (phase === 'finding-cli') {
      // Only finding or building the CLI is under way: nothing of ours to stop in order.
      say(`${signal} received during start-up; exiting`);
      process.exit(0);
    }
    if (phase === 'starting-server') {
      say(`${signal} received; stopping once the Temporal dev server has started`);
      return; // main() checks firstSignalAt when startDevServer settles
    }
    void shutdown(0, `${signal} received`);
    return;
  }
  if (now - firstSignalAt < FORCE_AFTER_MS) return; // the same Ctrl-C relayed by npm/tsx
  warn(`${signal} received again; killing everything now`);
  forceKillAll();
  process.exit(1);
}

function forceKillAll(): void {
  for (const child of children) if (!child.done) killTree(child.proc, 'SIGKILL');
  if (devServer && !devServerDone) {
    try {
      process.kill(-devServer.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function spawnChild(name: string, entry: string, env: NodeJS.ProcessEnv): TManagedChild {
  const child = spawnEntry(name, entry, {
    env,
    onLine: (line, stream) => out(stream === 'stdout' ? process.stdout : process.stderr, `[${name}] ${line}`),
  });
  void child.exited.then((status) => {
    if (phase !== 'stopping') void shutdown(1, `the ${name} exited unexpectedly (${status})`);
  });
  return child;
}

async function announceApi(config: TConfig): Promise<void> {
  if (config.PORT === 0) {
    say('PORT=0: the API picks its own port (see its log)');
    return;
  }
  const url = `http://127.0.0.1:${config.PORT}`;
  const deadline = Date.now() + 120_000;
  while (phase === 'running' && Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        say(`API listening on http://localhost:${config.PORT}/api/v1 (public URL ${config.SAHKAN_PUBLIC_URL})`);
        say('development tokens: npm run token -- <user> (run it without a user to list the seeded users)');
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (phase === 'running') warn(`the API did not answer ${url}/healthz within 120s; still waiting on its own`);
}

async function main(): Promise<void> {
  // A closed pipe (`npm start | head`) reports EPIPE asynchronously; it must not crash the launcher mid-way.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  // `npm start` is the local set-up: development users on unless SAHKAN_DEV_USERS=false says otherwise.
  const config = loadConfig({ SAHKAN_DEV_USERS: 'true', ...process.env });
  fs.mkdirSync(config.dataDir, { recursive: true });

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Whatever happens, do not leave processes behind.
  process.on('exit', forceKillAll);

  let address = config.TEMPORAL_ADDRESS;
  if (address) {
    say(`using the Temporal server at ${address} (namespace ${config.TEMPORAL_NAMESPACE})`);
  } else {
    const cli = await ensureTemporalCli({ log: say });
    const dbFile = path.join(config.dataDir, 'temporal.db');
    say(`starting the Temporal dev server on 127.0.0.1:${config.TEMPORAL_PORT} (state in ${dbFile})`);
    phase = 'starting-server';
    devServer = await startDevServer({
      cli,
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile,
      namespace: config.TEMPORAL_NAMESPACE,
      detached: true,
      log: (line) => out(process.stdout, `[temporal] ${line}`),
    });
    address = devServer.address;
    void devServer.exited.then((status) => {
      devServerDone = true;
      if (phase !== 'stopping') void shutdown(1, `the Temporal dev server exited unexpectedly (${status})`);
    });
    if (firstSignalAt !== 0) return void (await shutdown(0, 'start-up interrupted'));
    say(`Temporal Web UI: ${devServer.uiUrl}`);
  }

  // Migrate here, before the worker and the API open the records database (they would also wait on the
  // migration lock, but one migration up front keeps their start-up logs simple).
  const db = openDatabase(config.recordsLocation);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) say(`records database migrated (${applied.join(', ')})`);
  } finally {
    await db.destroy();
  }

  // The worker's metrics (the SDK's and its own) on the ports given, else on free loopback ports; it prints both URLs.
  const sdkMetricsPort = config.SAHKAN_WORKER_METRICS_PORT ?? (await freePort());
  let appMetricsPort = config.SAHKAN_WORKER_APP_METRICS_PORT ?? (await freePort());
  while (appMetricsPort === sdkMetricsPort) appMetricsPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: address,
    SAHKAN_DATA_DIR: config.dataDir,
    SAHKAN_DEV_USERS: String(config.SAHKAN_DEV_USERS),
    SAHKAN_WORKER_METRICS_PORT: String(sdkMetricsPort),
    SAHKAN_WORKER_APP_METRICS_PORT: String(appMetricsPort),
  };
  children.push(spawnChild('worker', 'worker/main.ts', env));
  children.push(spawnChild('api', 'api/main.ts', env));
  phase = 'running';
  await announceApi(config);
}

main().catch((err: unknown) => {
  warn(err instanceof Error ? err.message : String(err));
  void shutdown(firstSignalAt !== 0 ? 0 : 1, 'start-up failed');
});

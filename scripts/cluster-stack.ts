/**
 * The production shape on one machine: PostgreSQL in a folder of its own, the Temporal server v1.29.1 on it
 * (schemas by its tool, config from deploy/), the namespace and search attributes registered, then several
 * workers and API instances, the same programs `npm start` runs, sharing the records database `sahkan` on the same
 * PostgreSQL (SAHKAN_DATABASE_URL) and one folder for blobs, PKI and secrets.
 *
 * Used by `npm run stack:cluster` (scripts/stack-cluster.ts) and by the suite in test/cluster/.
 * Everything lives under `root`: `pg/` (PostgreSQL: `pg/cluster/` its data, `pg/server.log`), `temporal.log`,
 * `records/` (the blobs, PKI and secrets every worker and API instance shares).
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort, waitUntilReady } from './dev-server';
import { killTree, spawnEntry, stopChild, type TManagedChild } from './managed-child';
import { startPostgres, type TPostgresInstance } from './postgres-instance';
import { ensureTemporalServer, registerNamespace, setupTemporalSchemas, startTemporalServer, type TSqlTarget, type TTemporalServer } from './temporal-server';

/** The line worker/main.ts prints once it polls its task queue (the bench's bare worker prints it too). */
export const WORKER_READY = 'worker polling task queue';
export const RECORDS_DATABASE = 'sahkan';

const READY_TIMEOUT_MS = 180_000;

export interface TClusterStackOptions {
  root: string;
  /** The Temporal CLI, for registering the namespace and search attributes. */
  cli: string;
  namespace: string;
  taskQueue: string;
  /** Frontend gRPC port of the Temporal server; 0 picks a free one. */
  temporalPort: number;
  /** One API instance per entry; 0 picks a free port. */
  apiPorts: number[];
  workers: number;
  /** false: PostgreSQL without fsync, for throwaway test stacks. */
  durable: boolean;
  /** Added to the environment of every worker and API instance. */
  env?: NodeJS.ProcessEnv;
  /** Each worker exports its metrics (the SDK's and its own) on two free loopback ports, kept across restarts. */
  workerMetrics?: boolean;
  /** The output folder of `npm run build`: workers and APIs run its compiled JavaScript; unset, the sources under tsx. */
  compiledIn?: string;
  /** The stack's own progress lines. */
  log: (line: string) => void;
  /** Every line a worker or API instance prints. */
  output: (name: string, line: string) => void;
}

export interface TStackProcess {
  name: string;
  /** The API's base URL (APIs only). */
  url?: string;
  /** A worker's metrics endpoints, the SDK's then its own (with `workerMetrics`). */
  metricsUrls?: string[];
  /** The running process, replaced by start(). */
  readonly child: TManagedChild | undefined;
  /** Starts it (again, after a kill) and resolves once it is ready. */
  start(): Promise<void>;
  /** Sends the signal to it and waits until it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface TClusterStack {
  postgres?: TPostgresInstance;
  temporal?: TTemporalServer;
  workers: TStackProcess[];
  apis: TStackProcess[];
  /** SAHKAN_DATA_DIR of every worker and API instance (their records are in PostgreSQL). */
  recordsDir: string;
  /** Brings everything up in order; on failure what was started stays for stop() to end. */
  start(): Promise<void>;
  /**
   * Starts the Temporal server again after it stopped or was killed, on the same frontend address (the workers and
   * APIs keep theirs), and resolves once it answers for the namespace. For fault campaigns (scripts/chaos.ts).
   */
  restartTemporal(): Promise<void>;
  /** APIs and workers first, then the Temporal server, then PostgreSQL. Safe to call at any point, and twice. */
  stop(): Promise<void>;
}

export async function waitForLine(child: TManagedChild, seen: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!seen()) {
    if (child.done) throw new Error(`${child.name} exited (${await child.exited}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`${child.name}: no ${what} within ${READY_TIMEOUT_MS / 1000}s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function waitForHealth(child: TManagedChild, url: string): Promise<void> {
  let healthy = false;
  const probe = async () => {
    healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    return healthy;
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await probe())) {
    if (child.done) throw new Error(`${child.name} exited (${await child.exited}) before answering ${url}/healthz`);
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer ${url}/healthz within ${READY_TIMEOUT_MS / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface TStackProcessOptions {
  name: string;
  /** The program, relative to the project (worker/main.ts, api/main.ts, a bench's own worker). */
  entry: string;
  /** Its environment, read at each start. */
  env: () => NodeJS.ProcessEnv;
  /** Run the compiled entry of this build output folder instead of the source (spawnEntry). */
  compiledIn?: string;
  output: (name: string, line: string) => void;
  /** Resolves once the started process is ready; `sawReadyLine` tells whether it printed WORKER_READY. */
  ready: (child: TManagedChild, sawReadyLine: () => boolean) => Promise<void>;
}

/** One program of a stack as a child process that can be started, killed and started again. */
export function stackProcess(opts: TStackProcessOptions): TStackProcess {
  let child: TManagedChild | undefined;
  return {
    name: opts.name,
    get child() {
      return child;
    },
    async start() {
      let sawReadyLine = false;
      child = spawnEntry(opts.name, opts.entry, {
        env: opts.env(),
        compiledIn: opts.compiledIn,
        onLine: (line) => {
          if (line.includes(WORKER_READY)) sawReadyLine = true;
          opts.output(opts.name, line);
        },
      });
      await opts.ready(child, () => sawReadyLine);
    },
    async kill(signal) {
      if (!child || child.done) return;
      killTree(child.proc, signal);
      await child.exited;
    },
  };
}

export function createClusterStack(opts: TClusterStackOptions): TClusterStack {
  const recordsDir = path.join(opts.root, 'records');
  let address = '';
  let publicUrl = '';
  let recordsUrl = '';
  let startServer: ((frontendPort: number) => Promise<TTemporalServer>) | undefined;

  const processEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    ...process.env,
    ...opts.env,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: opts.namespace,
    SAHKAN_TASK_QUEUE: opts.taskQueue,
    SAHKAN_DATA_DIR: recordsDir,
    SAHKAN_DATABASE_URL: recordsUrl,
    // One public address for the office, as behind a load balancer: QR codes name it whichever instance issued.
    SAHKAN_PUBLIC_URL: publicUrl,
    ...extra,
  });

  const managed = (name: string, entry: string, ready: (child: TManagedChild, sawReadyLine: () => boolean) => Promise<void>, extraEnv: NodeJS.ProcessEnv = {}) =>
    stackProcess({ name, entry, env: () => processEnv(extraEnv), compiledIn: opts.compiledIn, output: opts.output, ready });

  // Filled in by start() when the workers export metrics; read by each worker's every start.
  const workerEnvs = Array.from({ length: opts.workers }, (): NodeJS.ProcessEnv => ({}));
  const workers = workerEnvs.map((env, i) =>
    managed(`worker-${i + 1}`, 'worker/main.ts', (child, seen) => waitForLine(child, seen, `"${WORKER_READY}"`), env),
  );
  const apis: TStackProcess[] = [];

  const stack: TClusterStack = {
    workers,
    apis,
    recordsDir,
    async start() {
      const { server, sqlTool } = await ensureTemporalServer(opts.log);
      const pgDir = path.join(opts.root, 'pg');
      fs.mkdirSync(pgDir, { recursive: true });
      const postgres = await startPostgres({ dataDir: pgDir, ephemeral: !opts.durable, log: opts.log });
      stack.postgres = postgres;
      const sql: TSqlTarget = {
        host: postgres.host,
        port: postgres.port,
        user: new URL(postgres.url()).username,
        database: 'temporal',
        visibilityDatabase: 'temporal_visibility',
      };
      await setupTemporalSchemas(sqlTool, sql, opts.log);
      // The records of every worker and API instance: a database of their own on the same server.
      const exists = postgres.psql(`select 1 from pg_database where datname = '${RECORDS_DATABASE}'`).trim() === '1';
      recordsUrl = exists ? postgres.url(RECORDS_DATABASE) : postgres.createDatabase(RECORDS_DATABASE);
      startServer = (frontendPort) => startTemporalServer({ server, sql, frontendPort, logFile: path.join(opts.root, 'temporal.log'), log: opts.log });
      stack.temporal = await startServer(opts.temporalPort);
      address = stack.temporal.address;
      await registerNamespace(opts.cli, address, opts.namespace, opts.log);

      const ports = await Promise.all(opts.apiPorts.map((p) => (p === 0 ? freePort() : p)));
      publicUrl = `http://localhost:${ports[0]}`;
      ports.forEach((port, i) => {
        const url = `http://127.0.0.1:${port}`;
        const api = managed(`api-${i + 1}`, 'api/main.ts', (child) => waitForHealth(child, url), { PORT: String(port) });
        api.url = url;
        apis.push(api);
      });
      if (opts.workerMetrics) {
        for (const [i, worker] of workers.entries()) {
          const sdk = await freePort();
          let app = await freePort();
          while (app === sdk) app = await freePort();
          Object.assign(workerEnvs[i]!, { SAHKAN_WORKER_METRICS_PORT: String(sdk), SAHKAN_WORKER_APP_METRICS_PORT: String(app) });
          worker.metricsUrls = [sdk, app].map((port) => `http://127.0.0.1:${port}/metrics`);
        }
      }
      // The first worker alone: on an empty records folder it migrates and creates the office PKI and secrets.
      await workers[0]?.start();
      await Promise.all([...workers.slice(1), ...apis].map((p) => p.start()));
    },
    async restartTemporal() {
      if (!startServer || !stack.temporal) throw new Error('the stack was not started');
      await stack.temporal.kill(); // a no-op when it is already gone
      stack.temporal = await startServer(Number(new URL(`http://${address}`).port));
      await waitUntilReady(address, opts.namespace, READY_TIMEOUT_MS, () => false);
    },
    async stop() {
      await Promise.all(apis.map((p) => p.child && stopChild(p.child, opts.log)));
      await Promise.all(workers.map((p) => p.child && stopChild(p.child, opts.log)));
      await stack.temporal?.stop();
      stack.postgres?.stop();
    },
  };
  return stack;
}

export type TLoadStackOptions = Pick<TClusterStackOptions, 'root' | 'cli' | 'taskQueue' | 'log' | 'output'> & { jwtSecret: string; env?: NodeJS.ProcessEnv };

/**
 * The environment of the workers and APIs of a load run: development users on, warnings only, and upload quotas
 * and rate limits far above the load (one applicant and one address send everything there).
 */
export function loadRunEnv(jwtSecret: string): NodeJS.ProcessEnv {
  return {
    SAHKAN_DEV_USERS: 'true',
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    SAHKAN_UPLOADS_PER_DAY: '1000000',
    SAHKAN_RATE_WRITES_PER_USER: '1000000',
    SAHKAN_RATE_WRITES_PER_IP: '1000000',
    SAHKAN_RATE_VERIFY_UPLOADS_PER_IP: '1000000',
    SAHKAN_RATE_PUBLIC_LOOKUPS_PER_IP: '1000000',
  };
}

/**
 * The shape load runs use (`npm run bench:cluster`, `npm run chaos`): two workers and two APIs on free ports,
 * PostgreSQL durable as in a deployment, with loadRunEnv.
 */
export function createLoadStack(opts: TLoadStackOptions): TClusterStack {
  return createClusterStack({
    ...opts,
    namespace: 'default',
    temporalPort: 0,
    apiPorts: [0, 0],
    workers: 2,
    durable: true,
    env: { ...loadRunEnv(opts.jwtSecret), ...opts.env },
  });
}

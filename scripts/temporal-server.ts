/**
 * The Temporal server of the production shape: built once from its Go module (with its SQL schema tool),
 * schemas created and updated with that tool, started from deploy/temporal-server.yaml, and the namespace and
 * the project's search attributes registered with the Temporal CLI, as an operator would do it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, freePortBetween, SEARCH_ATTRIBUTES, waitUntilReady } from './dev-server';
import { ensureGoBinary, findGo, type TGoBinary } from './go-binary';
import { killTree, ROOT, spawnManaged, stopChild } from './managed-child';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';
const SERVER: TGoBinary = {
  label: 'Temporal server',
  goPackage: `${SERVER_MODULE}/cmd/server`,
  version: TEMPORAL_SERVER_VERSION,
  cacheName: 'temporal-server',
};
const SQL_TOOL: TGoBinary = {
  label: 'Temporal SQL schema tool',
  goPackage: `${SERVER_MODULE}/cmd/tools/sql`,
  version: TEMPORAL_SERVER_VERSION,
  cacheName: 'temporal-sql-tool',
};
/** The server's config folder and file (`--config deploy --env temporal-server`). */
export const DEPLOY_DIR = 'deploy';
const CONFIG_ENV = 'temporal-server';
/** How long closed workflows stay in Temporal; the records store keeps the cases themselves. */
const RETENTION = '720h';
const READY_TIMEOUT_MS = 120_000;
/** The range the server's own ports are picked from (see serverEnv). */
const PORT_MIN = 20_000;
const PORT_MAX = 32_767;

type TLog = (line: string) => void;

/** The server and the schema tool, built one after the other (in parallel they would only fight for the cores). */
export async function ensureTemporalServer(log: TLog): Promise<{ server: string; sqlTool: string }> {
  const server = await ensureGoBinary(SERVER, { log });
  const sqlTool = await ensureGoBinary(SQL_TOOL, { log });
  return { server, sqlTool };
}

/** The server module's PostgreSQL schema folder (`go mod download` fetches the module if the cache lacks it). */
export async function postgresSchemaDir(): Promise<string> {
  const go = findGo();
  if (!go) throw new Error('Go is needed to find the Temporal schema files (go mod download); install Go');
  const { stdout } = await run(go, ['mod', 'download', '-json', `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`], {
    cwd: ROOT,
    env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' },
  });
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  const schemas = dir && path.join(dir, 'schema', 'postgresql', 'v12');
  if (!schemas || !fs.existsSync(schemas)) throw new Error(`no PostgreSQL schema folder in ${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION} (${dir})`);
  return schemas;
}

export interface TSqlTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  visibilityDatabase: string;
}

/**
 * Creates both databases and their schema, or updates them to the newest version the module ships. Each step of
 * the tool is idempotent (create-database skips an existing database, setup-schema -v 0.0 one already past 0.0,
 * update-schema applies only the missing versions), so this runs on every start, like Temporal's auto-setup.
 */
export async function setupTemporalSchemas(sqlTool: string, target: TSqlTarget, log: TLog): Promise<void> {
  const schemaDir = await postgresSchemaDir();
  const base = ['--plugin', 'postgres12', '--ep', target.host, '-p', String(target.port), '-u', target.user, '--pw', target.password ?? ''];
  for (const [database, folder] of [
    [target.database, 'temporal'],
    [target.visibilityDatabase, 'visibility'],
  ] as const) {
    for (const step of [['create-database'], ['setup-schema', '-v', '0.0'], ['update-schema', '-d', path.join(schemaDir, folder, 'versioned')]]) {
      await run(sqlTool, [...base, '--db', database, ...step]).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        const output = (err.stderr || err.stdout || err.message).trim().slice(-2000);
        throw new Error(`temporal sql ${step.join(' ')} (database ${database}) failed: ${output}`);
      });
    }
    log(`schema of ${database} at the newest version of ${TEMPORAL_SERVER_VERSION} (${folder})`);
  }
}

export interface TTemporalServerOptions {
  server: string;
  sql: TSqlTarget;
  /** Frontend gRPC port; 0 picks a free one. The other ports are always free ones picked here. */
  frontendPort: number;
  /** Where the server's own (JSON) log goes. */
  logFile: string;
  log: TLog;
}

export interface TTemporalServer {
  address: string;
  pid: number;
  exited: Promise<number | string>;
  /** Whether it has exited (killed, stopped, or on its own: a fatal error such as losing its database at start). */
  readonly done: boolean;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

/** The environment deploy/temporal-server.yaml reads. */
async function serverEnv(opts: TTemporalServerOptions): Promise<{ env: NodeJS.ProcessEnv; frontendPort: number }> {
  const frontendPort = opts.frontendPort || (await freePort());
  // The server records its services' ports in a SMALLINT column (cluster_membership.rpc_port): a port from the
  // ephemeral range (32768 and up) fails its start with "value … is out of range for type smallint".
  const serverPort = () => freePortBetween(PORT_MIN, PORT_MAX);
  const ports: Record<string, number> = { TEMPORAL_FRONTEND_PORT: frontendPort };
  for (const name of [
    'TEMPORAL_FRONTEND_HTTP_PORT',
    'TEMPORAL_FRONTEND_MEMBERSHIP_PORT',
    'TEMPORAL_HISTORY_PORT',
    'TEMPORAL_HISTORY_MEMBERSHIP_PORT',
    'TEMPORAL_MATCHING_PORT',
    'TEMPORAL_MATCHING_MEMBERSHIP_PORT',
    'TEMPORAL_WORKER_PORT',
    'TEMPORAL_WORKER_MEMBERSHIP_PORT',
    'TEMPORAL_METRICS_PORT',
  ]) {
    ports[name] = await serverPort();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    TEMPORAL_SQL_HOST: opts.sql.host,
    TEMPORAL_SQL_PORT: String(opts.sql.port),
    TEMPORAL_SQL_USER: opts.sql.user,
    TEMPORAL_SQL_PASSWORD: opts.sql.password ?? '',
    TEMPORAL_SQL_DATABASE: opts.sql.database,
    TEMPORAL_SQL_VISIBILITY_DATABASE: opts.sql.visibilityDatabase,
  };
  return { env, frontendPort };
}

/** Starts the server and resolves once its frontend answers for the `temporal-system` namespace. */
export async function startTemporalServer(opts: TTemporalServerOptions): Promise<TTemporalServer> {
  const { env, frontendPort } = await serverEnv(opts);
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const logStream = fs.createWriteStream(opts.logFile, { flags: 'a' });
  const args = ['--root', ROOT, '--config', DEPLOY_DIR, '--env', CONFIG_ENV, '--allow-no-auth', 'start'];
  const child = spawnManaged('temporal', opts.server, args, { env, onLine: (line) => logStream.write(`${line}\n`) });
  void child.exited.then(() => logStream.end());
  const address = `127.0.0.1:${frontendPort}`;
  const tail = () => {
    const lines = fs.existsSync(opts.logFile) ? fs.readFileSync(opts.logFile, 'utf8').trim().split('\n') : [];
    return lines.slice(-8).map((l) => l.slice(0, 400)).join('\n    ');
  };
  try {
    await waitUntilReady(address, 'temporal-system', READY_TIMEOUT_MS, () => child.done, []);
  } catch (err) {
    await stopChild(child);
    throw new Error(`the Temporal server did not become ready on ${address}: ${(err as Error).message}\n  ${opts.logFile}:\n    ${tail()}`);
  }
  opts.log(`Temporal server ${TEMPORAL_SERVER_VERSION} ready at ${address} (log ${opts.logFile})`);
  return {
    address,
    pid: child.proc.pid!,
    exited: child.exited,
    get done() {
      return child.done;
    },
    stop: () => stopChild(child, opts.log),
    async kill() {
      killTree(child.proc, 'SIGKILL');
      await child.exited;
    },
  };
}

/**
 * The namespace (unless it exists) and the project's search attributes, with the Temporal CLI as an operator
 * would run it; resolves once the frontend lists them.
 */
export async function registerNamespace(cli: string, address: string, namespace: string, log: TLog): Promise<void> {
  const described = await run(cli, ['operator', 'namespace', 'describe', '--address', address, '--namespace', namespace]).then(
    () => true,
    () => false,
  );
  if (!described) {
    await run(cli, ['operator', 'namespace', 'create', '--address', address, '--namespace', namespace, '--retention', RETENTION]);
    log(`namespace ${namespace} created (retention ${RETENTION})`);
  }
  // A namespace created a moment ago reaches the frontend's namespace cache a few seconds later.
  await waitUntilReady(address, namespace, READY_TIMEOUT_MS, () => false, []);
  const attributes = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--name', name, '--type', type]);
  await run(cli, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace, ...attributes]);
  await waitUntilReady(address, namespace, READY_TIMEOUT_MS, () => false);
  log(`search attributes registered in ${namespace}: ${Object.keys(SEARCH_ATTRIBUTES).join(', ')}`);
}

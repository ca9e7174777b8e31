/**
 * Starts a Temporal development server (`temporal server start-dev`) as a child process and waits until
 * its frontend answers. Used by `npm start` and by the test harness alike, so both run the same flags.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { Connection } from '@temporalio/client';

/** The project's custom search attributes (Temporal Web UI and operators; never the inbox). */
export const SEARCH_ATTRIBUTES = {
  SahkanCaseKind: 'Keyword',
  SahkanTypeId: 'Keyword',
  SahkanStatus: 'Keyword',
  SahkanRegistrationNumber: 'Keyword',
  SahkanStageId: 'Keyword',
} as const;

/** Update and update-with-start; some server versions default them off. */
export const DEV_SERVER_DYNAMIC_CONFIG = {
  'frontend.enableUpdateWorkflowExecution': true,
  'frontend.enableExecuteMultiOperation': true,
} as const;

export interface TStartDevServerOptions {
  /** Path of the `temporal` binary (see ensureTemporalCli). */
  cli: string;
  /** Frontend gRPC port; 0 or omitted picks a free port. */
  port?: number;
  /** Web UI port; 0 or omitted picks a free port. Ignored when headless. */
  uiPort?: number;
  headless?: boolean;
  /** SQLite file for persistent state; omitted keeps everything in memory. */
  dbFile?: string;
  /** Namespace to create at launch (default `default`, which always exists). */
  namespace?: string;
  log?: (line: string) => void;
  /** How long to wait for the frontend to answer (default 60 s). */
  readyTimeoutMs?: number;
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C reaches only the parent,
   * which then stops the server in its own order (npm start). Default false.
   */
  detached?: boolean;
}

export interface TDevServer {
  /** host:port of the frontend, for TEMPORAL_ADDRESS / Connection.connect. */
  address: string;
  namespace: string;
  uiUrl?: string;
  pid: number;
  /** Settles when the server process exits, for whatever reason, with its exit code (or signal name). */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after 10 s. Safe to call more than once. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10_000;
const TAIL_LINES = 60;

/** A port that was free a moment ago on 127.0.0.1 (bind to port 0, or the given port, and release it). */
export async function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/** A free port between min and max (inclusive), tried at random. */
export async function freePortBetween(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const candidate = min + Math.floor(Math.random() * (max - min + 1));
    const port = await freePort(candidate).catch(() => undefined);
    if (port !== undefined) return port;
  }
  throw new Error(`no free port between ${min} and ${max} on ${HOST}`);
}

async function assertPortFree(port: number, what: string, hint: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`${what} port ${HOST}:${port} is already in use. ${hint}`)
          : new Error(`cannot bind ${what} port ${HOST}:${port}: ${err.message}`),
      );
    });
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

export function devServerArgs(o: {
  port: number;
  uiPort?: number;
  headless: boolean;
  dbFile?: string;
  namespace: string;
}): string[] {
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(o.port)];
  if (o.headless) args.push('--headless');
  else if (o.uiPort !== undefined) args.push('--ui-port', String(o.uiPort));
  if (o.dbFile) args.push('--db-filename', o.dbFile);
  args.push('--namespace', o.namespace, '--log-level', 'warn');
  for (const [key, value] of Object.entries(DEV_SERVER_DYNAMIC_CONFIG)) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  return args;
}

/** Start-ups tried when the ports we picked were taken before the server bound them. */
const PORT_RACE_ATTEMPTS = 3;

export async function startDevServer(opts: TStartDevServerOptions): Promise<TDevServer> {
  // A free port we pick (and the HTTP port the server derives from it) may be taken by another process before the
  // server binds it, several test runs at once on one machine: try again on new ports. Ports asked for are not retried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOnce(opts);
    } catch (err) {
      const picked = !opts.port && (opts.headless || !opts.uiPort);
      if (!picked || attempt >= PORT_RACE_ATTEMPTS || !/address already in use/.test((err as Error).message)) throw err;
      opts.log?.(`Temporal dev server: a port was taken meanwhile; starting again on new ports (attempt ${attempt + 1})`);
    }
  }
}

async function startDevServerOnce(opts: TStartDevServerOptions): Promise<TDevServer> {
  const log = opts.log ?? (() => {});
  const namespace = opts.namespace ?? 'default';
  const headless = opts.headless ?? false;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;

  if (!fs.existsSync(opts.cli)) throw new Error(`Temporal CLI not found at ${opts.cli}`);

  let port = opts.port ?? 0;
  if (port === 0) port = await freePort();
  else {
    await assertPortFree(
      port,
      'Temporal frontend',
      `Is another Temporal server running? Use it with TEMPORAL_ADDRESS=${HOST}:${port}, or choose another TEMPORAL_PORT.`,
    );
  }
  let uiPort: number | undefined;
  if (!headless) {
    uiPort = opts.uiPort ?? 0;
    if (uiPort === 0) uiPort = await freePort();
    else await assertPortFree(uiPort, 'Temporal Web UI', 'Choose another TEMPORAL_UI_PORT.');
  }
  const dbFile = opts.dbFile ? path.resolve(opts.dbFile) : undefined;
  if (dbFile) fs.mkdirSync(path.dirname(dbFile), { recursive: true });

  const args = devServerArgs({ port, uiPort, headless, dbFile, namespace });
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });

  // Output: kept as a tail for error messages; forwarded to `log` only once the server is up and until stop()
  // (start-up and shutdown print expected connection warnings that would only alarm the reader).
  const tail: string[] = [];
  let forward = false;
  const onLine = (line: string) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    if (forward) log(line);
  };
  readline.createInterface({ input: child.stdout! }).on('line', onLine);
  readline.createInterface({ input: child.stderr! }).on('line', onLine);

  let exitStatus: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = code ?? signal ?? 'unknown';
      resolve(exitStatus);
    });
    child.once('error', (err) => {
      tail.push(`spawn error: ${err.message}`);
      exitStatus = 'spawn-error';
      resolve(exitStatus);
    });
  });

  // If the parent exits without calling stop() (a crashed test run), do not leave the server behind.
  const killOnExit = () => {
    if (exitStatus === undefined) killGroup(child.pid, 'SIGKILL', opts.detached ?? false);
  };
  process.on('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      forward = false;
      if (exitStatus === undefined) {
        killGroup(child.pid, 'SIGTERM', opts.detached ?? false);
        const timer = setTimeout(() => {
          log(`Temporal dev server did not stop within ${STOP_GRACE_MS / 1000}s; killing it`);
          killGroup(child.pid, 'SIGKILL', opts.detached ?? false);
        }, STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
    })();
    return stopping;
  };

  const address = `${HOST}:${port}`;
  const failure = (what: string) => {
    const shown = telling(tail);
    return new Error(
      `Temporal dev server ${what}.\n  command: ${opts.cli} ${args.join(' ')}\n` +
        (shown.length ? `  output:\n    ${shown.join('\n    ')}` : '  (no output)'),
    );
  };

  let ready = false;
  const earlyExit = exited.then((status) => {
    if (!ready) throw failure(`exited during start-up (${status})`);
  });
  earlyExit.catch(() => {}); // observed through the race below; never an unhandled rejection
  try {
    await Promise.race([waitUntilReady(address, namespace, readyTimeoutMs, () => exitStatus !== undefined), earlyExit]);
    ready = true;
  } catch (err) {
    const exitedEarly = exitStatus;
    await stop();
    if (err instanceof ReadyTimeout) {
      throw failure(`did not become ready on ${address} within ${readyTimeoutMs / 1000}s (last check: ${err.message})`);
    }
    if (exitedEarly !== undefined) throw failure(`exited during start-up (${exitedEarly})`);
    throw err;
  }

  // A server that exits later on its own is reported through `exited` (npm start watches it).
  forward = true;
  const uiUrl = uiPort !== undefined ? `http://${HOST}:${uiPort}` : undefined;
  log(`Temporal dev server ready at ${address} (namespace ${namespace}${dbFile ? `, state in ${dbFile}` : ', in memory'})`);
  return { address, namespace, uiUrl, pid: child.pid!, exited, stop };
}

export class ReadyTimeout extends Error {}

/**
 * The lines of a failed server's output worth showing: everything but its routine connection warnings
 * (start-up and shutdown print dozens), plus the very last lines for context.
 */
function telling(lines: readonly string[]): string[] {
  const last = lines.slice(-5);
  const notable = lines.slice(0, -5).filter((l) => !/\blevel=WARN\b/.test(l)).slice(-25);
  return [...notable, ...last];
}

/**
 * Polls until the namespace is described and the given search attributes (by default the project's) are registered.
 * The cluster stack waits the same way, for `temporal-system` with none.
 */
export async function waitUntilReady(
  address: string,
  namespace: string,
  timeoutMs: number,
  gaveUp: () => boolean,
  searchAttributes: readonly string[] = Object.keys(SEARCH_ATTRIBUTES),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (!gaveUp()) {
    if (Date.now() > deadline) throw new ReadyTimeout(lastError instanceof Error ? lastError.message : String(lastError));
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1_000 });
      const conn = connection;
      await conn.withDeadline(Date.now() + 2_000, () => conn.workflowService.describeNamespace({ namespace }));
      const { customAttributes } = await conn.withDeadline(Date.now() + 2_000, () =>
        conn.operatorService.listSearchAttributes({ namespace }),
      );
      const missing = searchAttributes.filter((name) => !customAttributes?.[name]);
      if (missing.length === 0) return;
      lastError = new Error(`search attributes not registered yet: ${missing.join(', ')}`);
    } catch (err) {
      lastError = err;
    } finally {
      await connection?.close().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server process exited'); // the early-exit branch reports it with the output tail
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals, group: boolean): void {
  if (pid === undefined) return;
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Finds or builds the Temporal CLI (which embeds the development server).
 *
 * Order: TEMPORAL_CLI (must exist) → `temporal` on PATH → the cached build
 * ~/.cache/sahkan/temporal-cli/v<version>/temporal → build it once with `go install`.
 *
 * This runs before any config is loaded (the test harness and `npm start` both call it),
 * so it reads process.env directly; that is allowed in scripts/.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
const BINARY_NAME = process.platform === 'win32' ? 'temporal.exe' : 'temporal';
const HEARTBEAT_MS = 30_000;
/** A build that has not finished in this time is treated as stuck by waiters. */
const LOCK_WAIT_MS = 30 * 60_000;
const LOCK_POLL_MS = 1_000;

export interface TEnsureTemporalCliOptions {
  log?: (line: string) => void;
}

/** The folder holding the cached build for this CLI version. */
export function temporalCliCacheDir(): string {
  return path.join(os.homedir(), '.cache', 'sahkan', 'temporal-cli', TEMPORAL_CLI_VERSION);
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH, or undefined. */
export function findOnPath(name: string, envPath: string | undefined = process.env.PATH): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export async function ensureTemporalCli(opts: TEnsureTemporalCliOptions = {}): Promise<string> {
  const log = opts.log ?? (() => {});

  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (!isExecutable(resolved)) {
      throw new Error(`TEMPORAL_CLI is set to ${fromEnv}, but no executable file exists there`);
    }
    return resolved;
  }

  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  const cacheDir = temporalCliCacheDir();
  const cached = path.join(cacheDir, BINARY_NAME);
  if (isExecutable(cached)) return cached;

  fs.mkdirSync(cacheDir, { recursive: true });
  const release = await acquireLock(path.join(cacheDir, '.build.lock'), log);
  try {
    // Another process may have finished the build while we waited for the lock.
    if (isExecutable(cached)) return cached;
    await buildWithGo(cacheDir, cached, log);
    return cached;
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------------------------
// Lock: mkdir is atomic; the owner's pid is written inside so a crashed owner's lock can be broken.

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockIsStale(lockDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) return !pidAlive(pid);
  } catch {
    // No pid file yet: the owner may be between mkdir and writeFile. Only an old lock is stale.
  }
  try {
    return Date.now() - fs.statSync(lockDir).mtimeMs > LOCK_WAIT_MS;
  } catch {
    return false; // vanished: not stale, just gone; the next mkdir will tell.
  }
}

async function acquireLock(lockDir: string, log: (line: string) => void): Promise<() => void> {
  const started = Date.now();
  let announced = false;
  let lastBeat = started;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (lockIsStale(lockDir)) {
      log(`removing a stale Temporal CLI build lock at ${lockDir}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    const waited = Date.now() - started;
    if (!announced) {
      log(`another process is building the Temporal CLI ${TEMPORAL_CLI_VERSION}; waiting for it (lock ${lockDir})`);
      announced = true;
      lastBeat = Date.now();
    } else if (Date.now() - lastBeat >= HEARTBEAT_MS) {
      lastBeat = Date.now();
      log(`waiting for the Temporal CLI ${TEMPORAL_CLI_VERSION} build of another process… ${Math.round(waited / 1000)}s`);
    }
    if (waited > LOCK_WAIT_MS) {
      throw new Error(
        `timed out after ${LOCK_WAIT_MS / 60_000} min waiting for the Temporal CLI build lock ${lockDir}; ` +
          'remove it if no build is running',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

// ---------------------------------------------------------------------------------------------
// Build

async function buildWithGo(cacheDir: string, target: string, log: (line: string) => void): Promise<void> {
  const go = findOnPath('go') ?? ['/usr/local/go/bin/go'].find(isExecutable);
  if (!go) {
    throw new Error(
      `The Temporal CLI is not installed and Go is not available to build it.\n` +
        `  Either install Go (https://go.dev/dl/) and run again — the CLI ${TEMPORAL_CLI_VERSION} is then built once into ${cacheDir} —\n` +
        `  or install the Temporal CLI (https://docs.temporal.io/cli) and put \`temporal\` on PATH or set TEMPORAL_CLI=/path/to/temporal,\n` +
        `  or point TEMPORAL_ADDRESS at a running Temporal server.`,
    );
  }

  // Build into a staging folder and rename, so a crash mid-build never leaves a half-written binary in place.
  const staging = path.join(cacheDir, `.staging-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });

  const spec = `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`;
  log(`building Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go} install ${spec} (first time takes several minutes)`);
  const startedAt = Date.now();
  const tail: string[] = [];
  const heartbeat = setInterval(() => {
    const secs = Math.round((Date.now() - startedAt) / 1000);
    log(`building Temporal CLI ${TEMPORAL_CLI_VERSION} (first time takes several minutes)… ${secs}s`);
  }, HEARTBEAT_MS);

  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(go, ['install', spec], {
        env: { ...process.env, GOBIN: staging, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const onLine = (line: string) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        log(`[go] ${line}`);
      };
      readline.createInterface({ input: child.stdout }).on('line', onLine);
      readline.createInterface({ input: child.stderr }).on('line', onLine);
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    const built = path.join(staging, BINARY_NAME);
    if (code !== 0 || !isExecutable(built)) {
      throw new Error(
        `building the Temporal CLI failed (go install ${spec} exited with ${code}).\n` +
          (tail.length ? `Last output:\n  ${tail.join('\n  ')}\n` : '') +
          `Check network access to the Go module proxy, or install the CLI yourself and set TEMPORAL_CLI.`,
      );
    }
    fs.renameSync(built, target);
    log(`built Temporal CLI ${TEMPORAL_CLI_VERSION} in ${Math.round((Date.now() - startedAt) / 1000)}s: ${target}`);
  } finally {
    clearInterval(heartbeat);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

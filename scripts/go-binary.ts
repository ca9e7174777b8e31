/**
 * Builds a Go program once with `go install <package>@<version>` into ~/.cache/sahkan/<cacheName>/<version>/
 * and finds it there afterwards. The Temporal CLI (scripts/temporal-cli.ts) and the Temporal server and its
 * schema tool (scripts/temporal-server.ts) are built this way.
 *
 * Concurrent callers (two test runs, `npm start` and a test) share one build: a lock folder next to the binary.
 * It runs before any config is loaded, so it reads process.env directly; that is allowed in scripts/.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface TGoBinary {
  /** What the logs call it, e.g. "Temporal CLI". */
  label: string;
  /** The package `go install` builds, e.g. github.com/temporalio/cli/cmd/temporal. */
  goPackage: string;
  version: string;
  /** The folder under ~/.cache/sahkan holding one folder per version. */
  cacheName: string;
}

export interface TEnsureGoBinaryOptions {
  log?: (line: string) => void;
}

const HEARTBEAT_MS = 30_000;
/** A build that has not finished in this time is treated as stuck by waiters. */
const LOCK_WAIT_MS = 30 * 60_000;
const LOCK_POLL_MS = 1_000;

/** The folder holding the cached build of this version. */
export function goBinaryCacheDir(binary: TGoBinary): string {
  return path.join(os.homedir(), '.cache', 'sahkan', binary.cacheName, binary.version);
}

/** The file name `go install` writes: the package's last path element. */
function binaryName(binary: TGoBinary): string {
  const base = binary.goPackage.split('/').pop()!;
  return process.platform === 'win32' ? `${base}.exe` : base;
}

export function isExecutable(file: string): boolean {
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

/** The `go` command, or undefined when Go is not installed. */
export function findGo(): string | undefined {
  return findOnPath('go') ?? ['/usr/local/go/bin/go'].find(isExecutable);
}

/** The cached build, built first if it is not there yet. */
export async function ensureGoBinary(binary: TGoBinary, opts: TEnsureGoBinaryOptions = {}): Promise<string> {
  const log = opts.log ?? (() => {});
  const cacheDir = goBinaryCacheDir(binary);
  const cached = path.join(cacheDir, binaryName(binary));
  if (isExecutable(cached)) return cached;

  fs.mkdirSync(cacheDir, { recursive: true });
  const release = await acquireLock(binary, path.join(cacheDir, '.build.lock'), log);
  try {
    // Another process may have finished the build while we waited for the lock.
    if (isExecutable(cached)) return cached;
    await buildWithGo(binary, cacheDir, cached, log);
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

async function acquireLock(binary: TGoBinary, lockDir: string, log: (line: string) => void): Promise<() => void> {
  const what = `${binary.label} ${binary.version}`;
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
      log(`removing a stale ${binary.label} build lock at ${lockDir}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    const waited = Date.now() - started;
    if (!announced) {
      log(`another process is building the ${what}; waiting for it (lock ${lockDir})`);
      announced = true;
      lastBeat = Date.now();
    } else if (Date.now() - lastBeat >= HEARTBEAT_MS) {
      lastBeat = Date.now();
      log(`waiting for the ${what} build of another process… ${Math.round(waited / 1000)}s`);
    }
    if (waited > LOCK_WAIT_MS) {
      throw new Error(
        `timed out after ${LOCK_WAIT_MS / 60_000} min waiting for the ${binary.label} build lock ${lockDir}; ` +
          'remove it if no build is running',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

// ---------------------------------------------------------------------------------------------
// Build

async function buildWithGo(binary: TGoBinary, cacheDir: string, target: string, log: (line: string) => void): Promise<void> {
  const what = `${binary.label} ${binary.version}`;
  const go = findGo();
  if (!go) {
    throw new Error(
      `The ${binary.label} is not built yet and Go is not available to build it.\n` +
        `  Install Go (https://go.dev/dl/) and run again: the ${what} is then built once into ${cacheDir}.`,
    );
  }

  // Build into a staging folder and rename, so a crash mid-build never leaves a half-written binary in place.
  const staging = path.join(cacheDir, `.staging-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });

  const spec = `${binary.goPackage}@${binary.version}`;
  log(`building ${what} with ${go} install ${spec} (first time takes several minutes)`);
  const startedAt = Date.now();
  const tail: string[] = [];
  const heartbeat = setInterval(() => {
    const secs = Math.round((Date.now() - startedAt) / 1000);
    log(`building ${what} (first time takes several minutes)… ${secs}s`);
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
    const built = path.join(staging, path.basename(target));
    if (code !== 0 || !isExecutable(built)) {
      throw new Error(
        `building the ${binary.label} failed (go install ${spec} exited with ${code}).\n` +
          (tail.length ? `Last output:\n  ${tail.join('\n  ')}\n` : '') +
          `Check network access to the Go module proxy.`,
      );
    }
    fs.renameSync(built, target);
    log(`built ${what} in ${Math.round((Date.now() - startedAt) / 1000)}s: ${target}`);
  } finally {
    clearInterval(heartbeat);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Child processes of the launchers (`npm start`, `npm run stack:cluster`): each in its own process group, so a
 * terminal's Ctrl-C reaches only the launcher, which then stops them in its own order; output line by line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../project-root';
import { WORKER_NODE_FLAGS } from '../worker/node-flags';

export const ROOT = PROJECT_ROOT;
const STOP_GRACE_MS = 10_000;

export interface TManagedChild {
  name: string;
  proc: ChildProcess;
  /** Settles when the process exits, with its exit code or signal name ('spawn-error' when it never ran). */
  exited: Promise<number | string>;
  done: boolean;
}

export interface TSpawnManagedOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Each line of stdout and stderr. */
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}

export function spawnManaged(name: string, command: string, args: string[], opts: TSpawnManagedOptions): TManagedChild {
  const proc = spawn(command, args, {
    cwd: opts.cwd ?? ROOT,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  readline.createInterface({ input: proc.stdout! }).on('line', (line) => opts.onLine(line, 'stdout'));
  readline.createInterface({ input: proc.stderr! }).on('line', (line) => opts.onLine(line, 'stderr'));
  const child: TManagedChild = {
    name,
    proc,
    done: false,
    exited: new Promise((resolve) => {
      proc.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
      proc.once('error', (err) => {
        opts.onLine(`${name}: ${err.message}`, 'stderr');
        resolve('spawn-error');
      });
    }),
  };
  void child.exited.then(() => (child.done = true));
  return child;
}

const WORKER_ENTRY = 'worker/main.ts';

/**
 * One of the project's entry points (worker/main.ts, api/main.ts): under the TypeScript loader as `npm start` runs
 * it, or, given `compiledIn` (the output folder of `npm run build`), its compiled JavaScript as production runs it.
 * The worker gets its node flags (worker/node-flags.ts).
 */
export function spawnEntry(name: string, entry: string, opts: TSpawnManagedOptions & { compiledIn?: string }): TManagedChild {
  const file = opts.compiledIn ? path.join(opts.compiledIn, entry.replace(/\.ts$/, '.js')) : path.join(ROOT, entry);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist; cannot start the ${name}${opts.compiledIn ? ' (npm run build makes it)' : ''}`);
  const flags = entry === WORKER_ENTRY ? WORKER_NODE_FLAGS : [];
  return spawnManaged(name, process.execPath, [...flags, ...(opts.compiledIn ? [file] : ['--import', 'tsx', file])], opts);
}

export function killTree(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal); // children run in their own process group (detached)
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL when it has not exited within the grace period. */
export async function stopChild(child: TManagedChild, warn: (line: string) => void = () => {}): Promise<void> {
  if (child.done) return;
  killTree(child.proc, 'SIGTERM');
  const timer = setTimeout(() => {
    warn(`${child.name} did not stop within ${STOP_GRACE_MS / 1000}s; killing it`);
    killTree(child.proc, 'SIGKILL');
  }, STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}

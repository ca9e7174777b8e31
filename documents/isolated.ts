import { fork } from 'node:child_process';
import { codeModule, LOADER_ARGS } from '../project-root';

/** The jobs a child process can run (see isolated-child.ts); each takes one input and returns one result. */
export type TIsolatedTask = 'verify-signatures' | 'inspect-upload' | 'render-contract' | 'render-addendum';

export interface TIsolationLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

export class IsolatedTaskError extends Error {
  constructor(
    /** `failed`: the job threw (its message follows); `timeout` and `resources`: the child was stopped or died. */
    readonly reason: 'failed' | 'timeout' | 'resources',
    message: string,
  ) {
    super(message);
  }
}

type TChildAnswer = { ok: true; result: unknown } | { ok: false; error: string; message: string };

/**
 * Runs one job on untrusted bytes in a child process with a V8 heap cap and a deadline, so that a hostile file
 * can neither exhaust the API's memory nor hold its event loop. The child is killed at the deadline.
 */
export function runIsolated<TResult>(task: TIsolatedTask, input: unknown, limits: TIsolationLimits): Promise<TResult> {
  const child = fork(codeModule('documents', 'isolated-child'), [], {
    execArgv: [...LOADER_ARGS, `--max-old-space-size=${limits.maxMemoryMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  return new Promise<TResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new IsolatedTaskError('timeout', `${task} took longer than ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    child.once('message', (m: TChildAnswer) => {
      clearTimeout(timer);
      if (m.ok) resolve(m.result as TResult);
      else reject(new IsolatedTaskError('failed', m.message));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new IsolatedTaskError('resources', `${task} stopped (${signal ?? code})`));
    });
    child.send({ task, input });
  });
}

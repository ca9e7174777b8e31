import { fork } from 'node:child_process';
import path from 'node:path';
import type { PdfVerificationReport } from './pades-verify';

export interface TIsolatedVerifyOptions {
  trustedRootPems: string[];
  revokedSerials: string[];
  timeoutMs?: number;
  maxMemoryMb?: number;
}

export class VerificationFailedError extends Error {
  constructor(
    readonly reason: 'malformed' | 'timeout' | 'resources',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies an uploaded PDF in a child process with a memory cap and a deadline, so that a hostile file
 * can neither exhaust the API's memory nor hold its event loop.
 */
export function verifyPdfIsolated(pdf: Buffer, options: TIsolatedVerifyOptions): Promise<PdfVerificationReport> {
  const child = fork(path.join(__dirname, 'verify-child.ts'), [], {
    execArgv: ['--import', 'tsx', `--max-old-space-size=${options.maxMemoryMb ?? 256}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new VerificationFailedError('timeout', 'verification took too long'));
    }, options.timeoutMs ?? 10_000);
    child.once('message', (m: { ok: true; report: PdfVerificationReport } | { ok: false; error: string; message: string }) => {
      clearTimeout(timer);
      if (m.ok) resolve(m.report);
      else reject(new VerificationFailedError('malformed', m.message));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new VerificationFailedError('resources', `verifier exited (${signal ?? code})`));
    });
    child.send({ pdf, options: { trustedRootPems: options.trustedRootPems, revokedSerials: options.revokedSerials } });
  });
}

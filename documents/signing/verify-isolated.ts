import { IsolatedTaskError, runIsolated } from '../isolated';
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

/** Verifies an uploaded PDF's signatures in an isolated child process (memory cap, deadline). */
export async function verifyPdfIsolated(pdf: Buffer, options: TIsolatedVerifyOptions): Promise<PdfVerificationReport> {
  try {
    return await runIsolated<PdfVerificationReport>(
      'verify-signatures',
      { pdf, trustedRootPems: options.trustedRootPems, revokedSerials: options.revokedSerials },
      { timeoutMs: options.timeoutMs ?? 10_000, maxMemoryMb: options.maxMemoryMb ?? 256 },
    );
  } catch (err) {
    if (err instanceof IsolatedTaskError) throw new VerificationFailedError(err.reason === 'failed' ? 'malformed' : err.reason, err.message);
    throw err;
  }
}

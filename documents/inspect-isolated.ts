import { IsolatedTaskError, runIsolated, type TIsolationLimits } from './isolated';
import type { TUploadLimits, TUploadVerdict } from './upload-inspect';

const ISOLATION: TIsolationLimits = { timeoutMs: 15_000, maxMemoryMb: 256 };
/** Checks running at once; more wait their turn, so a flood of uploads cannot fork a flood of processes. */
const AT_ONCE = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Parses an upload (PDF, PNG, JPEG) in an isolated child process with a deadline and a memory cap; a file the
 * check cannot finish within them is refused too, never accepted.
 */
export async function inspectUploadIsolated(bytes: Buffer, limits: TUploadLimits, isolation = ISOLATION): Promise<TUploadVerdict> {
  try {
    return await inTurn(() => runIsolated<TUploadVerdict>('inspect-upload', { bytes, limits }, isolation));
  } catch (err) {
    if (!(err instanceof IsolatedTaskError)) throw err;
    return { accepted: false, refusal: 'UPLOAD_TOO_COMPLEX', reason: `the file could not be checked within the limits (${err.message})` };
  }
}

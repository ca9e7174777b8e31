import { ApplicationFailure } from '@temporalio/workflow';
import { isDomainError, REFUSAL_TYPES, type TRefusalType } from '../../domain/failures';

/**
 * The failure types a case workflow raises when a message is refused: the refusal entries of the one
 * catalogue (domain/failures.ts), which also gives each its HTTP status; wire names never change once released.
 */
export const CASE_FAILURE_TYPES = REFUSAL_TYPES;
export type TCaseFailureType = TRefusalType;

export function refuse(type: TCaseFailureType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * Runs a pure domain computation; a domain error (e.g. CalendarRangeError) becomes its catalogue's typed,
 * non-retryable failure instead of a plain error that would fail the workflow task on every attempt.
 */
export function domainStep<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (isDomainError(err)) throw ApplicationFailure.create({ type: err.failureType, message: err.message, nonRetryable: true });
    throw err;
  }
}

/**
 * Refuses an update the API stopped waiting for (its `notAfter` has passed; see api/case-updates.ts), so that
 * a request answered with 503 is never applied later unseen. Workflow time is the workflow task's start.
 */
export function assertNotExpired(msg: unknown): void {
  const notAfter = (msg as { notAfter?: unknown } | null)?.notAfter;
  if (typeof notAfter === 'string' && Date.now() > Date.parse(notAfter)) {
    throw refuse('Expired', `the request expired at ${notAfter} before the case could take it`);
  }
}

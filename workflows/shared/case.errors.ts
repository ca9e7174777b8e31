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

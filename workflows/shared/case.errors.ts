import { ApplicationFailure } from '@temporalio/workflow';
import { isCaseRefusal } from '../../domain/engine/case-refusal';
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
 * The one place a domain error becomes a Temporal failure: the engine's refusal (CaseRefusal) or a pure domain
 * computation's error (e.g. CalendarRangeError) becomes its catalogue's typed, non-retryable ApplicationFailure
 * instead of a plain error that would fail the workflow task on every attempt. Anything else is returned as is.
 */
export function toWorkflowFailure(err: unknown): unknown {
  if (isCaseRefusal(err) || isDomainError(err)) return ApplicationFailure.create({ type: err.failureType, message: err.message, nonRetryable: true });
  return err;
}

/** Runs a pure domain computation, its domain errors wrapped (see toWorkflowFailure). */
export function domainStep<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    throw toWorkflowFailure(err);
  }
}

/**
 * The engine as workflows see it: every method call goes through domainStep, so a validator's refusal reaches
 * the caller as a typed non-retryable failure and a transition's never fails the workflow task. Calls inside the
 * engine (a transition calling its validator) stay on the pure object and are wrapped once, at this boundary.
 */
export function guardEngine<T extends object>(engine: T): T {
  return new Proxy(engine, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => domainStep(() => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
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

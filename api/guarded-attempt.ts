import { officeTime } from '../domain/attempt-throttle';
import type { TThrottleConfig } from '../domain/attempt-throttle';
import type { TSecurityEventKind } from '../store/database';
import type { TApiDeps } from './deps';
import { ApiError } from './errors';

/** What a refusal tells the guesser, in both languages, and what it says next to the field. */
export interface TRefusalWording {
  message: string;
  fieldMessage: string;
}

export interface TGuessGuard {
  /** Whose guesses are counted: a user id, `tracking:<number>`, … */
  subject: string;
  throttle: TThrottleConfig;
  /** The security event written when the guesses lock the subject out. */
  lockEvent: TSecurityEventKind;
  /** The request field that carried the secret (the refusal's field path). */
  path: string;
  /** The refusal's wording: `locked` (423) or waiting (429), retry at `when` (office time), in `seconds`. */
  refusal: (r: { locked: boolean; when: string; seconds: number }) => TRefusalWording;
  /** The error for a wrong guess that did not lock the subject out. */
  wrong: () => ApiError;
}

/** 429 while the delay after failures runs, 423 while locked out: both say when to try again. */
function refused(guard: TGuessGuard, retryAt: Date, locked: boolean, now: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  const { message, fieldMessage } = guard.refusal({ locked, when: officeTime(retryAt), seconds });
  return new ApiError(locked ? 'LOCKED' : 'TOO_MANY_REQUESTS', message, [{ path: guard.path, message: fieldMessage }], seconds);
}

/**
 * Guesses at a secret, throttled in the store (domain/attempt-throttle.ts): refused while the delay after a few
 * failures runs or the subject is locked out; a wrong guess (`check` answers false) counts, and the one that
 * reaches the limit locks the subject and writes `lockEvent` for the administrators. Any error `check` throws is
 * passed on (the attempt stays counted, as a guess that was never judged).
 */
export async function guardedAttempt(deps: TApiDeps, guard: TGuessGuard, check: () => boolean | Promise<boolean>, now = new Date()): Promise<void> {
  const { security } = deps.records;
  const gate = await security.beginAttempt(guard.subject, guard.throttle, now);
  if (!gate.allowed) throw refused(guard, gate.retryAt, gate.locked, now);
  if (!(await check())) {
    const { lockedUntil } = await security.attemptFailed(guard.subject, guard.throttle, now, guard.lockEvent);
    if (lockedUntil) throw refused(guard, new Date(lockedUntil), true, now);
    throw guard.wrong();
  }
  await security.attemptSucceeded(guard.subject);
}

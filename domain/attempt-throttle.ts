/**
 * Throttling of secret guesses (signing passphrases) per person: a few free failures, then a delay that doubles
 * with each further failure, then a lock for a period. Pure: the store keeps the state so that it survives
 * restarts and is shared by every API process.
 */

export interface TThrottleConfig {
  /** Failures answered without delay. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each failure after that. */
  baseDelayMs: number;
  /** Failures in a row that lock the person out. */
  maxFailures: number;
  lockMs: number;
}

export interface TAttemptState {
  /** Failures in a row since the last success or lock (an attempt in progress counts as one). */
  failures: number;
  lastAttemptAt: string | null;
  lockedUntil: string | null;
}

export const NO_ATTEMPTS: TAttemptState = { failures: 0, lastAttemptAt: null, lockedUntil: null };

export type TAttemptGate = { allowed: true } | { allowed: false; locked: boolean; retryAt: Date };

/** May another attempt be made now? */
export function attemptGate(state: TAttemptState, now: Date, config: TThrottleConfig): TAttemptGate {
  if (state.lockedUntil && Date.parse(state.lockedUntil) > now.getTime()) {
    return { allowed: false, locked: true, retryAt: new Date(state.lockedUntil) };
  }
  if (state.failures >= config.freeFailures && state.lastAttemptAt) {
    const wait = config.baseDelayMs * 2 ** Math.min(state.failures - config.freeFailures, 20);
    const retryAt = new Date(Date.parse(state.lastAttemptAt) + wait);
    if (retryAt.getTime() > now.getTime()) return { allowed: false, locked: false, retryAt };
  }
  return { allowed: true };
}

/**
 * An attempt begins: counted as a failure until it succeeds, so that concurrent guesses cannot all slip
 * through the gate before the first of them is judged.
 */
export function beginAttempt(state: TAttemptState, now: Date): TAttemptState {
  const lockOver = state.lockedUntil !== null && Date.parse(state.lockedUntil) <= now.getTime();
  return { failures: (lockOver ? 0 : state.failures) + 1, lastAttemptAt: now.toISOString(), lockedUntil: lockOver ? null : state.lockedUntil };
}

/** The attempt failed: at `maxFailures` in a row the person is locked out and the count starts again. */
export function failedAttempt(state: TAttemptState, now: Date, config: TThrottleConfig): { state: TAttemptState; lockedNow: boolean } {
  if (state.failures < config.maxFailures) return { state, lockedNow: false };
  return { state: { failures: 0, lastAttemptAt: now.toISOString(), lockedUntil: new Date(now.getTime() + config.lockMs).toISOString() }, lockedNow: true };
}

/** The attempt succeeded: the slate is clean. */
export const succeededAttempt = (): TAttemptState => NO_ATTEMPTS;

/** "10.30 WIB": when to retry, on the office's clock (Asia/Pontianak). */
export function officeTime(at: Date): string {
  const time = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Pontianak', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(at);
  return `${time} WIB`;
}

import { expect } from 'chai';
import { attemptGate, beginAttempt, failedAttempt, NO_ATTEMPTS, officeTime } from '../../domain/attempt-throttle';
import type { TAttemptState } from '../../domain/attempt-throttle';

const config = { freeFailures: 2, baseDelayMs: 1000, maxFailures: 5, lockMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 3, 0, s));

/** One wrong guess at second `s`, or the refusal when the gate is shut. */
function guess(state: TAttemptState, s: number) {
  const gate = attemptGate(state, at(s), config);
  if (!gate.allowed) return { state, gate };
  return { state: failedAttempt(beginAttempt(state, at(s)), at(s), config).state, gate };
}

describe('passphrase throttle (pure)', () => {
  it('gives free failures, then a doubling delay, then a lock that ends', () => {
    let state = NO_ATTEMPTS;
    state = guess(state, 0).state;
    state = guess(state, 0).state;
    const delayed = guess(state, 0).gate;
    expect(delayed).to.deep.include({ allowed: false, locked: false });
    expect(delayed.allowed === false && delayed.retryAt.getTime()).to.equal(at(1).getTime());
    state = guess(state, 1).state; // third failure: the next waits 2 s
    const second = attemptGate(state, at(2), config);
    expect(second.allowed === false && second.retryAt.getTime()).to.equal(at(3).getTime());
    state = guess(state, 3).state; // fourth: the next waits 4 s
    state = guess(state, 7).state; // fifth: locked
    const locked = attemptGate(state, at(8), config);
    expect(locked).to.deep.include({ allowed: false, locked: true });
    expect(attemptGate(state, at(67), config).allowed).to.equal(true);
    expect(beginAttempt(state, at(67)).failures).to.equal(1);
  });

  it('counts an attempt before it is judged, so concurrent guesses meet a shut gate', () => {
    let state = NO_ATTEMPTS;
    for (let i = 0; i < 2; i++) state = beginAttempt(state, at(0));
    expect(attemptGate(state, at(0), config).allowed).to.equal(false);
  });

  it('tells the time on the office clock', () => {
    expect(officeTime(at(5))).to.match(/^10[.:]00[.:]05 WIB$/);
  });
});

import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'chai';
import { CalendarRangeError, PONTIANAK_CALENDAR } from '../../domain/calendar';
import { CaseRefusal, isCaseRefusal, refuse } from '../../domain/engine/case-refusal';
import { CaseState } from '../../domain/engine/case-state';
import type { TCaseType } from '../../domain/case-type.schema';
import { domainStep, guardEngine, toWorkflowFailure } from '../../workflows/shared/case.errors';

const TYPE: TCaseType = {
  id: 'sip',
  code: 'SIP',
  name: { id: 'Surat Izin Praktik', en: 'Practice licence' },
  fields: [],
  documents: [],
  stages: [{ id: 'verifikasi', name: { id: 'Verifikasi', en: 'Verification' }, kind: 'completeness_check', roles: ['reviewer:dpmptsp'], parallel: false, serviceLevelDays: 2 }],
  serviceLevelDays: 5,
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('domain refusals become typed failures in one place (workflows/shared/case.errors.ts)', () => {
  it('the engine refuses with a pure domain refusal, not a Temporal type', () => {
    const state = new CaseState({ caseId: 'c1', kind: 'permit', type: TYPE, applicantId: 'budi', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR }, '2026-11-27T02:00:00Z');
    const err = thrown(() => state.assertCanWithdraw({ actor: { userId: 'eve', roles: ['applicant'] }, reason: null }));
    expect(err).to.be.instanceOf(CaseRefusal);
    expect(err).not.to.be.instanceOf(ApplicationFailure);
    expect((err as CaseRefusal).failureType).to.equal('NotPermitted');
  });

  it('wraps a refusal and a domain error as non-retryable ApplicationFailures of their catalogue type, with the message', () => {
    const refusal = toWorkflowFailure(refuse('InvalidTransition', 'a case in status issued cannot be withdrawn'));
    expect(refusal).to.be.instanceOf(ApplicationFailure);
    expect(refusal).to.include({ type: 'InvalidTransition', nonRetryable: true, message: 'a case in status issued cannot be withdrawn' });
    const calendar = toWorkflowFailure(new CalendarRangeError('2200-01-01 is past the calendar'));
    expect(calendar).to.be.instanceOf(ApplicationFailure);
    expect(calendar).to.include({ type: 'CalendarRange', nonRetryable: true });
  });

  it('passes anything else through unchanged (a bug stays a bug, visible as a failing workflow task)', () => {
    const bug = new TypeError('boom');
    expect(toWorkflowFailure(bug)).to.equal(bug);
    expect(thrown(() => domainStep(() => { throw bug; }))).to.equal(bug);
    expect(isCaseRefusal(Object.assign(new Error('x'), { failureType: 'TaskClosed' }))).to.equal(false);
    expect(domainStep(() => 42)).to.equal(42);
  });

  it('the guarded engine answers every refusal of a validator or a transition as an ApplicationFailure, and works as the engine', () => {
    const state = guardEngine(new CaseState({ caseId: 'c2', kind: 'permit', type: TYPE, applicantId: 'budi', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR }, '2026-11-27T02:00:00Z'));
    state.register(new Date('2026-11-27T02:01:00Z'), 'REG/1');
    state.openStage(new Date('2026-11-27T02:02:00Z'));
    const [task] = state.currentTasks;
    const stranger = { userId: 'eve', roles: ['reviewer:other'] };
    for (const attempt of [
      () => state.assertCanClaim({ actor: stranger, taskId: task!.id }),
      () => state.claim(new Date(), { actor: stranger, taskId: task!.id }),
      () => state.terminate(new Date(), { number: 'N', document: { id: 'N', sha256: 'x' } }),
    ]) {
      const err = thrown(attempt);
      expect(err).to.be.instanceOf(ApplicationFailure);
      expect((err as ApplicationFailure).nonRetryable).to.equal(true);
    }
    expect((thrown(() => state.assertCanClaim({ actor: stranger, taskId: task!.id })) as ApplicationFailure).type).to.equal('NotPermitted');
    // Reads and accepted transitions go through untouched.
    state.claim(new Date('2026-11-27T02:03:00Z'), { actor: { userId: 'rina', roles: ['reviewer:dpmptsp'] }, taskId: task!.id });
    expect(state.currentTasks[0]!.assignee).to.equal('rina');
    expect(state.status).to.equal('in_review');
    expect(state.view().registrationNumber).to.equal('REG/1');
  });
});

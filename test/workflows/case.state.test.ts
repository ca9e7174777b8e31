import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import type { TCaseType } from '../../domain/case-type.schema';
import { CaseState } from '../../workflows/shared/case.state';

const TYPE: TCaseType = {
  id: 'uji',
  code: 'UJI',
  name: { id: 'Uji', en: 'Test' },
  fields: [],
  documents: [],
  serviceLevelDays: 10,
  stages: [
    { id: 'cek', name: { id: 'Cek', en: 'Check' }, kind: 'completeness_check', roles: ['reviewer:a'], parallel: false, serviceLevelDays: 2 },
    { id: 'kaji', name: { id: 'Kaji', en: 'Review' }, kind: 'technical_review', roles: ['reviewer:b', 'reviewer:c'], parallel: true, serviceLevelDays: 5 },
  ],
};

// Friday 27 November 2026, 09:00 in Pontianak.
const FRIDAY = new Date('2026-11-27T02:00:00Z');

function newCase(): CaseState {
  const state = new CaseState(
    { caseId: 'c1', kind: 'permit', type: TYPE, applicantId: 'budi', fields: { a: 1 }, documents: {}, calendar: PONTIANAK_CALENDAR },
    FRIDAY.toISOString(),
  );
  state.register(FRIDAY, 'REG/UJI/2026/000001');
  state.openStage(FRIDAY);
  return state;
}

function refusalType(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as ApplicationFailure).type ?? undefined;
  }
  return undefined;
}

describe('CaseState (pure transitions and validators)', () => {
  it('computes due dates in working days: a Friday case with a 2-day stage is due Tuesday 16:00 WIB', () => {
    const state = newCase();
    expect(state.stageDueAt).to.equal('2026-12-01T09:00:00.000Z');
    expect(state.currentTasks[0]!.dueAt).to.equal(state.stageDueAt);
    expect(state.caseDueAt).to.equal('2026-12-11T09:00:00.000Z');
  });

  it('opens one task per role in a parallel stage and concludes with the most severe outcome', () => {
    const state = newCase();
    const [check] = state.currentTasks;
    state.decide(FRIDAY, { actor: { userId: 'a', roles: ['reviewer:a'] }, taskId: check!.id, outcome: 'approve', comment: null });
    expect(state.stageDecided).to.equal(true);
    expect(state.concludeStage(FRIDAY)).to.equal('approve');
    state.openStage(FRIDAY);
    const [b, c] = state.currentTasks;
    expect([b!.role, c!.role]).to.deep.equal(['reviewer:b', 'reviewer:c']);
    state.decide(FRIDAY, { actor: { userId: 'b', roles: ['reviewer:b'] }, taskId: b!.id, outcome: 'request_changes', comment: 'x' });
    expect(state.stageDecided).to.equal(false);
    state.decide(FRIDAY, { actor: { userId: 'c', roles: ['reviewer:c'] }, taskId: c!.id, outcome: 'approve', comment: null });
    expect(state.concludeStage(FRIDAY)).to.equal('request_changes');
    expect(state.status).to.equal('changes_requested');
    expect(state.stage?.id).to.equal('kaji');
  });

  it('refuses the wrong role, a closed task, and a comment-less rejection with typed failures', () => {
    const state = newCase();
    const [task] = state.currentTasks;
    const decision = { taskId: task!.id, comment: null } as const;
    expect(refusalType(() => state.assertCanDecide({ ...decision, actor: { userId: 'x', roles: ['reviewer:b'] }, outcome: 'approve' }))).to.equal('NotPermitted');
    expect(refusalType(() => state.assertCanDecide({ ...decision, actor: { userId: 'x', roles: ['reviewer:a'] }, outcome: 'reject' }))).to.equal('InvalidInput');
    state.decide(FRIDAY, { ...decision, actor: { userId: 'x', roles: ['reviewer:a'] }, outcome: 'approve' });
    expect(refusalType(() => state.assertCanDecide({ ...decision, actor: { userId: 'x', roles: ['reviewer:a'] }, outcome: 'approve' }))).to.equal('TaskClosed');
    expect(refusalType(() => state.assertCanRevise({ actor: { userId: 'budi', roles: ['applicant'] }, fields: { a: 2 }, documents: {}, comment: null }))).to.equal('InvalidTransition');
  });

  it('bumps the version and numbers events on every transition', () => {
    const state = newCase();
    const before = state.version;
    state.withdraw(FRIDAY, { actor: { userId: 'budi', roles: ['applicant'] }, reason: 'batal' });
    expect(state.version).to.be.greaterThan(before);
    expect(state.events.map((e) => e.seq)).to.deep.equal(state.events.map((_, i) => i + 1));
    expect(state.events.at(-1)).to.include({ action: 'withdrawn', actorId: 'budi', comment: 'batal' });
    expect(state.projection(2).events.map((e) => e.seq)).to.deep.equal(state.events.slice(2).map((e) => e.seq));
    expect(state.tasks.every((t) => t.status === 'cancelled' && t.version === state.version)).to.equal(true);
  });

  it('remembers each task\'s own decision: a later decision on another task does not replace it', () => {
    const state = newCase();
    const [check] = state.currentTasks;
    const guarantee = state.openTask(FRIDAY, { kind: 'guarantee', stageId: 'jaminan', stageName: 'Jaminan', role: 'vendor:1', dueAt: FRIDAY.toISOString() });
    state.decide(FRIDAY, { actor: { userId: 'a', roles: ['reviewer:a'] }, taskId: check!.id, outcome: 'approve', comment: 'ok' });
    state.decide(FRIDAY, { actor: { userId: 'v', roles: ['vendor:1'] }, taskId: guarantee.id, outcome: 'submit', comment: null });
    expect(state.lastDecision).to.include({ taskId: guarantee.id, outcome: 'submit' });
    expect(state.decisionOf(check!.id)).to.include({ taskId: check!.id, outcome: 'approve', termsVersion: null });
    expect(state.decisionOf('nope')).to.equal(undefined);
  });
});

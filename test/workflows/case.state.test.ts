import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import type { TDecisionInput } from '../../workflows/shared/case.messages';
import type { CaseRefusal } from '../../domain/engine/case-refusal';
import { CaseState } from '../../domain/engine/case-state';
import { FRIDAY, TEST_CASE_TYPE } from './case-fixtures';

const TYPE = TEST_CASE_TYPE;

function newCase(extra: { kind?: 'permit' | 'contract'; fields?: Record<string, unknown>; maxNegotiationRounds?: number } = {}): CaseState {
  const state = new CaseState(
    { caseId: 'c1', kind: extra.kind ?? 'permit', type: TYPE, applicantId: 'budi', fields: extra.fields ?? { a: 1 }, documents: {}, calendar: PONTIANAK_CALENDAR, maxNegotiationRounds: extra.maxNegotiationRounds },
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
    return (err as CaseRefusal).failureType ?? undefined;
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

  const budi = { userId: 'budi', roles: ['applicant'] };
  const reviewerA = (userId = 'a') => ({ userId, roles: ['reviewer:a'] });
  /** Everything a transition could change, to prove that a refusal changed nothing. */
  const snapshot = (state: CaseState) => JSON.stringify({ view: state.view(), grant: state.pendingGrant, last: state.lastDecision });
  const approveAll = (state: CaseState) =>
    state.currentTasks.forEach((t) => state.decide(FRIDAY, { actor: { userId: `u-${t.role}`, roles: [t.role] }, taskId: t.id, outcome: 'approve', comment: null }));

  it('claims once: a second claim by the same reviewer changes nothing, another holder of the role is refused', () => {
    const state = newCase();
    const [task] = state.currentTasks;
    state.claim(FRIDAY, { actor: reviewerA(), taskId: task!.id });
    expect(task).to.include({ status: 'claimed', assignee: 'a', version: state.version });
    const claimed = snapshot(state);
    state.claim(FRIDAY, { actor: reviewerA(), taskId: task!.id });
    expect(snapshot(state)).to.equal(claimed);
    expect(refusalType(() => state.assertCanClaim({ actor: reviewerA('a2'), taskId: task!.id }))).to.equal('TaskClosed');
    expect(refusalType(() => state.assertCanDecide({ actor: reviewerA('a2'), taskId: task!.id, outcome: 'approve', comment: null }))).to.equal('TaskClosed');
    expect(refusalType(() => state.assertCanClaim({ actor: reviewerA(), taskId: 'c1.nope.1.x' }))).to.equal('TaskNotFound');
    state.decide(FRIDAY, { actor: reviewerA(), taskId: task!.id, outcome: 'approve', comment: null });
    expect(task).to.include({ status: 'done', assignee: 'a', outcome: 'approve' });
  });

  it('refuses a decision that does not fit the task, and the refusal writes nothing', () => {
    const state = newCase({ kind: 'contract', fields: { termsVersion: 1, proposals: 0 }, maxNegotiationRounds: 1 });
    const [review] = state.currentTasks;
    const vendor = { userId: 'v', roles: ['vendor:1'] };
    const offer = state.openTask(FRIDAY, { kind: 'vendor_review', stageId: 'tinjauan_penyedia', stageName: 'Tinjauan', role: 'vendor:1', dueAt: FRIDAY.toISOString() });
    const sign = state.openTask(FRIDAY, { kind: 'sign', stageId: 'penandatanganan', stageName: 'Tanda tangan', role: 'vendor:1', dueAt: FRIDAY.toISOString() });
    const before = snapshot(state);
    const refusals = [
      refusalType(() => state.assertCanDecide({ actor: reviewerA(), taskId: review!.id, outcome: 'accept', comment: null })),
      refusalType(() => state.assertCanDecide({ actor: reviewerA(), taskId: review!.id, outcome: 'request_changes', comment: '   ' })),
      refusalType(() => state.assertCanDecide({ actor: vendor, taskId: sign.id, outcome: 'sign', comment: null })),
      refusalType(() => state.assertCanDecide({ actor: vendor, taskId: offer.id, outcome: 'propose_changes', comment: null, termsVersion: 3 })),
      refusalType(() => state.assertCanDecide({ actor: vendor, taskId: offer.id, outcome: 'propose_changes', comment: null })),
      refusalType(() => state.assertCanDecide({ actor: reviewerA(), taskId: offer.id, outcome: 'accept', comment: null })),
    ];
    expect(refusals).to.deep.equal(['InvalidInput', 'InvalidInput', 'InvalidInput', 'InvalidInput', 'InvalidInput', 'NotPermitted']);
    expect(snapshot(state)).to.equal(before);
    // The allowed number of proposals is spent once the workflow has put one on the table.
    state.setTerms({ termsVersion: 2, proposals: 1 });
    expect(refusalType(() => state.assertCanDecide({ actor: vendor, taskId: offer.id, outcome: 'propose_changes', comment: null, termsVersion: 3 }))).to.equal('InvalidTransition');
    expect(state.assertCanDecide({ actor: vendor, taskId: offer.id, outcome: 'accept', comment: null })).to.equal(offer);
  });

  it('takes a revision only from the applicant, only after a request for changes, with the next terms version and some change', () => {
    // A contract started before facts had their own place: its terms version was kept in `fields`.
    const state = newCase({ kind: 'contract', fields: { a: 1, termsVersion: 1 } });
    expect(state.fields).to.deep.equal({ a: 1 });
    expect(state.facts).to.include({ kind: 'contract', termsVersion: 1 });
    const [task] = state.currentTasks;
    state.decide(FRIDAY, { actor: reviewerA(), taskId: task!.id, outcome: 'request_changes', comment: 'Lengkapi' });
    state.concludeStage(FRIDAY);
    expect(state.status).to.equal('changes_requested');
    const revision = { actor: budi, fields: { a: 2 }, documents: {}, comment: null };
    expect(refusalType(() => state.assertCanRevise({ ...revision, actor: { userId: 'siti', roles: ['applicant'] } }))).to.equal('NotPermitted');
    expect(refusalType(() => state.assertCanRevise({ ...revision, fields: {} }))).to.equal('InvalidInput');
    expect(refusalType(() => state.assertCanRevise({ ...revision, fields: { termsVersion: 3 } }))).to.equal('InvalidInput');
    expect(refusalType(() => state.assertCanRevise({ ...revision, fields: {}, termsVersion: 3 }))).to.equal('InvalidInput');
    state.assertCanRevise({ ...revision, fields: {}, termsVersion: 2 });
    state.revise(FRIDAY, { ...revision, fields: {}, termsVersion: 2 });
    expect(state.status).to.equal('in_review');
    expect(state.fields).to.deep.equal({ a: 1 });
    expect(state.facts).to.include({ termsVersion: 2 });
    expect(state.events.at(-1)).to.include({ action: 'revised', actorId: 'budi' });
    expect(refusalType(() => state.assertCanRevise(revision))).to.equal('InvalidTransition');
  });

  it('merges a revision over the fields, and a field set to null is removed', () => {
    const state = newCase({ fields: { a: 1, b: 'x', c: true } });
    state.decide(FRIDAY, { actor: reviewerA(), taskId: state.currentTasks[0]!.id, outcome: 'request_changes', comment: 'Lengkapi' });
    state.concludeStage(FRIDAY);
    state.revise(FRIDAY, { actor: budi, fields: { a: 2, b: null }, documents: {}, comment: null });
    expect(state.fields).to.deep.equal({ a: 2, c: true });
  });

  it('reopens a stage after a revision with fresh task ids; every opened task gets its own id', () => {
    const state = newCase();
    const first = state.currentTasks[0]!;
    state.decide(FRIDAY, { actor: reviewerA(), taskId: first.id, outcome: 'request_changes', comment: 'Lengkapi' });
    state.concludeStage(FRIDAY);
    state.revise(FRIDAY, { actor: budi, fields: { a: 2 }, documents: {}, comment: null });
    state.openStage(FRIDAY);
    const again = state.currentTasks;
    expect(again).to.have.length(1);
    expect(again[0]!.id).to.not.equal(first.id);
    expect(state.stageDecided).to.equal(false);
    const spec = { kind: 'vendor_review', stageId: 'tinjauan_penyedia', stageName: 'Tinjauan', role: 'vendor:1', dueAt: FRIDAY.toISOString() } as const;
    const ids = [state.openTask(FRIDAY, spec).id, state.openTask(FRIDAY, spec).id, state.openTask(FRIDAY, { ...spec, kind: 'sign', stageId: 'penandatanganan' }).id];
    expect(new Set([...ids, ...state.tasks.map((t) => t.id)]).size).to.equal(state.tasks.length);
  });

  it('closes on a rejection: reasons of every rejecting reviewer, open tasks (the guarantee too) cancelled at the closing version, one terminal event', () => {
    const state = newCase();
    approveAll(state);
    state.concludeStage(FRIDAY);
    state.openStage(FRIDAY);
    const [b, c] = state.currentTasks;
    const guarantee = state.openTask(FRIDAY, { kind: 'guarantee', stageId: 'jaminan', stageName: 'Jaminan', role: 'vendor:1', dueAt: FRIDAY.toISOString() });
    // A task opened beside the stage moves the round counter on; the stage's tasks stay in sight (before: none, and a RangeError on concluding).
    expect(state.currentTasks).to.deep.equal([b, c]);
    state.decide(FRIDAY, { actor: { userId: 'b', roles: ['reviewer:b'] }, taskId: b!.id, outcome: 'reject', comment: 'Tidak sesuai tata ruang' });
    state.decide(FRIDAY, { actor: { userId: 'c', roles: ['reviewer:c'] }, taskId: c!.id, outcome: 'reject', comment: 'Proteksi kebakaran kurang' });
    expect(state.concludeStage(FRIDAY)).to.equal('reject');
    expect(state).to.include({ status: 'rejected', outcomeReason: 'Tidak sesuai tata ruang\nProteksi kebakaran kurang', stageDueAt: null });
    expect(guarantee).to.include({ status: 'cancelled', version: state.version });
    expect(state.events.filter((e) => ['issued', 'rejected', 'withdrawn'].includes(e.action)).map((e) => e.action)).to.deep.equal(['rejected']);
    expect(refusalType(() => state.assertCanDecide({ actor: { userId: 'v', roles: ['vendor:1'] }, taskId: guarantee.id, outcome: 'submit', comment: null }))).to.equal('TaskClosed');
    expect(refusalType(() => state.assertCanWithdraw({ actor: budi, reason: null }))).to.equal('InvalidTransition');
  });

  it('refuses a withdrawal by anyone but the applicant, during signature and for a contract in force', () => {
    const state = newCase({ kind: 'contract' });
    expect(refusalType(() => state.assertCanWithdraw({ actor: { userId: 'siti', roles: ['applicant'] }, reason: null }))).to.equal('NotPermitted');
    approveAll(state);
    state.concludeStage(FRIDAY);
    state.openStage(FRIDAY);
    approveAll(state);
    state.concludeStage(FRIDAY);
    expect(state.status).to.equal('awaiting_signature');
    expect(refusalType(() => state.assertCanWithdraw({ actor: budi, reason: null }))).to.equal('InvalidTransition');
    state.openSignTask(FRIDAY, 'ppk:x');
    const sign = state.tasks.at(-1)!;
    state.decide(FRIDAY, { actor: { userId: 'p', roles: ['ppk:x'] }, taskId: sign.id, outcome: 'sign', comment: null, grantId: 'g1' });
    expect(state.pendingGrant).to.deep.equal({ grantId: 'g1', signerId: 'p' });
    state.issue(FRIDAY, 'KONTRAK/1', 'active');
    expect(state).to.include({ status: 'active', documentNumber: 'KONTRAK/1', closedAt: null, pendingGrant: null, stageDueAt: null });
    expect(state.isClosed).to.equal(false);
    expect(state.events.at(-1)).to.include({ action: 'activated', comment: 'KONTRAK/1' });
    expect(refusalType(() => state.assertCanWithdraw({ actor: budi, reason: null }))).to.equal('InvalidTransition');
  });

  it('takes the guarantee while the applicant revises the terms (the guarantee runs beside every phase)', () => {
    const state = newCase({ kind: 'contract', fields: { termsVersion: 1 } });
    const [review] = state.currentTasks;
    const guarantee = state.openTask(FRIDAY, { kind: 'guarantee', stageId: 'jaminan', stageName: 'Jaminan', role: 'vendor:1', dueAt: FRIDAY.toISOString() });
    state.decide(FRIDAY, { actor: reviewerA(), taskId: review!.id, outcome: 'request_changes', comment: 'Pasal 5 kurang jelas' });
    state.concludeStage(FRIDAY);
    expect(state.status).to.equal('changes_requested');
    // Before: refused as "closed" although the task was open, while the deadline kept running.
    const decision: TDecisionInput = { actor: { userId: 'v', roles: ['vendor:1'] }, taskId: guarantee.id, outcome: 'submit', comment: 'Jaminan Bank 123' };
    expect(state.assertCanDecide(decision)).to.equal(guarantee);
    state.decide(FRIDAY, decision);
    expect(guarantee).to.include({ status: 'done', outcome: 'submit' });
    expect(state.status).to.equal('changes_requested');
  });
});

describe('CaseState keeps the kind\'s facts apart from the fields', () => {
  const FRIDAY = new Date('2026-11-27T02:00:00Z');
  it('a revision sent before facts (the version in fields) still moves the contract\'s terms, and fields stay clean', () => {
    const state = new CaseState(
      { caseId: 'k9', kind: 'contract', type: TYPE, applicantId: 'ppk', fields: { title: 'T', termsVersion: 1, proposals: 0 }, documents: {}, calendar: PONTIANAK_CALENDAR },
      FRIDAY.toISOString(),
    );
    state.register(FRIDAY, 'REG/9');
    state.openStage(FRIDAY);
    const [task] = state.currentTasks;
    state.decide(FRIDAY, { actor: { userId: 'rina', roles: [task!.role] }, taskId: task!.id, outcome: 'request_changes', comment: 'Perbaiki' });
    state.concludeStage(FRIDAY);
    state.revise(FRIDAY, { actor: { userId: 'ppk', roles: ['ppk:pupr'] }, fields: { termsVersion: 2 }, documents: {}, comment: null });
    expect(state.facts).to.include({ termsVersion: 2, proposals: 0 });
    expect(state.fields).to.deep.equal({ title: 'T' });
    const projection = state.projection(0);
    expect(projection.fields).to.deep.equal({ title: 'T' });
    expect(projection.facts).to.deep.include({ kind: 'contract', termsVersion: 2, agreedVersion: null, addenda: [] });
  });

  it('flags, terms, amendments and the termination notice are facts; the start input is never changed', () => {
    const facts = { kind: 'contract' as const, flags: [], termsVersion: 1, proposals: 0, agreedVersion: null, currentVersion: null, addenda: [], terminationNoticeNumber: null };
    const input = { caseId: 'k10', kind: 'contract' as const, type: TYPE, applicantId: 'ppk', fields: { title: 'T', value: 100 }, facts, documents: {}, calendar: PONTIANAK_CALENDAR };
    const state = new CaseState(input, FRIDAY.toISOString());
    state.flag(FRIDAY, 'guarantee_overdue', 'late');
    state.flag(FRIDAY, 'guarantee_overdue', 'late again');
    state.setTerms({ termsVersion: 2, proposals: 1 });
    state.setTerms({ agreedVersion: 2 });
    state.amend(FRIDAY, { sequence: 1, number: 'K/ADD-1', termsVersion: 3 }, { value: 110 });
    expect(state.flags).to.deep.equal(['guarantee_overdue']);
    expect(state.facts).to.deep.equal({ kind: 'contract', flags: ['guarantee_overdue'], termsVersion: 2, proposals: 1, agreedVersion: 2, currentVersion: 3, addenda: [{ sequence: 1, number: 'K/ADD-1', termsVersion: 3 }], terminationNoticeNumber: null });
    expect(state.fields).to.deep.equal({ title: 'T', value: 110 });
    expect(input.facts).to.deep.equal({ kind: 'contract', flags: [], termsVersion: 1, proposals: 0, agreedVersion: null, currentVersion: null, addenda: [], terminationNoticeNumber: null });
    expect(state.view().facts).to.equal(state.facts);
  });

  it('a permit has no contract terms: a contract-only step is a domain refusal', () => {
    const state = new CaseState({ caseId: 'p1', kind: 'permit', type: TYPE, applicantId: 'budi', fields: { a: 1 }, documents: {}, calendar: PONTIANAK_CALENDAR }, FRIDAY.toISOString());
    expect(state.facts).to.deep.equal({ kind: 'permit', flags: [] });
    expect(state.termsVersion).to.equal(0);
    expect(refusalType(() => state.setTerms({ termsVersion: 2 }))).to.equal('InvalidTransition');
  });
});

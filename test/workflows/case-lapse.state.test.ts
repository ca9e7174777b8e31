import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { lapsePolicyOf, ZCaseTypeSchema } from '../../domain/case-type.schema';
import { DEEMED_APPROVAL_LINE, LAPSE_CANCEL_REASON } from '../../domain/engine/case-lapse';
import { CaseState } from '../../domain/engine/case-state';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { FRIDAY, TEST_CASE_TYPE } from './case-fixtures';

/** Closing time (16:00 WIB) of a day. */
const closing = (date: string) => new Date(`${date}T09:00:00.000Z`).toISOString();
const MONDAY = new Date('2026-11-30T02:00:00Z');
const WEDNESDAY = new Date('2026-12-02T02:00:00Z');
const REPORT = { sha256: 'b'.repeat(64) };
const admin = { userId: 'admin', roles: ['admin'] };
const applicant = { userId: 'budi', roles: ['applicant'] };

/** The shared test type with a 3-working-day case level: received Friday, it lapses at the close of Wednesday. */
function newCase(pauseLedger = true): CaseState {
  const type = { ...TEST_CASE_TYPE, serviceLevelDays: 3 };
  const state = new CaseState({ caseId: 'c1', kind: 'permit', type, applicantId: 'budi', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR }, FRIDAY.toISOString(), () => true, pauseLedger);
  state.register(FRIDAY, 'REG/UJI/2026/000001');
  state.openStage(FRIDAY);
  return state;
}

/** The completeness check approves on Monday: the technical review opens. */
function passCompleteness(state: CaseState): void {
  const [task] = state.currentTasks;
  state.decide(MONDAY, { actor: { userId: 'rina', roles: ['reviewer:a'] }, taskId: task!.id, outcome: 'approve', comment: null });
  state.concludeStage(MONDAY);
  state.openStage(MONDAY);
}

/** What the workflow does when the lapse timer fires: the evidence, then the recorded lapse. */
function lapse(state: CaseState, policy: 'flag' | 'auto_approve', at = new Date(closing('2026-12-02'))): void {
  const evidence = state.lapseEvidence(policy);
  expect(evidence, 'a lapse is due').to.not.equal(null);
  state.lapsed(at, evidence!, REPORT);
}

/** A case past its completeness check whose deadline lapsed in the technical review. */
function lapsedInReview(policy: 'flag' | 'auto_approve'): CaseState {
  const state = newCase();
  passCompleteness(state);
  lapse(state, policy);
  return state;
}

describe('CaseState deemed approval (a lapsed case deadline)', () => {
  it('is due at the case deadline while in review, and the evidence pack counts it with the one rule', () => {
    const state = newCase();
    passCompleteness(state);
    expect(state.lapseDueAt()).to.equal(closing('2026-12-02'));
    const evidence = state.lapseEvidence('auto_approve')!;
    expect(evidence).to.deep.include({
      caseId: 'c1',
      registrationNumber: 'REG/UJI/2026/000001',
      typeId: 'uji',
      receivedAt: FRIDAY.toISOString(),
      serviceLevelDays: 3,
      countedDays: ['2026-11-30', '2026-12-01', '2026-12-02'],
      skipped: [
        { date: '2026-11-28', reason: 'weekend' },
        { date: '2026-11-29', reason: 'weekend' },
      ],
      pauses: [],
      lapsedAt: closing('2026-12-02'),
      policy: 'auto_approve',
    });
    expect(evidence.completeness).to.deep.equal({ stageId: 'cek', passed: true, at: MONDAY.toISOString() });
    expect(evidence.legalBasis).to.match(/^Pasal 53 UU 30\/2014/);
    expect(newCase().lapseEvidence('flag')!.completeness, 'not yet checked').to.deep.include({ passed: false, at: null });
  });

  it('never falls due while the clock is stopped, and moves with it when the case resumes', () => {
    const state = newCase();
    const [task] = state.currentTasks;
    state.decide(FRIDAY, { actor: { userId: 'rina', roles: ['reviewer:a'] }, taskId: task!.id, outcome: 'request_changes', comment: 'Lengkapi KTP' });
    state.concludeStage(FRIDAY);
    expect(state.lapseDueAt(), 'paused: no timer').to.equal(null);
    expect(state.lapseEvidence('flag')).to.equal(null);
    const revision = state.clockRevision;
    // Resumed on Wednesday: the completeness check restarts the count from the complete file.
    state.revise(WEDNESDAY, { actor: applicant, fields: { a: 2 }, documents: {}, comment: null });
    state.openStage(WEDNESDAY);
    expect(state.clockRevision, 'the timer re-arms').to.be.greaterThan(revision);
    expect(state.lapseDueAt()).to.equal(closing('2026-12-07'));
  });

  it('has no lapse without the pause ledger (cases started before it)', () => {
    const state = newCase(false);
    expect(state.lapseDueAt()).to.equal(null);
    expect(state.lapseEvidence('flag')).to.equal(null);
  });

  it('auto_approve: records the lapse, cancels the open review tasks "lewat waktu" and goes on to signature, deemed approved', () => {
    const state = lapsedInReview('auto_approve');
    expect(state.status).to.equal('awaiting_signature');
    expect(state.deemedApproved).to.equal(true);
    expect(state.clock!.lapse).to.deep.include({ at: closing('2026-12-02'), policy: 'auto_approve', deemedApproved: true, taskId: null, report: REPORT });
    expect(state.facts.flags).to.include('lapsed');
    const review = state.tasks.filter((t) => t.stageId === 'kaji');
    expect(review.map((t) => [t.status, t.comment])).to.deep.equal([
      ['cancelled', LAPSE_CANCEL_REASON],
      ['cancelled', LAPSE_CANCEL_REASON],
    ]);
    expect(state.events.slice(-2).map((e) => [e.action, e.comment])).to.deep.equal([
      ['lapsed', 'auto_approve'],
      ['deemed_approved', DEEMED_APPROVAL_LINE],
    ]);
    expect(state.view().stage?.id, 'the signature is next').to.equal('penandatanganan');
    expect(state.clock!.stages.at(-1)!.closedAt).to.be.a('string');
    expect(state.lapseDueAt(), 'once per case').to.equal(null);
  });

  it('flag: the review goes on and an administrator gets a task; deem_approved sends the case to signature', () => {
    const state = lapsedInReview('flag');
    expect(state.status).to.equal('in_review');
    expect(state.deemedApproved).to.equal(false);
    const task = state.tasks.find((t) => t.kind === 'lapse_decision')!;
    expect(task).to.include({ role: 'admin', status: 'open', stageName: 'Putuskan permohonan lewat waktu' });
    expect(state.clock!.lapse!.taskId).to.equal(task.id);
    expect(state.currentTasks.every((t) => t.status === 'open'), 'the review tasks stay').to.equal(true);
    // A reviewer's outcome is not the administrator's, and the reverse.
    expect(() => state.assertCanDecide({ actor: admin, taskId: task.id, outcome: 'approve', comment: null })).to.throw(/deem_approved, continue_review/);

    state.decide(WEDNESDAY, { actor: admin, taskId: task.id, outcome: 'deem_approved', comment: null });
    expect(state.status).to.equal('awaiting_signature');
    expect(state.deemedApproved).to.equal(true);
    expect(state.events.at(-1)).to.include({ action: 'deemed_approved', actorId: 'admin', role: 'admin' });
    expect(state.tasks.filter((t) => t.kind === 'review' && t.stageId === 'kaji').every((t) => t.status === 'cancelled')).to.equal(true);
  });

  it('flag: continue_review keeps the review and the recorded lapse; the review decides as usual', () => {
    const state = lapsedInReview('flag');
    const task = state.tasks.find((t) => t.kind === 'lapse_decision')!;
    state.decide(WEDNESDAY, { actor: admin, taskId: task.id, outcome: 'continue_review', comment: 'Kajian teknis hampir selesai' });
    expect(state.status).to.equal('in_review');
    expect(state.clock!.lapse).to.deep.include({ deemedApproved: false, policy: 'flag' });
    for (const t of state.currentTasks) state.decide(WEDNESDAY, { actor: { userId: 'dedi', roles: [t.role] }, taskId: t.id, outcome: 'approve', comment: null });
    state.concludeStage(WEDNESDAY);
    expect(state.status).to.equal('awaiting_signature');
    expect(state.deemedApproved, 'approved by the review, not by law').to.equal(false);
  });

  it('flag: a review that approves first leaves nothing for the administrator to decide', () => {
    const state = lapsedInReview('flag');
    for (const t of state.currentTasks) state.decide(WEDNESDAY, { actor: { userId: 'dedi', roles: [t.role] }, taskId: t.id, outcome: 'approve', comment: null });
    state.concludeStage(WEDNESDAY);
    expect(state.tasks.find((t) => t.kind === 'lapse_decision')!.status).to.equal('cancelled');
  });

  it('records only the lapse when the case left review while the report was being sealed', () => {
    const state = newCase();
    passCompleteness(state);
    const evidence = state.lapseEvidence('auto_approve')!;
    for (const t of state.currentTasks) state.decide(WEDNESDAY, { actor: { userId: 'dedi', roles: [t.role] }, taskId: t.id, outcome: 'approve', comment: null });
    state.concludeStage(WEDNESDAY);
    state.lapsed(new Date(closing('2026-12-02')), evidence, REPORT);
    expect(state.clock!.lapse).to.deep.include({ deemedApproved: false });
    expect(state.events.filter((e) => e.action === 'deemed_approved')).to.deep.equal([]);
  });

  it('permit types choose their policy: flag unless they say otherwise', () => {
    const catalog = loadCatalog(CATALOG_DIR);
    expect(lapsePolicyOf(catalog.get('reklame')!)).to.equal('auto_approve');
    expect(lapsePolicyOf(catalog.get('pbg')!)).to.equal('flag');
    expect(lapsePolicyOf(catalog.get('sip')!)).to.equal('flag');
    expect(lapsePolicyOf(TEST_CASE_TYPE)).to.equal('flag');
    const bad = ZCaseTypeSchema.safeParse({ ...TEST_CASE_TYPE, lapsePolicy: 'approve' });
    expect(bad.success).to.equal(false);
    expect(bad.error!.issues[0]!.path).to.deep.equal(['lapsePolicy']);
  });
});

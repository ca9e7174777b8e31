import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { clockPolicyOf, MAX_CLOCK_STOPS, readClock, stageNotices } from '../../domain/engine/case-clock';
import { officeCalendarOfLegacy } from '../../domain/working-time/calendar-snapshot';
import { CaseState } from '../../domain/engine/case-state';
import { FRIDAY, TEST_CASE_TYPE } from './case-fixtures';

const TYPE = TEST_CASE_TYPE;

// Later instants, a few days after FRIDAY.
const MONDAY = new Date('2026-11-30T02:00:00Z');
const WEDNESDAY = new Date('2026-12-02T02:00:00Z');
const THURSDAY = new Date('2026-12-03T02:00:00Z');
const NEXT_WEDNESDAY = new Date('2026-12-09T02:00:00Z');
/** Closing time (16:00 WIB) of a day. */
const closing = (date: string) => new Date(`${date}T09:00:00.000Z`).toISOString();
const applicant = { userId: 'budi', roles: ['applicant'] };

function newCase(pauseLedger = true): CaseState {
  const state = new CaseState(
    { caseId: 'c1', kind: 'permit', type: TYPE, applicantId: 'budi', fields: { a: 1 }, documents: {}, calendar: PONTIANAK_CALENDAR },
    FRIDAY.toISOString(),
    () => true,
    pauseLedger,
  );
  state.register(FRIDAY, 'REG/UJI/2026/000001');
  state.openStage(FRIDAY);
  return state;
}

/** The completeness check asks for changes on Friday: the case goes to the applicant. */
function askForChanges(state: CaseState, at = FRIDAY): void {
  const [task] = state.currentTasks;
  state.decide(at, { actor: { userId: 'rina', roles: ['reviewer:a'] }, taskId: task!.id, outcome: 'request_changes', comment: 'Lengkapi KTP' });
  state.concludeStage(at);
}

describe('CaseState pause ledger (stop-the-clock)', () => {
  it('opens a stage clock with its policy: restart for a completeness check, continue otherwise', () => {
    const state = newCase();
    expect(state.clock!.stages).to.deep.equal([
      { stageId: 'cek', stageName: 'Cek', serviceLevelDays: 2, policy: 'restart', openedAt: FRIDAY.toISOString(), closedAt: null, dueAt: state.stageDueAt },
    ]);
    expect(clockPolicyOf(TYPE.stages[1]!)).to.equal('continue');
    expect(clockPolicyOf({ ...TYPE.stages[0]!, clockPolicy: 'continue' })).to.equal('continue');
  });

  it('stops the clock when a stage asks for changes, naming the reviewer, and starts it again on the revision', () => {
    const state = newCase();
    askForChanges(state);
    expect(state.status).to.equal('changes_requested');
    expect(state.clock!.pauses).to.deep.equal([
      { paused: FRIDAY.toISOString(), resumed: null, reason: 'awaiting_revision', by: { userId: 'rina', role: 'reviewer:a' }, resumedBy: null, stageId: 'cek', policy: 'restart' },
    ]);

    state.revise(MONDAY, { actor: applicant, fields: { a: 2 }, documents: {}, comment: null });
    expect(state.clock!.pauses[0]).to.include({ resumed: MONDAY.toISOString() });
    expect(state.clock!.pauses[0]!.resumedBy).to.deep.equal({ userId: 'budi', role: 'applicant' });

    // The stage opens again under the same clock: one clock per stage, not per round.
    state.openStage(MONDAY);
    expect(state.round).to.equal(2);
    expect(state.clock!.stages).to.have.length(1);
    expect(state.clock!.stages[0]!.openedAt).to.equal(FRIDAY.toISOString());
  });

  it('closes the stage clock on approval and opens the next stage’s', () => {
    const state = newCase();
    const [task] = state.currentTasks;
    state.decide(MONDAY, { actor: { userId: 'rina', roles: ['reviewer:a'] }, taskId: task!.id, outcome: 'approve', comment: null });
    state.concludeStage(MONDAY);
    state.openStage(MONDAY);
    expect(state.clock!.stages.map((s) => [s.stageId, s.closedAt, s.policy])).to.deep.equal([
      ['cek', MONDAY.toISOString(), 'restart'],
      ['kaji', null, 'continue'],
    ]);
  });

  it('ends an open pause and the stage clock when the case ends while it waits on the applicant', () => {
    const state = newCase();
    askForChanges(state);
    state.withdraw(WEDNESDAY, { actor: applicant, reason: 'Batal' });
    expect(state.status).to.equal('withdrawn');
    expect(state.clock!.pauses[0]).to.include({ resumed: WEDNESDAY.toISOString() });
    expect(state.clock!.pauses[0]!.resumedBy).to.deep.equal({ userId: 'budi', role: 'applicant' });
    expect(state.clock!.stages[0]!.closedAt).to.equal(WEDNESDAY.toISOString());
  });

  it('keeps one pause per stop: a second request for changes after a revision is a second entry', () => {
    const state = newCase();
    askForChanges(state);
    state.revise(MONDAY, { actor: applicant, fields: { a: 2 }, documents: {}, comment: null });
    state.openStage(MONDAY);
    askForChanges(state, MONDAY);
    expect(state.clock!.pauses.map((p) => [p.paused, p.resumed])).to.deep.equal([
      [FRIDAY.toISOString(), MONDAY.toISOString()],
      [MONDAY.toISOString(), null],
    ]);
  });

  it(`refuses a request for changes past ${MAX_CLOCK_STOPS} stops (the most the deadline rule counts), and still takes a decision`, () => {
    const state = newCase();
    const minutes = (n: number) => new Date(FRIDAY.getTime() + n * 60_000);
    for (let i = 0; i < MAX_CLOCK_STOPS; i++) {
      askForChanges(state, minutes(20 * i));
      state.revise(minutes(20 * i + 10), { actor: applicant, fields: { a: i + 2 }, documents: {}, comment: null });
      state.openStage(minutes(20 * i + 10));
    }
    expect(state.clock!.pauses).to.have.length(MAX_CLOCK_STOPS);
    const [task] = state.currentTasks;
    const reviewer = { userId: 'rina', roles: ['reviewer:a'] };
    expect(() => state.assertCanDecide({ actor: reviewer, taskId: task!.id, outcome: 'request_changes', comment: 'Lagi' })).to.throw(/sent back for changes 100 times/);
    expect(() => state.assertCanDecide({ actor: reviewer, taskId: task!.id, outcome: 'approve', comment: null })).to.not.throw();
  });

  it('is in the view and the projection, and absent (null) in a case started before the ledger', () => {
    const state = newCase();
    askForChanges(state);
    expect(state.view().clock).to.deep.equal(state.clock);
    expect(state.projection(0).clock).to.deep.equal(state.clock);

    const older = newCase(false);
    askForChanges(older);
    expect(older.clock).to.equal(null);
    expect(older.view().clock).to.equal(null);
  });

  describe('deadlines re-computed from the ledger with the deadline rule', () => {
    /** Approves the completeness check on Friday and opens the 5-day technical review (policy continue). */
    function inReview(): CaseState {
      const state = newCase();
      const [task] = state.currentTasks;
      state.decide(FRIDAY, { actor: { userId: 'rina', roles: ['reviewer:a'] }, taskId: task!.id, outcome: 'approve', comment: null });
      state.concludeStage(FRIDAY);
      state.openStage(FRIDAY);
      return state;
    }

    function reviewAsksForChanges(state: CaseState, at: Date): void {
      const [b, c] = state.currentTasks;
      state.decide(at, { actor: { userId: 'dedi', roles: ['reviewer:b'] }, taskId: b!.id, outcome: 'request_changes', comment: 'Gambar' });
      state.decide(at, { actor: { userId: 'sari', roles: ['reviewer:c'] }, taskId: c!.id, outcome: 'approve', comment: null });
      state.concludeStage(at);
    }

    it('gives no deadline while paused, and moves a `continue` stage and the case by the working days paused', () => {
      const state = inReview();
      expect(state.stageDueAt, 'Mon 30 … Fri 4 Dec').to.equal(closing('2026-12-04'));
      expect(state.caseDueAt).to.equal(closing('2026-12-11'));

      reviewAsksForChanges(state, MONDAY);
      expect(state.caseDueAt).to.equal(null);
      expect(state.clock!.stages[1]!.dueAt).to.equal(null);

      // Paused at Monday's and Tuesday's closing: both days are not counted, the rest goes on.
      state.revise(WEDNESDAY, { actor: applicant, fields: { a: 2 }, documents: {}, comment: null });
      expect(state.caseDueAt).to.equal(closing('2026-12-15'));
      state.openStage(WEDNESDAY);
      expect(state.stageDueAt).to.equal(closing('2026-12-08'));
      expect(state.clock!.stages[1]!.dueAt).to.equal(state.stageDueAt);
      expect(state.currentTasks.map((t) => t.dueAt)).to.deep.equal([state.stageDueAt, state.stageDueAt]);
    });

    it('restarts a completeness check (and the case) from the resumption', () => {
      const state = newCase();
      expect(state.stageDueAt).to.equal(closing('2026-12-01'));
      askForChanges(state);
      state.revise(WEDNESDAY, { actor: applicant, fields: { a: 2 }, documents: {}, comment: null });
      // Wednesday is day zero again: Thursday and Friday count for the stage, ten working days for the case.
      expect(state.caseDueAt).to.equal(closing('2026-12-16'));
      state.openStage(WEDNESDAY);
      expect(state.stageDueAt).to.equal(closing('2026-12-04'));
    });

    it('reads the working days used and left, and an overdue stage', () => {
      const state = inReview();
      reviewAsksForChanges(state, MONDAY);
      const calendar = officeCalendarOfLegacy(PONTIANAK_CALENDAR);
      const whilePaused = readClock(calendar, state.clock!, state, WEDNESDAY);
      expect(whilePaused.paused).to.equal(true);
      expect(whilePaused.stages[1]).to.include({ dueAt: null, workingDaysUsed: 0, workingDaysLeft: 5, overdue: false });
      expect(whilePaused.stages[0]).to.include({ stageId: 'cek', dueAt: closing('2026-12-01'), workingDaysUsed: 0, workingDaysLeft: 2, overdue: false });

      state.revise(WEDNESDAY, { actor: applicant, fields: { a: 2 }, documents: {}, comment: null });
      state.openStage(WEDNESDAY);
      const thursday = readClock(calendar, state.clock!, state, THURSDAY);
      expect(thursday.paused).to.equal(false);
      expect(thursday.stages[1], 'Wednesday counted').to.include({ dueAt: closing('2026-12-08'), workingDaysUsed: 1, workingDaysLeft: 4, overdue: false });
      expect(thursday.case).to.include({ serviceLevelDays: 10, dueAt: closing('2026-12-15'), workingDaysUsed: 1, workingDaysLeft: 9 });
      expect(thursday.pauses).to.have.length(1);

      const late = readClock(calendar, state.clock!, state, NEXT_WEDNESDAY);
      expect(late.stages[1]).to.include({ workingDaysUsed: 5, workingDaysLeft: 0, overdue: true });
      expect(late.case, 'Wed 2 … Tue 8').to.include({ workingDaysUsed: 5, workingDaysLeft: 5, overdue: false });
    });

    it('keeps the case deadline of a case that ended while paused (the pause ends with it)', () => {
      const state = inReview();
      reviewAsksForChanges(state, MONDAY);
      state.withdraw(WEDNESDAY, { actor: applicant, reason: null });
      expect(state.caseDueAt).to.equal(closing('2026-12-15'));
    });
  });

  describe('reminders and escalation marks (the stated rule)', () => {
    const calendar = officeCalendarOfLegacy(PONTIANAK_CALENDAR);
    const stage = { stageId: 'kaji', stageName: 'Kaji', serviceLevelDays: 5, policy: 'continue' as const, openedAt: FRIDAY.toISOString(), closedAt: null, dueAt: null };

    it('falls at the closing time of counted working day ⌊N·p/100⌋: days 2, 3 and 4 of five, escalation at the deadline', () => {
      expect(stageNotices(calendar, stage, []).map((n) => [n.kind, n.to, n.at])).to.deep.equal([
        ['reminder_50', 'role', closing('2026-12-01')],
        ['reminder_75', 'role', closing('2026-12-02')],
        ['reminder_90', 'supervisor', closing('2026-12-03')],
        ['escalation', 'head', closing('2026-12-04')],
      ]);
    });

    it('moves with the stops, gives none while stopped, and sends no mark before the first counted day', () => {
      const stop = { paused: MONDAY.toISOString(), by: { userId: 'x', role: 'reviewer:b' }, resumedBy: null, reason: 'awaiting_revision' as const, stageId: 'kaji', policy: 'continue' as const };
      expect(stageNotices(calendar, stage, [{ ...stop, resumed: null }])).to.deep.equal([]);
      expect(stageNotices(calendar, stage, [{ ...stop, resumed: WEDNESDAY.toISOString() }]).map((n) => n.at)).to.deep.equal([
        closing('2026-12-03'),
        closing('2026-12-04'),
        closing('2026-12-07'),
        closing('2026-12-08'),
      ]);
      expect(stageNotices(calendar, { ...stage, serviceLevelDays: 1 }, []).map((n) => n.kind)).to.deep.equal(['escalation']);
    });

    it('the engine gives the next notice not yet sent with the roles still deciding (the activity resolves supervisors and head), and escalation flags the case once', () => {
      const state = newCase();
      const [check] = state.currentTasks;
      state.decide(FRIDAY, { actor: { userId: 'rina', roles: ['reviewer:a'] }, taskId: check!.id, outcome: 'approve', comment: null });
      state.concludeStage(FRIDAY);
      state.openStage(FRIDAY);
      const [b] = state.currentTasks;
      state.decide(MONDAY, { actor: { userId: 'dedi', roles: ['reviewer:b'] }, taskId: b!.id, outcome: 'approve', comment: null });
      const first = state.nextStageNotice()!;
      expect(first).to.include({ kind: 'reminder_50', at: closing('2026-12-01') });
      expect(state.noticeRoles(), 'only the role still deciding').to.deep.equal(['reviewer:c']);
      for (const kind of ['reminder_50', 'reminder_75', 'reminder_90']) {
        const next = state.nextStageNotice()!;
        expect(next.kind).to.equal(kind);
        state.stageNoticeSent(THURSDAY, next);
      }
      const escalation = state.nextStageNotice()!;
      expect(escalation).to.include({ kind: 'escalation', to: 'head' });
      expect(state.noticeRoles(), 'the escalation carries the stage roles too: the head is resolved from the organisation').to.deep.equal(['reviewer:c']);
      state.stageNoticeSent(NEXT_WEDNESDAY, escalation);
      state.stageNoticeSent(NEXT_WEDNESDAY, escalation);
      expect(state.flags).to.deep.equal(['overdue:kaji']);
      expect(state.events.filter((e) => e.action === 'flagged')).to.have.length(1);
      expect(state.nextStageNotice()).to.equal(null);
      expect(state.clock!.stages[1]!.notified).to.deep.equal(['reminder_50', 'reminder_75', 'reminder_90', 'escalation']);
    });

    it('re-arms: stopping the clock moves the revision on and leaves no notice due', () => {
      const state = newCase();
      const before = state.clockRevision;
      askForChanges(state);
      expect(state.clockRevision).to.be.greaterThan(before);
      expect(state.nextStageNotice()).to.equal(null);
    });
  });
});

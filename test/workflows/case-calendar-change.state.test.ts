import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { CaseState } from '../../domain/engine/case-state';
import { deadlineMovedDataOf, type TCalendarChange } from '../../domain/working-time/calendar-change';
import { FRIDAY, TEST_CASE_TYPE } from './case-fixtures';

/** The shared test type's completeness check alone. */
const TYPE = { ...TEST_CASE_TYPE, stages: TEST_CASE_TYPE.stages.slice(0, 1) };
// The older calendar: Monday–Friday, closing 16:00 WIB (09:00 UTC).
const closing = (date: string) => new Date(`${date}T09:00:00.000Z`).toISOString();
const change = (revision: number, action: 'added' | 'removed', date = '2026-11-30'): TCalendarChange => ({ changeId: `c${revision}`, revision, action, date, reason: 'Banjir' });

function newCase(pauseLedger = true): CaseState {
  const state = new CaseState({ caseId: 'c1', kind: 'permit', type: TYPE, applicantId: 'budi', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR }, FRIDAY.toISOString(), () => true, pauseLedger);
  state.register(FRIDAY, 'REG/UJI/2026/000001');
  state.openStage(FRIDAY);
  return state;
}

/** The engine's step behind the calendarChanged signal (issue 10 §3); the workflow test runs it on the dev server. */
describe('CaseState calendar changes (closures while the case is open)', () => {
  it('moves the running stage, its open task and the whole case by a closure inside them, recording each move', () => {
    const state = newCase();
    expect(state.stageDueAt).to.equal(closing('2026-12-01')); // Monday 30 Nov and Tuesday 1 Dec counted
    const caseDue = state.caseDueAt!;
    state.calendarChanged(FRIDAY, { change: change(1, 'added'), closures: [{ date: '2026-11-30', reason: 'Banjir' }] });
    expect(state.stageDueAt).to.equal(closing('2026-12-02'));
    expect(state.currentTasks[0]!.dueAt).to.equal(closing('2026-12-02'));
    expect(state.clock!.stages[0]!.basis).to.deep.equal({ calendarVersion: 'legacy', closuresRevision: 1 });
    const moved = state.events.filter((e) => e.action === 'deadline_moved').map((e) => deadlineMovedDataOf(e.comment));
    expect(moved).to.deep.equal([
      { stageId: 'cek', stageName: 'Cek', before: closing('2026-12-01'), after: closing('2026-12-02'), action: 'added', date: '2026-11-30', reason: 'Banjir', revision: 1 },
      { stageId: null, stageName: null, before: caseDue, after: state.caseDueAt, action: 'added', date: '2026-11-30', reason: 'Banjir', revision: 1 },
    ]);
    expect(state.caseDueAt! > caseDue).to.equal(true);
    // Withdrawn: back where it was.
    state.calendarChanged(FRIDAY, { change: change(2, 'removed'), closures: [] });
    expect(state.stageDueAt).to.equal(closing('2026-12-01'));
    expect(state.caseDueAt).to.equal(caseDue);
  });

  it('ignores a revision already applied, a closed case, closures the rule refuses, and a case without the ledger; a closure after the deadlines moves nothing', () => {
    const state = newCase();
    state.calendarChanged(FRIDAY, { change: change(2, 'added'), closures: [{ date: '2026-11-30', reason: 'Banjir' }] });
    const version = state.version;
    state.calendarChanged(FRIDAY, { change: change(1, 'removed'), closures: [] }); // late or retried: older revision
    state.calendarChanged(FRIDAY, { change: change(2, 'removed'), closures: [] });
    expect(state.version).to.equal(version);
    expect(state.stageDueAt).to.equal(closing('2026-12-02'));
    expect(() => state.calendarChanged(FRIDAY, { change: change(3, 'added'), closures: [{ date: '2026-02-30', reason: 'x' }] })).not.to.throw();
    expect(state.clock!.basis?.closuresRevision).to.equal(2);

    const later = newCase();
    const events = later.events.length;
    later.calendarChanged(FRIDAY, { change: change(1, 'added', '2027-03-01'), closures: [{ date: '2027-03-01', reason: 'Rapat' }] });
    expect(later.events.length).to.equal(events);
    expect(later.clock!.basis?.closuresRevision).to.equal(1);

    const legacy = newCase(false);
    const legacyVersion = legacy.version;
    legacy.calendarChanged(FRIDAY, { change: change(1, 'added'), closures: [{ date: '2026-11-30', reason: 'Banjir' }] });
    expect(legacy.version).to.equal(legacyVersion);

    state.withdraw(FRIDAY, { actor: { userId: 'budi', roles: ['applicant'] }, reason: 'Batal' });
    const closedVersion = state.version;
    state.calendarChanged(FRIDAY, { change: change(4, 'removed'), closures: [] });
    expect(state.version).to.equal(closedVersion);
  });
});

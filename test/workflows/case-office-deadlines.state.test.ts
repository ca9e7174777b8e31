import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { CaseState } from '../../domain/engine/case-state';
import { calendarSnapshotOf } from '../../domain/working-time/calendar-snapshot';
import { CALENDAR_FILE, loadOfficeCalendar } from '../../store/catalog';
import { TEST_CASE_TYPE } from './case-fixtures';

/** Thursday 3 December 2026, 10:00 WIB: one working day later is Friday, when the office closes at 16:30. */
const THURSDAY = new Date('2026-12-03T03:00:00Z');
const officeCalendar = calendarSnapshotOf(loadOfficeCalendar(CALENDAR_FILE), { revision: 1, closures: [{ date: '2026-12-04', reason: 'Banjir' }] });

function caseAt(officeDeadlines: boolean): CaseState {
  return new CaseState(
    { caseId: 'c1', kind: 'permit', type: TEST_CASE_TYPE, applicantId: 'budi', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR, officeCalendar },
    THURSDAY.toISOString(),
    () => true,
    true,
    officeDeadlines,
  );
}

describe('CaseState deadlines outside the review stages (signature, negotiation, termination, lapse decision)', () => {
  it('count by the office rule with the closures in force once the case starts under it', () => {
    // Friday 4 December is closed (the closure): the next counted day is Monday 7 December, closing 16:00 WIB.
    expect(caseAt(true).dueAfter(THURSDAY, 1)).to.equal('2026-12-07T09:00:00.000Z');
    const withoutClosure = new CaseState(
      { caseId: 'c2', kind: 'permit', type: TEST_CASE_TYPE, applicantId: 'budi', fields: {}, documents: {}, calendar: PONTIANAK_CALENDAR, officeCalendar: { ...officeCalendar, closures: undefined } },
      THURSDAY.toISOString(),
      () => true,
      true,
      true,
    );
    // Friday's longer hours: 16:30 WIB.
    expect(withoutClosure.dueAfter(THURSDAY, 1)).to.equal('2026-12-04T09:30:00.000Z');
  });

  it('keep the whole-day rule (every day closing 16:00, no closures) for cases started before it, as their histories recorded', () => {
    expect(caseAt(false).dueAfter(THURSDAY, 1)).to.equal('2026-12-04T09:00:00.000Z');
  });

  it('gives the sign task (one working day) its due instant by the rule the case counts on', () => {
    const [office, legacy] = [caseAt(true), caseAt(false)];
    office.openSignTask(THURSDAY, 'approver:kepala');
    legacy.openSignTask(THURSDAY, 'approver:kepala');
    expect([office.stageDueAt, legacy.stageDueAt]).to.deep.equal(['2026-12-07T09:00:00.000Z', '2026-12-04T09:00:00.000Z']);
  });
});

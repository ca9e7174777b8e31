import { expect } from 'chai';
import { slaStateOf } from '../../domain/sla-state';
import { deadlineAfter, type TWorkingTime } from '../../domain/working-time/working-days';
import { CALENDAR_FILE, loadOfficeCalendar } from '../../store/catalog';

/** The shipped office calendar: Monday–Thursday close 16:00, Friday 16:30 WIB; 24 and 25 December 2026 are off. */
const time: TWorkingTime = { calendar: loadOfficeCalendar(CALENDAR_FILE), closures: [] };
const wib = (local: string) => new Date(`${local.replace(' ', 'T')}+07:00`);

describe('service-level state of a due date (the office calendar and closures)', () => {
  // Wednesday 2 December 2026, 10:00 WIB.
  const now = wib('2026-12-02 10:00');

  it('is overdue once the due instant has passed', () => {
    expect(slaStateOf(wib('2026-12-02 09:59:59'), now, time)).to.equal('overdue');
  });

  it('is due soon up to closing time (16:00 WIB) of the next working day, on track after', () => {
    expect(slaStateOf(wib('2026-12-02 16:00'), now, time)).to.equal('dueSoon'); // today
    expect(slaStateOf(wib('2026-12-03 16:00'), now, time)).to.equal('dueSoon'); // Thursday closing
    expect(slaStateOf(wib('2026-12-03 16:00:01'), now, time)).to.equal('onTrack');
  });

  it("counts Friday's later closing (16:30): Friday 16:15 is due soon on Thursday and not overdue at 16:15", () => {
    const thursday = wib('2026-12-03 10:00');
    expect(slaStateOf(wib('2026-12-04 16:15'), thursday, time)).to.equal('dueSoon'); // the old 16:00 rule said on track
    expect(slaStateOf(wib('2026-12-04 16:30'), thursday, time)).to.equal('dueSoon');
    expect(slaStateOf(wib('2026-12-04 16:30:01'), thursday, time)).to.equal('onTrack');
    // A one-working-day stage opened on Thursday is due Friday 16:30; at Friday 16:15 it is not yet overdue.
    const due = deadlineAfter(thursday, 1, time);
    expect(due.toISOString()).to.equal(wib('2026-12-04 16:30').toISOString());
    expect(slaStateOf(due, wib('2026-12-04 16:15'), time)).to.equal('dueSoon');
    expect(slaStateOf(due, wib('2026-12-04 16:31'), time)).to.equal('overdue');
  });

  it('skips weekends and holidays: on Friday Monday is next; before Christmas the next working day is the 28th', () => {
    const friday = wib('2026-12-04 10:00');
    expect(slaStateOf(wib('2026-12-07 16:00'), friday, time)).to.equal('dueSoon');
    expect(slaStateOf(wib('2026-12-08 16:00'), friday, time)).to.equal('onTrack');
    expect(slaStateOf(wib('2026-12-28 16:00'), wib('2026-12-23 10:00'), time)).to.equal('dueSoon'); // 24 (cuti bersama), 25 (Natal) off
  });

  it('skips a closure declared at run time', () => {
    const closed: TWorkingTime = { ...time, closures: [{ date: '2026-12-03', reason: 'Banjir' }] };
    // On Wednesday, with Thursday closed, the next working day is Friday (closing 16:30).
    expect(slaStateOf(wib('2026-12-04 16:30'), now, time)).to.equal('onTrack');
    expect(slaStateOf(wib('2026-12-04 16:30'), now, closed)).to.equal('dueSoon');
  });
});

import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { slaStateOf } from '../../domain/sla-state';

describe('service-level state of a due date', () => {
  const calendar = { ...PONTIANAK_CALENDAR, holidays: ['2026-12-25'] };
  // Wednesday 2 December 2026, 10:00 WIB.
  const now = new Date('2026-12-02T03:00:00Z');

  it('is overdue once the due instant has passed', () => {
    expect(slaStateOf('2026-12-02T02:59:59Z', now, calendar)).to.equal('overdue');
  });

  it('is due soon up to closing time (16:00 WIB) of the next working day, on track after', () => {
    expect(slaStateOf('2026-12-02T09:00:00Z', now, calendar)).to.equal('dueSoon'); // today 16:00
    expect(slaStateOf('2026-12-03T09:00:00Z', now, calendar)).to.equal('dueSoon'); // Thursday 16:00
    expect(slaStateOf('2026-12-03T09:00:01Z', now, calendar)).to.equal('onTrack');
  });

  it('counts working days: on Friday, Monday closing time is still due soon; a holiday is skipped', () => {
    const friday = new Date('2026-12-04T03:00:00Z');
    expect(slaStateOf('2026-12-07T09:00:00Z', friday, calendar)).to.equal('dueSoon');
    expect(slaStateOf('2026-12-08T09:00:00Z', friday, calendar)).to.equal('onTrack');
    const christmasEve = new Date('2026-12-24T03:00:00Z'); // Thursday; the 25th is a holiday
    expect(slaStateOf('2026-12-28T09:00:00Z', christmasEve, calendar)).to.equal('dueSoon');
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { daysBefore, daysSpanned, localDateRange, weekBoundaries, workingAgeBoundaries } from '../../domain/service-level-periods';
import { workingDaysAfter, type TWorkingTime } from '../../domain/working-time/working-days';
import { CALENDAR_FILE, loadOfficeCalendar } from '../../store/catalog';

/** The shipped office calendar (24, 25 December 2026 and 1 January 2027 are off) and a closure on Monday 30 November. */
const calendar = loadOfficeCalendar(CALENDAR_FILE);
const time: TWorkingTime = { calendar, closures: [{ date: '2026-11-30', reason: 'Banjir' }] };
const AGES = [3, 6, 11, 21];

describe('service-level periods (dashboard buckets)', () => {
  it('age boundaries: submitted before boundary k exactly when the case is at least k working days old (weekends, holidays, closures)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-10-01T00:00:00Z'), max: new Date('2027-02-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 * 24 * 60 }),
        (now, minutesAgo) => {
          const submitted = new Date(now.getTime() - minutesAgo * 60_000);
          const boundaries = workingAgeBoundaries(now, AGES, time);
          const age = workingDaysAfter(submitted, now, time);
          AGES.forEach((k, i) => expect(submitted < boundaries[i]!, `age ${age} vs ${k}`).to.equal(age >= k));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('age boundaries fall at the start of a local day (00:00 WIB), newest first', () => {
    const boundaries = workingAgeBoundaries(new Date('2026-12-02T05:00:00Z'), [1, 3], time);
    // Wednesday 2 December 2026: 1 working day old = submitted on Tuesday 1 December or before; 3 working days old =
    // on Thursday 26 November or before (2 and 1 December, then 27 November: the weekend and the 30th, closed here, do not count).
    expect(boundaries.map((b) => b.toISOString())).to.deep.equal(['2026-12-01T17:00:00.000Z', '2026-11-26T17:00:00.000Z']);
    expect(() => workingAgeBoundaries(new Date(), [0], time)).to.throw(RangeError);
  });

  it('weeks start on Monday 00:00 WIB, the last one being the current week', () => {
    const { boundaries, mondays } = weekBoundaries(new Date('2026-12-02T05:00:00Z'), 4, calendar);
    expect(mondays).to.deep.equal(['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(boundaries.map((b) => b.toISOString())).to.deep.equal([
      '2026-11-08T17:00:00.000Z',
      '2026-11-15T17:00:00.000Z',
      '2026-11-22T17:00:00.000Z',
      '2026-11-29T17:00:00.000Z',
      '2026-12-06T17:00:00.000Z',
    ]);
    // Sunday evening in WIB still belongs to the week that began on Monday.
    expect(weekBoundaries(new Date('2026-12-06T16:59:00Z'), 1, calendar).mondays).to.deep.equal(['2026-11-30']);
    expect(weekBoundaries(new Date('2026-12-06T17:00:00Z'), 1, calendar).mondays).to.deep.equal(['2026-12-07']);
  });

  it('a range of local dates runs from 00:00 WIB of the first to 00:00 WIB after the last; spans count both ends', () => {
    const { start, end } = localDateRange('2026-12-31', '2027-01-01', calendar);
    expect([start.toISOString(), end.toISOString()]).to.deep.equal(['2026-12-30T17:00:00.000Z', '2027-01-01T17:00:00.000Z']);
    expect(daysBefore('2026-03-01', 89)).to.equal('2025-12-02');
    expect(daysSpanned('2026-01-01', '2026-01-01')).to.equal(1);
    expect(daysSpanned('2024-01-01', '2024-12-31')).to.equal(366);
    expect(daysSpanned('2026-01-02', '2026-01-01')).to.equal(0);
  });
});

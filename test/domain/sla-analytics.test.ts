import { expect } from 'chai';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { ageBucketOf, breachForecast, quantile, stageServiceLevels } from '../../domain/sla-analytics';
import { officeCalendarOfLegacy } from '../../domain/working-time/calendar-snapshot';
import { workingDaysAfter, type TWorkingTime } from '../../domain/working-time/working-days';
import type { TClosedStage, TOpenStage } from '../../domain/sla-analytics';

/** Monday to Friday, closing 16:00; Monday 30 November 2026 is a holiday in this calendar (besides the weekends). */
const calendar = officeCalendarOfLegacy({ ...PONTIANAK_CALENDAR, holidays: ['2026-11-30', '2026-12-25'] });
const time: TWorkingTime = { calendar, closures: [] };
/** An instant written in office time (WIB, UTC+7). */
const wib = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();
/** Wednesday 2 December 2026, 12:00 WIB. */
const NOW = new Date(wib('2026-12-02 12:00'));

const closed = (typeId: string, stageId: string, openedAt: string, closedAt: string, dueAt: string): TClosedStage => ({
  typeId,
  stageId,
  stageName: `Tahap ${stageId}`,
  openedAt: wib(openedAt),
  closedAt: wib(closedAt),
  dueAt: wib(dueAt),
});

/**
 * Five closed rounds of reklame/kelengkapan; working days used (the opening's local day is day zero), on time:
 * - Mon 2 Nov 08:00 → Wed 4 Nov 15:00: 2, on time
 * - Fri 6 Nov 10:00 → Mon 9 Nov 09:00: 1 (the weekend is not counted), on time
 * - Mon 23 Nov 10:00 → Tue 1 Dec 11:00: 5 (24–27 Nov, then 1 Dec: the weekend and the 30th, a holiday, are not), late
 * - Thu 26 Nov 20:00 (after office hours) → Fri 27 Nov 09:00: 1, on time
 * - Tue 1 Dec 08:00 → Tue 1 Dec 15:00: 0, on time
 */
const KELENGKAPAN = [
  closed('reklame', 'kelengkapan', '2026-11-02 08:00', '2026-11-04 15:00', '2026-11-05 16:00'),
  closed('reklame', 'kelengkapan', '2026-11-06 10:00', '2026-11-09 09:00', '2026-11-09 16:00'),
  closed('reklame', 'kelengkapan', '2026-11-23 10:00', '2026-12-01 11:00', '2026-11-26 16:00'),
  closed('reklame', 'kelengkapan', '2026-11-26 20:00', '2026-11-27 09:00', '2026-11-27 16:00'),
  closed('reklame', 'kelengkapan', '2026-12-01 08:00', '2026-12-01 15:00', '2026-12-02 16:00'),
];

const open = (caseId: string, typeId: string, stageId: string, openedAt: string, stageDueAt: string | null, caseDueAt: string | null): TOpenStage => ({
  caseId,
  registrationNumber: `503/${caseId}`,
  typeId,
  stageId,
  stageName: `Tahap ${stageId}`,
  openedAt: wib(openedAt),
  stageDueAt: stageDueAt && wib(stageDueAt),
  caseDueAt: caseDueAt && wib(caseDueAt),
});

describe('service-level analytics (pure statistics)', () => {
  describe('quantile (linear interpolation, type 7)', () => {
    const rows: Array<[number[], number, number | null]> = [
      [[1, 2, 3, 4], 0.5, 2.5],
      [[1, 2, 3, 4], 0.9, 3.7],
      [[4, 1, 3, 2], 0.5, 2.5], // order of the input does not matter
      [[5], 0.5, 5],
      [[5], 0.9, 5],
      [[0, 0, 10], 0.9, 8],
      [[0, 1, 1, 2, 5], 0.5, 1],
      [[0, 1, 1, 2, 5], 0.9, 3.8],
      [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
      [[1, 2], 0, 1],
      [[1, 2], 1, 2],
      [[1, 2, 2], 1 / 3, 1.67], // two decimals
      [[], 0.5, null],
    ];
    for (const [values, q, expected] of rows) {
      it(`q${q} of [${values.join(', ')}] is ${expected}`, () => expect(quantile(values, q)).to.equal(expected));
    }
    it('refuses a q outside 0–1 and leaves its input unsorted', () => {
      expect(() => quantile([1], 1.5)).to.throw(RangeError);
      expect(() => quantile([1], Number.NaN)).to.throw(RangeError);
      const input = [3, 1, 2];
      quantile(input, 0.5);
      expect(input).to.deep.equal([3, 1, 2]);
    });
  });

  it('counts working days after the local date of the start up to and including the end date, by the deadline rule', () => {
    const rows: Array<[string, string, number]> = [
      ['2026-12-01 08:00', '2026-12-01 23:59', 0], // the same day
      ['2026-12-01 20:00', '2026-12-02 07:00', 1], // the next working day, before opening
      ['2026-11-27 09:00', '2026-12-01 10:00', 1], // Friday → Tuesday: the weekend and the 30th (a holiday) are not counted
      ['2026-11-27 09:00', '2026-11-29 10:00', 0], // Friday → Sunday
      ['2026-11-20 10:00', '2026-12-02 12:00', 7],
      ['2026-12-24 10:00', '2027-01-04 10:00', 6], // 28–31 Dec, 1 and 4 Jan (25 Dec is a holiday here, 1 Jan is not)
      ['2026-12-02 10:00', '2026-12-01 10:00', 0], // the end before the start
    ];
    for (const [from, to, expected] of rows) expect(workingDaysAfter(new Date(wib(from)), new Date(wib(to)), time), `${from} → ${to}`).to.equal(expected);
    // Counted by the rule's own calendar: a Saturday with office hours counts.
    const saturdays = { ...calendar, closesAtMinute: calendar.closesAtMinute.map((c, weekday) => (weekday === 6 ? 12 * 60 : c)) };
    expect(workingDaysAfter(new Date(wib('2026-11-27 09:00')), new Date(wib('2026-11-29 10:00')), { calendar: saturdays, closures: [] })).to.equal(1);
    // A closure declared at run time is not counted either.
    expect(workingDaysAfter(new Date(wib('2026-12-01 08:00')), new Date(wib('2026-12-03 10:00')), { calendar, closures: [{ date: '2026-12-02', reason: 'Banjir' }] })).to.equal(1);
  });

  it('puts ages in the buckets 0–2, 3–5, 6–10, 11–20, 21+', () => {
    const rows: Array<[number, number]> = [[0, 0], [2, 0], [3, 1], [5, 1], [6, 2], [10, 2], [11, 3], [20, 3], [21, 4], [400, 4]];
    for (const [age, bucket] of rows) expect(ageBucketOf(age), `age ${age}`).to.equal(bucket);
  });

  describe('per type and stage', () => {
    const levels = stageServiceLevels({
      closed: [
        ...KELENGKAPAN,
        // Closed exactly at the due instant: on time; a millisecond later: late.
        closed('pbg', 'kajian_teknis', '2026-11-16 09:00', '2026-11-19 16:00', '2026-11-19 16:00'),
        { ...closed('pbg', 'kajian_teknis', '2026-11-16 09:00', '2026-11-19 16:00', '2026-11-19 16:00'), closedAt: new Date(Date.parse(wib('2026-11-19 16:00')) + 1).toISOString() },
      ],
      open: [
        open('a', 'reklame', 'kelengkapan', '2026-12-02 08:00', null, null), // 0 working days old
        open('b', 'reklame', 'kelengkapan', '2026-11-27 09:00', null, null), // 2 (the 30th is a holiday): 0–2
        open('c', 'reklame', 'kelengkapan', '2026-11-20 10:00', null, null), // 7: 6–10
        open('d', 'sip', 'rekomendasi', '2026-10-01 10:00', null, null), // 43: 21+
        open('e', 'sip', 'rekomendasi', '2026-11-25 10:00', null, null), // 4: 3–5
      ],
      now: NOW,
      time,
    });

    it('lists every type and stage with closed or open rounds, by type then stage', () => {
      expect(levels.map((l) => `${l.typeId}/${l.stageId}`)).to.deep.equal(['pbg/kajian_teknis', 'reklame/kelengkapan', 'sip/rekomendasi']);
    });

    it('counts closed rounds, the on-time share and the median and p90 of working days used', () => {
      const kelengkapan = levels.find((l) => l.stageId === 'kelengkapan')!;
      expect(kelengkapan).to.deep.include({ closed: 5, onTime: 4, onTimeShare: 0.8, medianWorkingDays: 1, p90WorkingDays: 3.8 });
      const kajian = levels.find((l) => l.stageId === 'kajian_teknis')!;
      expect(kajian).to.deep.include({ closed: 2, onTime: 1, onTimeShare: 0.5, medianWorkingDays: 3, p90WorkingDays: 3, open: 0, openByAge: [0, 0, 0, 0, 0] });
    });

    it('buckets the open rounds by working days since they opened', () => {
      expect(levels.find((l) => l.stageId === 'kelengkapan')).to.deep.include({ open: 3, openByAge: [2, 0, 1, 0, 0] });
      expect(levels.find((l) => l.stageId === 'rekomendasi')).to.deep.include({
        closed: 0,
        onTime: 0,
        onTimeShare: null,
        medianWorkingDays: null,
        p90WorkingDays: null,
        open: 2,
        openByAge: [0, 1, 0, 0, 1],
      });
    });

    it('keeps stages of the same id apart by type', () => {
      const both = stageServiceLevels({
        closed: [closed('pbg', 'persetujuan', '2026-11-02 08:00', '2026-11-03 08:00', '2026-11-04 16:00'), closed('reklame', 'persetujuan', '2026-11-02 08:00', '2026-11-05 08:00', '2026-11-04 16:00')],
        open: [],
        now: NOW,
        time,
      });
      expect(both.map((l) => [l.typeId, l.closed, l.onTime, l.medianWorkingDays])).to.deep.equal([
        ['pbg', 1, 1, 1],
        ['reklame', 1, 0, 3],
      ]);
    });
  });

  describe('breach forecast (median remaining time over past rounds)', () => {
    const forecast = breachForecast({
      history: KELENGKAPAN, // used 2, 1, 5, 1, 0 working days
      open: [
        // 0 days in: the remaining times are 0, 1, 1, 2, 5 → 1 → Thu 3 Dec 16:00, exactly the stage's deadline: no breach.
        open('a', 'reklame', 'kelengkapan', '2026-12-02 08:00', '2026-12-03 16:00', '2026-12-10 16:00'),
        // 2 days in (the 30th is a holiday): of the rounds that lasted 2 or more (2, 5), 0 and 3 remained → 1.5 → 2 → Fri 4 Dec 16:00.
        open('b', 'reklame', 'kelengkapan', '2026-11-27 09:00', '2026-12-03 16:00', '2026-12-20 16:00'),
        // 7 days in, longer than every past round: 0 remaining → expected now; both deadlines are behind it.
        open('c', 'reklame', 'kelengkapan', '2026-11-20 10:00', '2026-11-25 16:00', '2026-12-01 16:00'),
        // No round of this stage closed in the window: not forecast.
        open('d', 'sip', 'rekomendasi', '2026-12-01 10:00', '2026-12-02 13:00', '2026-12-02 13:00'),
        // 1 day in: 0, 0, 1, 4 remained → 0.5 → 1 → Thu 3 Dec 16:00, after the case's deadline (10:00); no stage deadline.
        open('e', 'reklame', 'kelengkapan', '2026-12-01 09:00', null, '2026-12-03 10:00'),
      ],
      now: NOW,
      time,
    });

    it('lists the open rounds expected to finish after a deadline, earliest breached deadline first', () => {
      expect(forecast.items.map((f) => f.caseId)).to.deep.equal(['c', 'e', 'b']);
      expect(forecast.withoutHistory).to.equal(1);
    });

    it('gives each its elapsed and remaining working days, expected finish, breached deadlines and lateness', () => {
      const row = (id: string) => forecast.items.find((f) => f.caseId === id)!;
      expect(row('b')).to.deep.include({ elapsedWorkingDays: 2, remainingWorkingDays: 2, basedOn: 5, expectedFinishAt: wib('2026-12-04 16:00'), breaches: ['stage'], lateByWorkingDays: 1 });
      // From Wed 25 Nov 16:00 to now, Wed 2 Dec 12:00: 26, 27 Nov, 1, 2 Dec (the weekend and the holiday are not counted).
      expect(row('c')).to.deep.include({ elapsedWorkingDays: 7, remainingWorkingDays: 0, expectedFinishAt: NOW.toISOString(), breaches: ['stage', 'case'], lateByWorkingDays: 4 });
      expect(row('e')).to.deep.include({ elapsedWorkingDays: 1, remainingWorkingDays: 1, expectedFinishAt: wib('2026-12-03 16:00'), breaches: ['case'], lateByWorkingDays: 0 });
      expect(row('e').registrationNumber).to.equal('503/e');
    });

    it('expects a stage that outlasted every past round to finish now (after closing time too)', () => {
      const evening = new Date(wib('2026-12-02 18:00'));
      const late = breachForecast({ history: KELENGKAPAN, open: [open('f', 'reklame', 'kelengkapan', '2026-11-20 10:00', '2026-12-02 17:00', null)], now: evening, time });
      expect(late.items.map((f) => [f.caseId, f.expectedFinishAt, f.breaches])).to.deep.equal([['f', evening.toISOString(), ['stage']]]);
    });

    it('learns only from the same type and stage', () => {
      const other = breachForecast({ history: KELENGKAPAN, open: [open('g', 'pbg', 'kelengkapan', '2026-11-20 10:00', '2026-11-25 16:00', null)], now: NOW, time });
      expect(other).to.deep.equal({ items: [], withoutHistory: 1 });
    });
  });
});

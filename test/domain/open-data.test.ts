import { expect } from 'chai';
import fs from 'node:fs';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { DATASETS, KECAMATAN_CODES, localMonthOf, MAX_MONTHS, monthsAskedSchema, processingTimes, publishedCount } from '../../domain/open-data';
import { officeCalendarOfLegacy } from '../../domain/working-time/calendar-snapshot';
import type { TWorkingTime } from '../../domain/working-time/working-days';

const time: TWorkingTime = { calendar: officeCalendarOfLegacy({ ...PONTIANAK_CALENDAR, holidays: [] }), closures: [] };
const now = new Date('2026-12-02T10:00:00Z');

describe('open data: months asked, suppression, processing times', () => {
  it('takes the twelve months up to the current one by default, and any range of at most 36 months', () => {
    const schema = monthsAskedSchema(now, PONTIANAK_CALENDAR);
    expect(schema.parse({})).to.deep.include({ from: '2026-01', to: '2026-12', toExclusive: '2027-01' });
    expect(schema.parse({ from: '2024-01', to: '2026-12' })).to.deep.include({ from: '2024-01', to: '2026-12', toExclusive: '2027-01' });
    expect(schema.parse({ to: '2026-03' })).to.deep.include({ from: '2025-04', to: '2026-03', toExclusive: '2026-04' });
  });

  it('counts months in office time: each begins at 00:00 WIB, and the current month is the office\'s', () => {
    const { starts } = monthsAskedSchema(now, PONTIANAK_CALENDAR).parse({ from: '2026-11', to: '2026-12' });
    expect(starts).to.deep.equal([
      { month: '2026-11', startsAt: '2026-10-31T17:00:00.000Z' },
      { month: '2026-12', startsAt: '2026-11-30T17:00:00.000Z' },
      { month: '2027-01', startsAt: '2026-12-31T17:00:00.000Z' },
    ]);
    // 30 November 18:00 UTC is 1 December 01:00 WIB: December is already the current month, and the last asked.
    expect(monthsAskedSchema(new Date('2026-11-30T18:00:00Z'), PONTIANAK_CALENDAR).parse({})).to.deep.include({ to: '2026-12' });
    expect(localMonthOf(new Date('2026-02-28T17:00:00Z'), PONTIANAK_CALENDAR)).to.equal('2026-03');
    expect(monthsAskedSchema(now, PONTIANAK_CALENDAR).parse({ from: '0050-01', to: '0050-01' }).starts[0]).to.deep.equal({ month: '0050-01', startsAt: '0049-12-31T17:00:00.000Z' });
  });

  it('refuses bad months, reversed and too long ranges with the field path', () => {
    const issues = (query: unknown) => monthsAskedSchema(now, PONTIANAK_CALENDAR).safeParse(query).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ from: '2026-13' })).to.deep.equal(['from']);
    expect(issues({ to: '26-01' })).to.deep.equal(['to']);
    expect(issues({ from: ['2026-01', '2026-02'] })).to.deep.equal(['from']);
    expect(issues({ from: '2026-05', to: '2026-04' })).to.deep.equal(['from']);
    expect(issues({ from: '2023-12', to: '2026-12' }), `${MAX_MONTHS + 1} months`).to.deep.equal(['from']);
  });

  it('publishes counts of three and more, and suppresses one and two', () => {
    expect([1, 2, 3, 10].map(publishedCount)).to.deep.equal([
      { count: null, suppressed: true },
      { count: null, suppressed: true },
      { count: 3, suppressed: false },
      { count: 10, suppressed: false },
    ]);
  });

  it('counts median, p90 and the on-time share per month and type in working days, suppressing groups under three', () => {
    // Submitted Monday 2 November 2026 (WIB); issued 2, 3 and 10 working days later; the last after its deadline.
    const closing = (typeId: string, closedAt: string, caseDueAt: string | null) => ({ month: closedAt.slice(0, 7), typeId, submittedAt: '2026-11-02T02:00:00Z', closedAt, caseDueAt });
    const rows = processingTimes(
      [
        closing('pbg', '2026-11-04T03:00:00Z', '2026-11-10T09:00:00Z'),
        closing('pbg', '2026-11-05T03:00:00Z', '2026-11-10T09:00:00Z'),
        closing('pbg', '2026-11-16T03:00:00Z', '2026-11-10T09:00:00Z'),
        closing('sip', '2026-11-05T03:00:00Z', null),
      ],
      time,
    );
    expect(rows).to.deep.equal([
      { month: '2026-11', typeId: 'pbg', medianWorkingDays: 3, p90WorkingDays: 8.6, onTimeShare: 0.6667, suppressed: false },
      { month: '2026-11', typeId: 'sip', medianWorkingDays: null, p90WorkingDays: null, onTimeShare: null, suppressed: true },
    ]);
  });

  it('describes every column of every dataset, and knows a code for every kecamatan the permit types offer', () => {
    for (const d of DATASETS) expect(d.columns.every((c) => c.description.length > 10), d.id).to.equal(true);
    for (const file of ['pbg', 'sip', 'reklame']) {
      const type = JSON.parse(fs.readFileSync(`templates/permit-types/${file}.json`, 'utf8')) as { fields: Array<{ id: string; options?: string[] }> };
      const options = type.fields.find((f) => f.id === 'kecamatan')?.options;
      expect(options, file).to.be.an('array');
      expect(Object.keys(KECAMATAN_CODES).sort(), file).to.deep.equal([...options!].sort());
    }
  });
});

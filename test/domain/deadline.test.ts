import { expect } from 'chai';
import { computeDeadline, DEADLINE_LIMITS, DeadlineInputError, type TDeadlineInput, type TPause } from '../../domain/working-time/deadline';
import { ZOfficeCalendarFileSchema, officeCalendarOf } from '../../domain/working-time/office-calendar';
import { CALENDAR_FILE, loadOfficeCalendar } from '../../store/catalog';
import { DEADLINE_TABLE, wib, type TDeadlineRow } from './deadline.table';

const calendar = loadOfficeCalendar(CALENDAR_FILE);

/** `<from>/<to>` or `<from>/` as the rule takes it. */
const pauseOf = (text: string): TPause => {
  const [from, to] = text.split('/');
  return to ? { from: new Date(from!), to: new Date(to) } : { from: new Date(from!) };
};

const inputOf = (row: TDeadlineRow): TDeadlineInput => ({
  receivedAt: new Date(row.receivedAt),
  workingDays: row.workingDays,
  pauses: (row.pauses ?? []).map(pauseOf),
  policy: row.policy,
  closures: row.closures,
});

describe('the deadline rule (domain/working-time/deadline.ts), table of issue 10 §5', () => {
  it(`has at least 60 rows, each named once (${DEADLINE_TABLE.length})`, () => {
    expect(DEADLINE_TABLE.length).to.be.at.least(60);
    expect(new Set(DEADLINE_TABLE.map((r) => r.name)).size).to.equal(DEADLINE_TABLE.length);
  });

  for (const row of DEADLINE_TABLE) {
    it(row.name, () => {
      const result = computeDeadline(calendar, inputOf(row));
      expect(result.dueAt?.toISOString() ?? null, 'dueAt').to.equal(row.dueAt === null ? null : new Date(row.dueAt).toISOString());
      if (row.dueAt !== null) {
        expect(result.countedDays, 'countedDays').to.have.length(row.workingDays);
        // The deadline is the closing time of the last counted day (its local date in WIB).
        expect(new Date(Date.parse(row.dueAt) + 7 * 3600_000).toISOString().slice(0, 10)).to.equal(result.countedDays.at(-1));
      }
      if (row.countedDays) expect(result.countedDays, 'countedDays').to.deep.equal(row.countedDays);
      if (row.skipped) expect(result.skipped.map((s) => [s.date, s.reason]), 'skipped').to.deep.equal(row.skipped);
    });
  }

  it('never counts a day twice nor both counts and skips it, and lists days in order', () => {
    for (const row of DEADLINE_TABLE) {
      const { countedDays, skipped } = computeDeadline(calendar, inputOf(row));
      const all = [...countedDays, ...skipped.map((s) => s.date)];
      expect(new Set(all).size, row.name).to.equal(all.length);
      expect(countedDays, row.name).to.deep.equal([...countedDays].sort());
    }
  });

  describe('refuses bad input naming the field, and never walks unbounded', () => {
    const base: TDeadlineInput = { receivedAt: new Date(wib('2026-07-06 10:00')), workingDays: 3 };
    const refused = (input: Partial<TDeadlineInput>, field: string, message: RegExp) => {
      try {
        computeDeadline(calendar, { ...base, ...input });
      } catch (err) {
        expect(err).to.be.instanceOf(DeadlineInputError);
        expect((err as DeadlineInputError).field).to.equal(field);
        expect((err as Error).message).to.match(message);
        return;
      }
      expect.fail('expected a refusal');
    };
    const p = (from: string, to?: string): TPause => (to ? { from: new Date(wib(from)), to: new Date(wib(to)) } : { from: new Date(wib(from)) });

    it('workingDays: a whole number from 1 to 365', () => {
      for (const n of [0, -1, 1.5, NaN, DEADLINE_LIMITS.maxWorkingDays + 1, 1e9]) refused({ workingDays: n }, 'workingDays', /1 to 365/);
    });
    it('receivedAt: a valid instant from 2000 to 2100', () => {
      refused({ receivedAt: new Date('nope') }, 'receivedAt', /not a valid instant/);
      refused({ receivedAt: new Date('1999-12-31T00:00:00Z') }, 'receivedAt', /between/);
      refused({ receivedAt: new Date('2101-01-01T00:00:00Z') }, 'receivedAt', /between/);
    });
    it('pauses: in range, after receipt, ending after they begin, not overlapping, at most 100', () => {
      refused({ pauses: [p('2026-07-06 09:00', '2026-07-07 09:00')] }, 'pauses', /begins before receivedAt/);
      refused({ pauses: [p('2026-07-07 09:00', '2026-07-07 09:00')] }, 'pauses', /end after it begins/);
      refused({ pauses: [p('2026-07-07 09:00', '2026-07-09 09:00'), p('2026-07-08 09:00', '2026-07-10 09:00')] }, 'pauses', /overlap/);
      refused({ pauses: [p('2026-07-07 09:00'), p('2026-07-08 09:00', '2026-07-10 09:00')] }, 'pauses', /open pause can only be the last/);
      refused({ pauses: [{ from: new Date(wib('2026-07-07 09:00')), to: new Date('2101-06-01T00:00:00Z') }] }, 'pauses', /between/);
      const many = Array.from({ length: DEADLINE_LIMITS.maxPauses + 1 }, (_, i) => ({ from: new Date(Date.parse(wib('2026-07-07 09:00')) + i * 60_000), to: new Date(Date.parse(wib('2026-07-07 09:00')) + i * 60_000 + 1000) }));
      refused({ pauses: many }, 'pauses', /at most 100/);
    });
    it('policy and closures', () => {
      refused({ policy: 'pause' as never }, 'policy', /continue, restart/);
      refused({ closures: [{ date: '2026-02-30', reason: 'x' }] }, 'closures', /not a calendar date/);
      refused({ closures: [{ date: '07/07/2026', reason: 'x' }] }, 'closures', /not a calendar date/);
      refused({ closures: [{ date: '2026-07-07', reason: '' }] }, 'closures', /reason/);
    });
    it('a deadline past 2100 is refused, not walked for ever', () => {
      refused({ receivedAt: new Date('2100-12-01T00:00:00Z'), workingDays: 365 }, 'workingDays', /after 2100-12-31/);
      // A pause of a century: every walk is bounded by the range of dates, so this answers at once.
      const started = Date.now();
      refused({ receivedAt: new Date('2000-01-03T00:00:00Z'), pauses: [{ from: new Date('2000-01-03T00:00:00Z'), to: new Date('2100-12-30T00:00:00Z') }] }, 'workingDays', /after 2100-12-31/);
      expect(Date.now() - started).to.be.below(2000);
    });
    it('365 working days is fine and counts 365 days', () => {
      expect(computeDeadline(calendar, { ...base, workingDays: 365 }).countedDays).to.have.length(365);
    });
  });

  describe('the calendar file (templates/calendar.json)', () => {
    it('ships WIB, the office hours and named 2026–2027 holidays with a version', () => {
      expect(calendar.utcOffsetMinutes).to.equal(420);
      expect(calendar.closesAtMinute).to.deep.equal([null, 960, 960, 960, 960, 990, null]);
      expect(calendar.version).to.match(/\S/);
      expect(calendar.holidays.size).to.be.at.least(40);
    });
    const valid = {
      version: 't',
      timeZone: { name: 'WIB', utcOffset: '+07:00' },
      officeHours: { monday: { opens: '07:30', closes: '16:00' }, tuesday: null, wednesday: null, thursday: null, friday: null, saturday: null, sunday: null },
      holidays: [{ date: '2026-01-01', name: 'Tahun Baru', kind: 'libur_nasional' }],
    };
    const issues = (file: unknown) => {
      const r = ZOfficeCalendarFileSchema.safeParse(file);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    it('validates the file and names the path of every problem', () => {
      expect(issues(valid)).to.deep.equal([]);
      expect(issues({ ...valid, timeZone: { name: 'WIB', utcOffset: '7' } })[0]).to.match(/^timeZone\.utcOffset: /);
      expect(issues({ ...valid, officeHours: { ...valid.officeHours, monday: { opens: '16:00', closes: '07:30' } } })[0]).to.match(/^officeHours\.monday\.closes: /);
      expect(issues({ ...valid, officeHours: { ...valid.officeHours, monday: { opens: '7:30', closes: '16:00' } } })[0]).to.match(/^officeHours\.monday\.opens: /);
      expect(issues({ ...valid, officeHours: { ...valid.officeHours, monday: null } })[0]).to.match(/^officeHours: .*at least one weekday/);
      expect(issues({ ...valid, holidays: [...valid.holidays, valid.holidays[0]] })[0]).to.match(/^holidays\.1\.date: .*twice/);
      expect(issues({ ...valid, holidays: [{ date: '2026-02-30', name: 'x', kind: 'libur_nasional' }] })[0]).to.match(/^holidays\.0\.date: /);
      expect(issues({ ...valid, version: undefined })[0]).to.match(/^version: /);
    });
    it('reads a negative offset and other office hours (a calendar is data, not code)', () => {
      const other = officeCalendarOf({ ...valid, timeZone: { name: 'X', utcOffset: '-03:30' } } as never);
      expect(other.utcOffsetMinutes).to.equal(-210);
      // Received Monday 5 January 2026 in UTC−3:30; only Mondays open, so the next Monday, 16:00 local = 19:30Z.
      expect(computeDeadline(other, { receivedAt: new Date('2026-01-05T12:00:00Z'), workingDays: 1 }).dueAt?.toISOString()).to.equal('2026-01-12T19:30:00.000Z');
    });
  });
});

import { expect } from 'chai';
import {
  addWorkingDays,
  CalendarRangeError,
  MAX_WORKING_DAYS,
  ZIsoDateSchema,
  localDate,
  PONTIANAK_CALENDAR,
  type TCalendar,
} from '../../domain/calendar';
import { computeDeadline } from '../../domain/working-time/deadline';
import { officeCalendarOfLegacy } from '../../domain/working-time/calendar-snapshot';
import { CALENDAR_FILE, loadCalendar } from '../../store/catalog';

const plain: TCalendar = { ...PONTIANAK_CALENDAR, holidays: [] };
const withHoliday = (...holidays: string[]): TCalendar => ({ ...PONTIANAK_CALENDAR, holidays });
const at = (iso: string) => new Date(iso);

describe('the workflows\' old working-day rule (Asia/Pontianak, UTC+7, closing 16:00; kept for replay)', () => {
  // 2026-07-03 is a Friday; 2026-07-06 the Monday after.
  const fridayMorning = at('2026-07-03T03:00:00Z'); // 10:00 WIB

  it('reads the local date at UTC+7', () => {
    expect(localDate(at('2026-07-03T16:59:59Z'), plain)).to.equal('2026-07-03'); // 23:59:59 WIB
    expect(localDate(at('2026-07-03T17:00:00Z'), plain)).to.equal('2026-07-04'); // 00:00 WIB Saturday
  });

  it('puts one working day after a Friday submission at Monday 16:00 WIB (09:00Z)', () => {
    expect(addWorkingDays(fridayMorning, 1, plain).toISOString()).to.equal('2026-07-06T09:00:00.000Z');
  });

  it('pushes the deadline to Tuesday when the Monday is a holiday', () => {
    expect(addWorkingDays(fridayMorning, 1, withHoliday('2026-07-06')).toISOString()).to.equal('2026-07-07T09:00:00.000Z');
  });

  it('counts five working days as one calendar week, and more across a holiday', () => {
    expect(addWorkingDays(fridayMorning, 5, plain).toISOString()).to.equal('2026-07-10T09:00:00.000Z');
    expect(addWorkingDays(fridayMorning, 5, withHoliday('2026-07-08')).toISOString()).to.equal('2026-07-13T09:00:00.000Z');
  });

  it('takes the day of receipt in local time: Thursday 20:00Z is already Friday in Pontianak', () => {
    expect(addWorkingDays(at('2026-07-02T20:00:00Z'), 1, plain).toISOString()).to.equal('2026-07-06T09:00:00.000Z');
    expect(addWorkingDays(at('2026-07-02T16:00:00Z'), 1, plain).toISOString()).to.equal('2026-07-03T09:00:00.000Z');
  });

  it('gives closing time on the day of receipt for zero days, and refuses a negative or fractional count', () => {
    expect(addWorkingDays(fridayMorning, 0, plain).toISOString()).to.equal('2026-07-03T09:00:00.000Z');
    expect(() => addWorkingDays(fridayMorning, -1, plain)).to.throw(RangeError);
    expect(() => addWorkingDays(fridayMorning, 1.5, plain)).to.throw(RangeError);
  });

  it('agrees with the deadline rule on the same calendar (Monday to Friday, 16:00) for one day or more', () => {
    const calendar = withHoliday('2026-07-06', '2026-07-17', '2026-08-17');
    const office = officeCalendarOfLegacy(calendar);
    for (let d = 0; d < 21; d++) {
      const from = new Date(Date.parse('2026-06-29T05:00:00Z') + d * 86_400_000);
      for (const n of [1, 2, 3, 5, 10, 28]) {
        expect(addWorkingDays(from, n, calendar).toISOString(), `${from.toISOString()} + ${n}`).to.equal(computeDeadline(office, { receivedAt: from, workingDays: n }).dueAt!.toISOString());
      }
    }
  });

  it('skips the whole Lebaran 2026 closure of the shipped calendar', () => {
    const calendar = loadCalendar(CALENDAR_FILE);
    // Tuesday 17 March 2026; 18–24 March are Nyepi, Idul Fitri and collective leave.
    expect(addWorkingDays(at('2026-03-17T03:00:00Z'), 1, calendar).toISOString()).to.equal('2026-03-25T09:00:00.000Z');
  });

  describe('bounded by construction (issue 8, finding 1)', () => {
    it('accepts dates from 2000-01-01 to 2100-12-31 only', () => {
      for (const ok of ['2000-01-01', '2026-07-03', '2100-12-31']) expect(ZIsoDateSchema.safeParse(ok).success, ok).to.equal(true);
      for (const far of ['9999-12-14', '9999-12-31', '1999-12-31', '2101-01-01', '0000-01-01']) {
        const result = ZIsoDateSchema.safeParse(far);
        expect(result.success, far).to.equal(false);
        expect(result.error?.issues[0]?.message, far).to.match(/between 2000-01-01 and 2100-12-31/);
      }
    });

    it('never writes a six-digit year: past 9999 it throws a CalendarRangeError', () => {
      const late = new Date(Date.parse('9999-12-31T12:00:00Z'));
      expect(localDate(late, plain)).to.equal('9999-12-31');
      expect(() => localDate(new Date(Date.parse('9999-12-31T20:00:00Z')), plain)).to.throw(CalendarRangeError);
      expect(() => addWorkingDays(at('9999-12-20T03:00:00Z'), 14, plain)).to.throw(CalendarRangeError, /outside years/);
    });

    it('caps the working days a deadline may lie ahead', () => {
      expect(addWorkingDays(fridayMorning, MAX_WORKING_DAYS, plain).getUTCFullYear()).to.equal(2030);
      expect(() => addWorkingDays(fridayMorning, MAX_WORKING_DAYS + 1, plain)).to.throw(CalendarRangeError);
      expect(() => addWorkingDays(fridayMorning, 1e9, plain)).to.throw(CalendarRangeError);
    });

    it('stops stepping through a calendar with no working day left, instead of looping on', () => {
      const everyDay: string[] = [];
      for (let d = 0; d < 6000; d++) everyDay.push(new Date(Date.parse('2026-07-04T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10));
      expect(() => addWorkingDays(fridayMorning, 1, withHoliday(...everyDay))).to.throw(CalendarRangeError, /no 1 working days/);
    });
  });
});

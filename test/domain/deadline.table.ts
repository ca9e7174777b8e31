/**
 * The deadline table of issue 10 §5, every row worked out by hand against the shipped calendar
 * (templates/calendar.json: WIB = UTC+7; Monday–Thursday close 16:00, Friday 16:30; weekends closed; the 2026
 * holidays and cuti bersama of the SKB, and 1 January 2027). Read by test/domain/deadline.test.ts (the rule) and
 * test/api/calendar-deadline.api.test.ts (the public preview must agree on every row it can express).
 *
 * Reading aid, July 2026: Mon 6, Tue 7, Wed 8, Thu 9, Fri 10, Sat 11, Sun 12, Mon 13 … (no holiday in July).
 * August: Mon 17 Proklamasi, Tue 25 Maulid. December: Thu 24 cuti bersama, Fri 25 Natal; Fri 1 Jan 2027 holiday.
 * Rows avoid the 2027 dates the file marks as estimates (after 1 January).
 */
import type { TResumePolicy } from '../../domain/working-time/deadline';

/** `wib('2026-07-06 10:00')` → the instant 10:00 WIB that day, written with its offset. */
export const wib = (local: string) => `${local.replace(' ', 'T')}:00+07:00`;
/** A pause `[from, to)` in WIB; `to` left out while still paused. */
const pause = (from: string, to?: string) => `${wib(from)}/${to ? wib(to) : ''}`;

export interface TDeadlineRow {
  name: string;
  receivedAt: string;
  workingDays: number;
  /** `<from>/<to>` or `<from>/` (open), as the preview endpoint takes them. */
  pauses?: string[];
  policy?: TResumePolicy;
  closures?: Array<{ date: string; reason: string }>;
  /** The expected deadline, or null while an open pause holds the count. */
  dueAt: string | null;
  countedDays?: string[];
  skipped?: Array<[string, string]>;
}

const H = {
  newYear2026: 'holiday:Tahun Baru 2026 Masehi',
  isra: 'holiday:Isra Mikraj Nabi Muhammad SAW',
  cbImlek: 'holiday:Cuti bersama Tahun Baru Imlek',
  imlek: 'holiday:Tahun Baru Imlek 2577 Kongzili',
  proklamasi: 'holiday:Proklamasi Kemerdekaan Republik Indonesia',
  cbNatal: 'holiday:Cuti bersama Kelahiran Yesus Kristus',
  natal: 'holiday:Kelahiran Yesus Kristus (Natal)',
  newYear2027: 'holiday:Tahun Baru 2027 Masehi',
};

export const DEADLINE_TABLE: TDeadlineRow[] = [
  // Receipt before, during and after office hours: the local date is day zero whatever the time.
  { name: 'Monday before opening, 1 day', receivedAt: wib('2026-07-06 06:00'), workingDays: 1, dueAt: wib('2026-07-07 16:00'), countedDays: ['2026-07-07'], skipped: [] },
  { name: 'Monday during office hours, 1 day', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, dueAt: wib('2026-07-07 16:00') },
  { name: 'Monday after closing, 1 day', receivedAt: wib('2026-07-06 17:30'), workingDays: 1, dueAt: wib('2026-07-07 16:00') },
  { name: 'Monday at local midnight', receivedAt: wib('2026-07-06 00:00'), workingDays: 1, dueAt: wib('2026-07-07 16:00') },
  { name: 'Monday one second before midnight', receivedAt: '2026-07-06T23:59:59+07:00', workingDays: 1, dueAt: wib('2026-07-07 16:00') },
  { name: 'Sunday night: the weekend day is day zero', receivedAt: wib('2026-07-05 23:30'), workingDays: 1, dueAt: wib('2026-07-06 16:00'), skipped: [] },
  // 17:00Z on Sunday is 00:00 WIB Monday: Monday is day zero, so Tuesday is the first day.
  { name: 'UTC Sunday that is already Monday in WIB', receivedAt: '2026-07-05T17:00:00Z', workingDays: 1, dueAt: wib('2026-07-07 16:00') },
  { name: 'UTC Sunday 16:59:59 is still Sunday in WIB', receivedAt: '2026-07-05T16:59:59Z', workingDays: 1, dueAt: wib('2026-07-06 16:00') },
  // Thursday 17:30Z is Friday 00:30 WIB: Friday is day zero, the first day is Monday (not Friday 16:30).
  { name: 'UTC Thursday that is already Friday in WIB', receivedAt: '2026-07-09T17:30:00Z', workingDays: 1, dueAt: wib('2026-07-13 16:00') },
  { name: 'Thursday, 1 day: Friday closes at 16:30', receivedAt: wib('2026-07-09 10:00'), workingDays: 1, dueAt: wib('2026-07-10 16:30') },
  { name: 'Thursday after its 16:00 closing, before Friday’s', receivedAt: wib('2026-07-09 16:15'), workingDays: 1, dueAt: wib('2026-07-10 16:30') },
  { name: 'Friday in its extra half hour', receivedAt: wib('2026-07-10 16:15'), workingDays: 1, dueAt: wib('2026-07-13 16:00'), skipped: [['2026-07-11', 'weekend'], ['2026-07-12', 'weekend']] },
  { name: 'Friday after closing', receivedAt: wib('2026-07-10 16:45'), workingDays: 1, dueAt: wib('2026-07-13 16:00') },
  // Saturday is day zero: only Sunday is skipped before Monday.
  { name: 'Saturday, 1 day', receivedAt: wib('2026-07-11 09:00'), workingDays: 1, dueAt: wib('2026-07-13 16:00'), skipped: [['2026-07-12', 'weekend']] },
  { name: 'Saturday, 5 days: the Friday after', receivedAt: wib('2026-07-11 09:00'), workingDays: 5, dueAt: wib('2026-07-17 16:30') },
  { name: 'Monday, 4 days: Friday', receivedAt: wib('2026-07-06 10:00'), workingDays: 4, dueAt: wib('2026-07-10 16:30'), countedDays: ['2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10'] },
  { name: 'Monday, 5 days: the next Monday', receivedAt: wib('2026-07-06 10:00'), workingDays: 5, dueAt: wib('2026-07-13 16:00') },
  // 7–10 (4), 13–17 (9), 20 (10).
  { name: 'Monday, 10 days', receivedAt: wib('2026-07-06 10:00'), workingDays: 10, dueAt: wib('2026-07-20 16:00') },
  // 2–3 (2), 6–10 (7), 13–17 (12), 20–24 (17), 27–29 (20).
  { name: 'Wednesday 1 July, 20 days', receivedAt: wib('2026-07-01 10:00'), workingDays: 20, dueAt: wib('2026-07-29 16:00') },

  // Holidays and cuti bersama.
  { name: 'Friday before Proklamasi Monday', receivedAt: wib('2026-08-14 10:00'), workingDays: 1, dueAt: wib('2026-08-18 16:00'), skipped: [['2026-08-15', 'weekend'], ['2026-08-16', 'weekend'], ['2026-08-17', H.proklamasi]] },
  { name: 'received on a holiday: it is day zero', receivedAt: wib('2026-08-17 10:00'), workingDays: 1, dueAt: wib('2026-08-18 16:00'), skipped: [] },
  { name: 'Monday before Maulid Tuesday', receivedAt: wib('2026-08-24 10:00'), workingDays: 1, dueAt: wib('2026-08-26 16:00'), skipped: [['2026-08-25', 'holiday:Maulid Nabi Muhammad SAW']] },
  // 14 (1), 18 (2), 19 (3), 20 (4), Friday 21 (5).
  { name: 'Thursday 13 August, 5 days across Proklamasi', receivedAt: wib('2026-08-13 10:00'), workingDays: 5, dueAt: wib('2026-08-21 16:30') },
  // 4–7 (4), 10–14 (9), 17 holiday, 18–21 (13), 24 (14), 25 holiday, 26 (15).
  { name: 'Monday 3 August, 15 days across two holidays', receivedAt: wib('2026-08-03 10:00'), workingDays: 15, dueAt: wib('2026-08-26 16:00') },
  { name: 'Thursday before Isra Mikraj Friday', receivedAt: wib('2026-01-15 10:00'), workingDays: 1, dueAt: wib('2026-01-19 16:00'), skipped: [['2026-01-16', H.isra], ['2026-01-17', 'weekend'], ['2026-01-18', 'weekend']] },
  {
    name: 'Friday before Imlek: cuti bersama Monday, Imlek Tuesday',
    receivedAt: wib('2026-02-13 10:00'),
    workingDays: 1,
    dueAt: wib('2026-02-18 16:00'),
    skipped: [['2026-02-14', 'weekend'], ['2026-02-15', 'weekend'], ['2026-02-16', H.cbImlek], ['2026-02-17', H.imlek]],
  },
  { name: 'Friday before Imlek, 3 days: Friday 20 February', receivedAt: wib('2026-02-13 10:00'), workingDays: 3, dueAt: wib('2026-02-20 16:30') },
  // 18 cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama, 21–22 Idul Fitri (a weekend, named as holidays), 23–24 cuti bersama.
  {
    name: 'Tuesday before Nyepi and Lebaran: seven days closed',
    receivedAt: wib('2026-03-17 10:00'),
    workingDays: 1,
    dueAt: wib('2026-03-25 16:00'),
    skipped: [
      ['2026-03-18', 'holiday:Cuti bersama Hari Suci Nyepi'],
      ['2026-03-19', 'holiday:Hari Suci Nyepi Tahun Baru Saka 1948'],
      ['2026-03-20', 'holiday:Cuti bersama Idul Fitri 1447 H'],
      ['2026-03-21', 'holiday:Idul Fitri 1447 H (hari pertama)'],
      ['2026-03-22', 'holiday:Idul Fitri 1447 H (hari kedua)'],
      ['2026-03-23', 'holiday:Cuti bersama Idul Fitri 1447 H'],
      ['2026-03-24', 'holiday:Cuti bersama Idul Fitri 1447 H'],
    ],
  },
  { name: 'Monday 16 March, 3 days across Lebaran', receivedAt: wib('2026-03-16 10:00'), workingDays: 3, dueAt: wib('2026-03-26 16:00'), countedDays: ['2026-03-17', '2026-03-25', '2026-03-26'] },
  { name: 'received on a cuti bersama day', receivedAt: wib('2026-03-20 12:00'), workingDays: 1, dueAt: wib('2026-03-25 16:00') },
  // Good Friday 3 April, Easter Sunday 5 April (named, not "weekend").
  { name: 'Thursday before Good Friday', receivedAt: wib('2026-04-02 10:00'), workingDays: 1, dueAt: wib('2026-04-06 16:00'), skipped: [['2026-04-03', 'holiday:Wafat Yesus Kristus (Jumat Agung)'], ['2026-04-04', 'weekend'], ['2026-04-05', 'holiday:Kebangkitan Yesus Kristus (Paskah)']] },
  { name: 'Thursday before Labour Day Friday', receivedAt: wib('2026-04-30 10:00'), workingDays: 1, dueAt: wib('2026-05-04 16:00') },
  // 14 Ascension, 15 cuti bersama, weekend, 18 (1), 19 (2).
  { name: 'Wednesday before Ascension and its cuti bersama, 2 days', receivedAt: wib('2026-05-13 10:00'), workingDays: 2, dueAt: wib('2026-05-19 16:00') },
  // 27 Idul Adha, 28 cuti bersama, 29 (1), 30 Sat, 31 Waisak (Sun), 1 June Pancasila, 2 (2), 3 (3).
  { name: 'Tuesday before Idul Adha, 3 days to June', receivedAt: wib('2026-05-26 10:00'), workingDays: 3, dueAt: wib('2026-06-03 16:00'), countedDays: ['2026-05-29', '2026-06-02', '2026-06-03'] },
  { name: 'Monday before 1 Muharam Tuesday', receivedAt: wib('2026-06-15 10:00'), workingDays: 1, dueAt: wib('2026-06-17 16:00') },
  // 24 cuti bersama, 25 Natal, weekend, 28 (1), 29 (2), 30 (3).
  { name: 'Wednesday before Christmas, 3 days', receivedAt: wib('2026-12-23 10:00'), workingDays: 3, dueAt: wib('2026-12-30 16:00'), skipped: [['2026-12-24', H.cbNatal], ['2026-12-25', H.natal], ['2026-12-26', 'weekend'], ['2026-12-27', 'weekend']] },
  // Wednesday 23 December 17:30Z is Thursday 24 00:30 WIB: day zero is the cuti bersama; Monday 28 is the first day.
  { name: 'UTC Wednesday that is already Christmas Eve in WIB', receivedAt: '2026-12-23T17:30:00Z', workingDays: 1, dueAt: wib('2026-12-28 16:00') },

  // Year boundaries.
  { name: 'New Year’s Eve 2025, 1 day: New Year is a holiday, Friday 2 January', receivedAt: wib('2025-12-31 10:00'), workingDays: 1, dueAt: wib('2026-01-02 16:30'), skipped: [['2026-01-01', H.newYear2026]] },
  // 31 (1), 1 Jan holiday, Friday 2 (2), weekend, Monday 5 (3).
  { name: '30 December 2025, 3 days', receivedAt: wib('2025-12-30 10:00'), workingDays: 3, dueAt: wib('2026-01-05 16:00'), countedDays: ['2025-12-31', '2026-01-02', '2026-01-05'] },
  { name: '30 December 2026, 2 days: into 2027', receivedAt: wib('2026-12-30 10:00'), workingDays: 2, dueAt: wib('2027-01-04 16:00'), skipped: [['2027-01-01', H.newYear2027], ['2027-01-02', 'weekend'], ['2027-01-03', 'weekend']] },
  { name: 'New Year’s Eve 2026 at 20:00', receivedAt: wib('2026-12-31 20:00'), workingDays: 1, dueAt: wib('2027-01-04 16:00') },
  // 31 December 17:30Z is 1 January 00:30 WIB: day zero is the holiday.
  { name: 'UTC New Year’s Eve that is already 2027 in WIB', receivedAt: '2026-12-31T17:30:00Z', workingDays: 1, dueAt: wib('2027-01-04 16:00'), skipped: [['2027-01-02', 'weekend'], ['2027-01-03', 'weekend']] },

  // Pauses, `continue` (the default).
  { name: 'paused over Tuesday’s closing: Tuesday not counted', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, pauses: [pause('2026-07-07 09:00', '2026-07-08 09:00')], dueAt: wib('2026-07-10 16:30'), countedDays: ['2026-07-08', '2026-07-09', '2026-07-10'], skipped: [['2026-07-07', 'paused']] },
  // [from, to): resumed at 16:00 exactly, so not paused at 16:00.
  { name: 'pause ending exactly at closing', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, pauses: [pause('2026-07-07 10:00', '2026-07-07 16:00')], dueAt: wib('2026-07-07 16:00') },
  { name: 'pause beginning exactly at closing', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, pauses: [pause('2026-07-07 16:00', '2026-07-08 10:00')], dueAt: wib('2026-07-08 16:00'), skipped: [['2026-07-07', 'paused']] },
  // Begins after the deadline has passed: changes nothing.
  { name: 'pause beginning one minute after the deadline', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, pauses: [pause('2026-07-07 16:01', '2026-07-08 10:00')], dueAt: wib('2026-07-07 16:00') },
  { name: 'pause within office hours, over before closing', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, pauses: [pause('2026-07-07 08:00', '2026-07-07 12:00')], dueAt: wib('2026-07-07 16:00'), skipped: [] },
  // 16:15–16:45 on a Friday holds Friday's 16:30 closing; Tuesday (1), Wednesday (2), Thursday (3), Monday (4), Tuesday (5).
  { name: 'pause over Friday’s later closing', receivedAt: wib('2026-07-06 10:00'), workingDays: 5, pauses: [pause('2026-07-10 16:15', '2026-07-10 16:45')], dueAt: wib('2026-07-14 16:00'), skipped: [['2026-07-10', 'paused'], ['2026-07-11', 'weekend'], ['2026-07-12', 'weekend']] },
  // The same half hour on a Thursday misses its 16:00 closing.
  { name: 'the same half hour on a Thursday holds nothing', receivedAt: wib('2026-07-06 10:00'), workingDays: 5, pauses: [pause('2026-07-09 16:15', '2026-07-09 16:45')], dueAt: wib('2026-07-13 16:00') },
  {
    name: 'pause spanning a weekend',
    receivedAt: wib('2026-07-06 10:00'),
    workingDays: 3,
    pauses: [pause('2026-07-09 14:00', '2026-07-13 10:00')],
    dueAt: wib('2026-07-13 16:00'),
    skipped: [['2026-07-09', 'paused'], ['2026-07-10', 'paused'], ['2026-07-11', 'weekend'], ['2026-07-12', 'weekend']],
  },
  // Friday paused; the weekend and Proklamasi are named for what they are; 18 (1), 19 (2), 20 (3).
  {
    name: 'pause spanning a weekend and a holiday',
    receivedAt: wib('2026-08-13 10:00'),
    workingDays: 3,
    pauses: [pause('2026-08-14 08:00', '2026-08-18 08:00')],
    dueAt: wib('2026-08-20 16:00'),
    skipped: [['2026-08-14', 'paused'], ['2026-08-15', 'weekend'], ['2026-08-16', 'weekend'], ['2026-08-17', H.proklamasi]],
  },
  { name: 'pause inside a weekend holds no working day', receivedAt: wib('2026-07-10 10:00'), workingDays: 1, pauses: [pause('2026-07-11 10:00', '2026-07-12 10:00')], dueAt: wib('2026-07-13 16:00') },
  // Tuesday paused, Wednesday (1), Thursday paused, Friday (2), Monday (3).
  { name: 'two pauses', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, pauses: [pause('2026-07-07 15:00', '2026-07-08 08:00'), pause('2026-07-09 15:00', '2026-07-10 08:00')], dueAt: wib('2026-07-13 16:00') },
  { name: 'two pauses given out of order', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, pauses: [pause('2026-07-09 15:00', '2026-07-10 08:00'), pause('2026-07-07 15:00', '2026-07-08 08:00')], dueAt: wib('2026-07-13 16:00') },
  { name: 'pause beginning at receipt', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, pauses: [pause('2026-07-06 10:00', '2026-07-08 10:00')], dueAt: wib('2026-07-08 16:00') },
  // 29–31 December paused, 1 January holiday, weekend, resumed Monday 4 January 09:00 before closing.
  {
    name: 'pause spanning the new year',
    receivedAt: wib('2026-12-28 10:00'),
    workingDays: 1,
    pauses: [pause('2026-12-29 09:00', '2027-01-04 09:00')],
    dueAt: wib('2027-01-04 16:00'),
    skipped: [['2026-12-29', 'paused'], ['2026-12-30', 'paused'], ['2026-12-31', 'paused'], ['2027-01-01', H.newYear2027], ['2027-01-02', 'weekend'], ['2027-01-03', 'weekend']],
  },
  // Paused across Christmas: the holidays count as holidays, not as paused days; 28–29 paused, 30 (1), 31 (2).
  { name: 'pause across Christmas', receivedAt: wib('2026-12-23 10:00'), workingDays: 2, pauses: [pause('2026-12-23 11:00', '2026-12-30 08:00')], dueAt: wib('2026-12-31 16:00'), countedDays: ['2026-12-30', '2026-12-31'] },

  // An open pause: no deadline while it holds (unless the deadline had passed before it began).
  { name: 'open pause from Tuesday', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, pauses: [pause('2026-07-07 09:00')], dueAt: null, countedDays: [], skipped: [['2026-07-07', 'paused']] },
  { name: 'a pause, then an open one', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, pauses: [pause('2026-07-07 09:00', '2026-07-08 09:00'), pause('2026-07-09 09:00')], dueAt: null, countedDays: ['2026-07-08'], skipped: [['2026-07-07', 'paused'], ['2026-07-09', 'paused']] },
  { name: 'open pause beginning after the deadline passed', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, pauses: [pause('2026-07-08 09:00')], dueAt: wib('2026-07-07 16:00') },
  { name: 'open pause beginning on a Saturday', receivedAt: wib('2026-07-10 10:00'), workingDays: 2, pauses: [pause('2026-07-11 10:00')], dueAt: null, countedDays: [], skipped: [['2026-07-11', 'weekend'], ['2026-07-12', 'weekend'], ['2026-07-13', 'paused']] },

  // `restart`: the resumption's local date becomes day zero and the count starts from scratch.
  // Tuesday (1), Wednesday paused, resumed Thursday 11:00: Thursday is day zero; Friday (1), Monday (2), Tuesday (3).
  { name: 'restart: resumed Thursday', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, policy: 'restart', pauses: [pause('2026-07-08 10:00', '2026-07-09 11:00')], dueAt: wib('2026-07-14 16:00'), countedDays: ['2026-07-10', '2026-07-13', '2026-07-14'], skipped: [['2026-07-11', 'weekend'], ['2026-07-12', 'weekend']] },
  // Tuesday (1), Wednesday paused, Thursday (2), Friday (3).
  { name: 'continue: the same pause', receivedAt: wib('2026-07-06 10:00'), workingDays: 3, policy: 'continue', pauses: [pause('2026-07-08 10:00', '2026-07-09 11:00')], dueAt: wib('2026-07-10 16:30') },
  // Resumed on a Saturday: Saturday is day zero; Monday (1), Tuesday (2).
  { name: 'restart: resumed on a Saturday', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, policy: 'restart', pauses: [pause('2026-07-08 10:00', '2026-07-11 10:00')], dueAt: wib('2026-07-14 16:00') },
  // Tuesday (1), Wednesday–Friday paused, Monday (2).
  { name: 'continue: resumed on a Saturday', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, pauses: [pause('2026-07-08 10:00', '2026-07-11 10:00')], dueAt: wib('2026-07-13 16:00') },
  // Thursday 13 (1), Friday paused, resumed on Proklamasi (day zero); Tuesday 18 (1), Wednesday 19 (2).
  { name: 'restart: resumed on a holiday', receivedAt: wib('2026-08-12 10:00'), workingDays: 2, policy: 'restart', pauses: [pause('2026-08-14 09:00', '2026-08-17 10:00')], dueAt: wib('2026-08-19 16:00') },
  { name: 'continue: resumed on a holiday', receivedAt: wib('2026-08-12 10:00'), workingDays: 2, pauses: [pause('2026-08-14 09:00', '2026-08-17 10:00')], dueAt: wib('2026-08-18 16:00') },
  // Resumed Thursday 17:00, after its closing: Thursday was paused at closing, and is day zero; Friday (1), Monday (2).
  { name: 'restart: resumed after closing', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, policy: 'restart', pauses: [pause('2026-07-08 10:00', '2026-07-09 17:00')], dueAt: wib('2026-07-13 16:00') },
  // Tuesday (1), Wednesday and Thursday paused, Friday (2).
  { name: 'continue: resumed after closing', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, pauses: [pause('2026-07-08 10:00', '2026-07-09 17:00')], dueAt: wib('2026-07-10 16:30') },
  // Tuesday paused; resumed Wednesday (day zero); Thursday paused; resumed Friday (day zero); Monday (1), Tuesday (2).
  { name: 'restart twice', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, policy: 'restart', pauses: [pause('2026-07-07 10:00', '2026-07-08 10:00'), pause('2026-07-09 10:00', '2026-07-10 10:00')], dueAt: wib('2026-07-14 16:00'), countedDays: ['2026-07-13', '2026-07-14'] },
  // Tuesday paused, Wednesday (1), Thursday paused, Friday (2).
  { name: 'continue: the same two pauses', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, pauses: [pause('2026-07-07 10:00', '2026-07-08 10:00'), pause('2026-07-09 10:00', '2026-07-10 10:00')], dueAt: wib('2026-07-10 16:30') },
  { name: 'restart: pause after the deadline passed changes nothing', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, policy: 'restart', pauses: [pause('2026-07-08 10:00', '2026-07-09 10:00')], dueAt: wib('2026-07-07 16:00') },
  // Tuesday paused, restarted Wednesday, Thursday held by the open pause.
  { name: 'restart, then an open pause', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, policy: 'restart', pauses: [pause('2026-07-07 10:00', '2026-07-08 10:00'), pause('2026-07-09 10:00')], dueAt: null, countedDays: [], skipped: [['2026-07-09', 'paused']] },
  // Christmas closed, Monday 28 and Tuesday 29 paused, resumed Wednesday 30 (day zero): Thursday 31 (1), 1 January holiday, Monday 4 (2).
  { name: 'restart across the new year', receivedAt: wib('2026-12-23 10:00'), workingDays: 2, policy: 'restart', pauses: [pause('2026-12-28 10:00', '2026-12-30 10:00')], dueAt: wib('2027-01-04 16:00'), countedDays: ['2026-12-31', '2027-01-04'] },

  // Regional closures, declared at run time: a closure added moves the deadline, removed it moves back.
  { name: 'closure added on Tuesday', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, closures: [{ date: '2026-07-07', reason: 'Banjir' }], dueAt: wib('2026-07-08 16:00'), skipped: [['2026-07-07', 'closure:Banjir']] },
  { name: 'the same closure removed', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, closures: [], dueAt: wib('2026-07-07 16:00') },
  { name: 'closure on a Friday', receivedAt: wib('2026-07-09 10:00'), workingDays: 1, closures: [{ date: '2026-07-10', reason: 'Pilkada' }], dueAt: wib('2026-07-13 16:00') },
  { name: 'closure on a national holiday is named as the holiday', receivedAt: wib('2026-08-14 10:00'), workingDays: 1, closures: [{ date: '2026-08-17', reason: 'Upacara' }], dueAt: wib('2026-08-18 16:00'), skipped: [['2026-08-15', 'weekend'], ['2026-08-16', 'weekend'], ['2026-08-17', H.proklamasi]] },
  { name: 'closure on a Saturday', receivedAt: wib('2026-07-10 10:00'), workingDays: 1, closures: [{ date: '2026-07-11', reason: 'Kerja bakti' }], dueAt: wib('2026-07-13 16:00'), skipped: [['2026-07-11', 'closure:Kerja bakti'], ['2026-07-12', 'weekend']] },
  // Tuesday paused, Wednesday closed, Thursday (1), Friday (2).
  { name: 'closure inside a pause', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, pauses: [pause('2026-07-07 10:00', '2026-07-09 10:00')], closures: [{ date: '2026-07-08', reason: 'Banjir' }], dueAt: wib('2026-07-10 16:30'), skipped: [['2026-07-07', 'paused'], ['2026-07-08', 'closure:Banjir']] },
  // Friday and Monday closed: Tuesday (1), Wednesday (2).
  { name: 'closures on both sides of a weekend', receivedAt: wib('2026-07-09 10:00'), workingDays: 2, closures: [{ date: '2026-07-10', reason: 'Banjir' }, { date: '2026-07-13', reason: 'Banjir' }], dueAt: wib('2026-07-15 16:00') },
  { name: 'closure after the deadline changes nothing', receivedAt: wib('2026-07-06 10:00'), workingDays: 2, closures: [{ date: '2026-07-09', reason: 'Banjir' }], dueAt: wib('2026-07-08 16:00') },
  // Under restart a closure after the resumption still counts: resumed Wednesday, Thursday closed, Friday (1).
  { name: 'restart with a closure after the resumption', receivedAt: wib('2026-07-06 10:00'), workingDays: 1, policy: 'restart', pauses: [pause('2026-07-07 10:00', '2026-07-08 10:00')], closures: [{ date: '2026-07-09', reason: 'Banjir' }], dueAt: wib('2026-07-10 16:30') },
];

import type { TCaseType } from '../../domain/case-type.schema';
import type { TOfficeCalendarSnapshot } from '../../domain/working-time/calendar-snapshot';

/**
 * The case type the engine's state tests share: a completeness check (one role), then a technical review by two
 * roles in parallel.
 */
export const TEST_CASE_TYPE: TCaseType = {
  id: 'uji',
  code: 'UJI',
  name: { id: 'Uji', en: 'Test' },
  fields: [],
  documents: [],
  serviceLevelDays: 10,
  stages: [
    { id: 'cek', name: { id: 'Cek', en: 'Check' }, kind: 'completeness_check', roles: ['reviewer:a'], parallel: false, serviceLevelDays: 2 },
    { id: 'kaji', name: { id: 'Kaji', en: 'Review' }, kind: 'technical_review', roles: ['reviewer:b', 'reviewer:c'], parallel: true, serviceLevelDays: 5 },
  ],
};

/** Friday 27 November 2026, 09:00 in Pontianak (WIB). */
export const FRIDAY = new Date('2026-11-27T02:00:00Z');

/**
 * A test calendar whose local midnight falls on `midnight` and whose office closes at 00:00 every day: the
 * closing time of the day after receipt comes within seconds, so a pause can span it on the real server (there
 * is no time-skipping server offline). Every day is a working day, so a moved deadline moves by whole days.
 */
export function calendarWithMidnightAt(midnight: Date): TOfficeCalendarSnapshot {
  const minuteOfDayUtc = midnight.getUTCHours() * 60 + midnight.getUTCMinutes();
  return { version: 'test', utcOffsetMinutes: -minuteOfDayUtc, closesAtMinute: [0, 0, 0, 0, 0, 0, 0], holidays: [] };
}

import type { TCaseType } from '../../domain/case-type.schema';

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


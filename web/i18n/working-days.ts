import type { TTranslate } from './translate';

/** "1 working day", "5 working days" in English; Indonesian has no plural ("1 hari kerja", "5 hari kerja"). */
export const workingDaysText = (t: TTranslate, days: number): string => t(days === 1 ? 'clock.days.one' : 'clock.days', { days });

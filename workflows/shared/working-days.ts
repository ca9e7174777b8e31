import { addWorkingDays as addWorkingDaysPure, type TCalendar } from '../../domain/calendar';
import { domainStep } from './case.errors';

/** Deadlines inside workflows: the domain's working-day arithmetic, its CalendarRangeError a typed non-retryable failure. */
export function addWorkingDays(from: Date, days: number, calendar: TCalendar): Date {
  return domainStep(() => addWorkingDaysPure(from, days, calendar));
}

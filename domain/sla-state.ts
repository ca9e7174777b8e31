import { addWorkingDays } from './calendar';
import type { TCalendar } from './calendar';

/** Where a due date stands against the service level, as the inbox and the task page tag it. */
export type TSlaState = 'onTrack' | 'dueSoon' | 'overdue';

/**
 * Overdue once the due instant has passed; due soon when it falls no later than closing time of the next
 * working day (one working day left or less); otherwise on track. Working days follow the office calendar.
 */
export function slaStateOf(dueAt: string | Date, now: Date, calendar: TCalendar): TSlaState {
  const due = new Date(dueAt).getTime();
  if (due < now.getTime()) return 'overdue';
  return due <= addWorkingDays(now, 1, calendar).getTime() ? 'dueSoon' : 'onTrack';
}

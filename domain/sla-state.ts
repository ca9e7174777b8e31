import { deadlineAfter, type TWorkingTime } from './working-time/working-days';

/** Where a due date stands against the service level, as the inbox and the task page tag it. */
export type TSlaState = 'onTrack' | 'dueSoon' | 'overdue';

/**
 * Overdue once the due instant has passed; due soon when it falls no later than closing time of the next working
 * day (one working day left or less); otherwise on track. Working days and closing times are the deadline rule's:
 * the office calendar (Friday closes later) and the closures in force.
 */
export function slaStateOf(dueAt: string | Date, now: Date, time: TWorkingTime): TSlaState {
  const due = new Date(dueAt).getTime();
  if (due < now.getTime()) return 'overdue';
  return due <= deadlineAfter(now, 1, time).getTime() ? 'dueSoon' : 'onTrack';
}

/** slaStateOf for every due date of one page, read at one instant. */
export const slaStateReader =
  (now: Date, time: TWorkingTime) =>
  (dueAt: string | Date): TSlaState =>
    slaStateOf(dueAt, now, time);

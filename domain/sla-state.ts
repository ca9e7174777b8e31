import { deadlineAfter, type TWorkingTime } from './working-time/working-days';

/** Where a due date stands against the service level, as the inbox and the task page tag it. */
export type TSlaState = 'onTrack' | 'dueSoon' | 'overdue';

/**
 * Overdue once the due instant has passed; due soon when it falls no later than closing time of the next working
 * day (one working day left or less); otherwise on track. Working days and closing times are the deadline rule's:
 * the office calendar (Friday closes later) and the closures in force. One reader per page: the next working day's
 * closing is counted once.
 */
export function slaStateReader(now: Date, time: TWorkingTime): (dueAt: string | Date) => TSlaState {
  const soon = deadlineAfter(now, 1, time).getTime();
  return (dueAt) => {
    const due = new Date(dueAt).getTime();
    return due < now.getTime() ? 'overdue' : due <= soon ? 'dueSoon' : 'onTrack';
  };
}

/** slaStateReader for one due date. */
export function slaStateOf(dueAt: string | Date, now: Date, time: TWorkingTime): TSlaState {
  return slaStateReader(now, time)(dueAt);
}

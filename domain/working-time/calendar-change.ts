import type { TClosure } from './deadline';

/**
 * A regional closure added or removed at run time (issue 10 §3), and the message every open case gets so that it
 * re-counts its deadlines. Each change bumps the closures' revision; a case keeps the highest revision it applied
 * and ignores an older one (a retried or late message changes nothing).
 */
export const CALENDAR_CHANGE_ACTIONS = ['added', 'removed'] as const;
export type TCalendarChangeAction = (typeof CALENDAR_CHANGE_ACTIONS)[number];

export interface TCalendarChange {
  changeId: string;
  /** The closures' revision after this change (1, 2, …). */
  revision: number;
  action: TCalendarChangeAction;
  date: string;
  reason: string;
}

/**
 * The id of the workflow that re-projects the open cases after a change (workflows/calendar/): one per change, so
 * that the API that starts it and the reconciler that starts a missed one (worker/calendar-reconciler.ts) agree.
 */
export const calendarReprojectionWorkflowId = (changeId: string): string => `calendar-reprojection:${changeId}`;

/** The closures as they stand at a revision: what a case counts its deadlines with. */
export interface TClosuresEdition {
  revision: number;
  closures: TClosure[];
}

/** Signal `calendarChanged`: the change that was made and every closure in force after it. */
export interface TCalendarChangedInput {
  change: TCalendarChange;
  closures: TClosure[];
}

/** Bounds on closures (the deadline rule's own bounds allow more; the office needs far fewer). */
export const CLOSURE_LIMITS = {
  maxClosures: 200,
  maxReasonLength: 200,
  /** How far before and after today a closure may be declared, in days. */
  maxDaysBack: 366,
  maxDaysAhead: 732,
} as const;

/**
 * The data of a `deadline_moved` event (its comment, as JSON): which deadline moved from when to when, and the
 * change that moved it. Pages write the sentence from it in either language.
 */
export interface TDeadlineMovedData {
  /** The stage whose deadline moved; null for the whole case's deadline. */
  stageId: string | null;
  stageName: string | null;
  before: string | null;
  after: string | null;
  action: TCalendarChangeAction;
  date: string;
  reason: string;
  revision: number;
}

/** Reads an event's data back; null when the comment is not one (an older or foreign event). */
export function deadlineMovedDataOf(comment: string | null): TDeadlineMovedData | null {
  if (!comment) return null;
  try {
    const data = JSON.parse(comment) as Partial<TDeadlineMovedData>;
    return typeof data.date === 'string' && typeof data.reason === 'string' && (data.action === 'added' || data.action === 'removed') ? (data as TDeadlineMovedData) : null;
  } catch {
    return null;
  }
}

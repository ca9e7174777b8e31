import type { TCalendarChangedInput } from '../../domain/working-time/calendar-change';

/** The re-projection workflow's input, result and id (imported by the API, which starts it). */

/** Open cases read from the store per page (and signalled together). */
export const REPROJECTION_PAGE_SIZE = 200;
export interface TCalendarReprojectionInput {
  /** What every open case gets: the change and the closures in force after it. */
  signal: TCalendarChangedInput;
  /** The last case id signalled by the run before (continue-as-new); null at the start. */
  after: string | null;
  /** How many cases were signalled so far, over every run. */
  signalled: number;
}

export interface TCalendarReprojectionResult {
  signalled: number;
}

export { calendarReprojectionWorkflowId } from '../../domain/working-time/calendar-change';


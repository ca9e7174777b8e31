import { quantile } from '../sla-analytics';
import { deadlineAfter, workingDayCounter, type TWorkingTime } from '../working-time/working-days';

/** Fewer recent issued cases of a type than this, and the estimate is the type's service level instead. */
export const MIN_ESTIMATE_SAMPLE = 3;

export interface TIssueEstimate {
  /** The expected issue instant: the close of the working day it falls on. */
  issueAt: string;
  /** `recent_cases`: the median working days of the type's recently issued permits; `service_level`: the type's legal time. */
  basis: 'recent_cases' | 'service_level';
  /** How many issued permits the median rests on (0 for the service level). */
  basedOn: number;
  medianWorkingDays: number | null;
}

/**
 * When a running permit will likely be issued (pure): the median of what the type's recent permits took from
 * submission to issue, counted from this one's submission on the office's working days; a case already older
 * than that median is expected by the next working day's close. Too few recent permits: the type's service level.
 */
export function issueEstimate(input: {
  submittedAt: Date;
  now: Date;
  recent: ReadonlyArray<{ submittedAt: string; closedAt: string }>;
  serviceLevelDays: number;
  time: TWorkingTime;
}): TIssueEstimate {
  const count = workingDayCounter(input.time);
  const median = input.recent.length >= MIN_ESTIMATE_SAMPLE ? quantile(input.recent.map((c) => count(new Date(c.submittedAt), new Date(c.closedAt))), 0.5) : null;
  const days = median === null ? input.serviceLevelDays : Math.max(1, Math.ceil(median));
  const expected = deadlineAfter(input.submittedAt, days, input.time);
  const issueAt = expected.getTime() > input.now.getTime() ? expected : deadlineAfter(input.now, 1, input.time);
  return median === null
    ? { issueAt: issueAt.toISOString(), basis: 'service_level', basedOn: 0, medianWorkingDays: null }
    : { issueAt: issueAt.toISOString(), basis: 'recent_cases', basedOn: input.recent.length, medianWorkingDays: median };
}

/** What a reviewer can decide on a review task; the order is severity, most severe first. */
export const REVIEW_OUTCOMES = ['reject', 'request_changes', 'approve'] as const;
export type TReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A sign task has one outcome: the signature. */
export type TTaskOutcome = TReviewOutcome | 'sign';

/** A parallel stage takes the most severe of its reviewers' outcomes: reject > request changes > approve. */
export function mostSevere(outcomes: readonly TReviewOutcome[]): TReviewOutcome {
  if (outcomes.length === 0) throw new RangeError('a stage outcome needs at least one decision');
  return REVIEW_OUTCOMES.find((o) => outcomes.includes(o))!;
}

import type { TTaskKind } from './case';

/** What a reviewer can decide on a review task; the order is severity, most severe first. */
export const REVIEW_OUTCOMES = ['reject', 'request_changes', 'approve'] as const;
export type TReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Every outcome a task can take, by the kind of task it is. */
export const TASK_OUTCOMES = {
  review: REVIEW_OUTCOMES,
  sign: ['sign'],
  /** The vendor accepts the terms or proposes a new version. */
  vendor_review: ['accept', 'propose_changes'],
  /** The PPK accepts the vendor's version or counters with a new one. */
  ppk_review: ['accept', 'counter'],
  /** The vendor hands in the performance guarantee. */
  guarantee: ['submit'],
  /** Legal review of a termination the PPK asked for: approve ends the contract, reject keeps it in force. */
  termination_review: ['approve', 'reject'],
  /** An administrator on a lapsed case: deem it approved (on to signature) or let the review go on. */
  lapse_decision: ['deem_approved', 'continue_review'],
} as const satisfies Record<TTaskKind, readonly string[]>;
export type TTaskOutcome = (typeof TASK_OUTCOMES)[TTaskKind][number];
export const ALL_TASK_OUTCOMES = [...new Set(Object.values(TASK_OUTCOMES).flat())] as TTaskOutcome[];

export const outcomesFor = (kind: TTaskKind): readonly TTaskOutcome[] => TASK_OUTCOMES[kind];

/** A parallel stage takes the most severe of its reviewers' outcomes: reject > request changes > approve. */
export function mostSevere(outcomes: readonly TReviewOutcome[]): TReviewOutcome {
  if (outcomes.length === 0) throw new RangeError('a stage outcome needs at least one decision');
  return REVIEW_OUTCOMES.find((o) => outcomes.includes(o))!;
}

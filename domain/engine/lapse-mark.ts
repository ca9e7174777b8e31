import type { TLapsePolicy } from '../case-type.schema';
import { SETTLED_STATUSES, type TCaseKind, type TCaseStatus } from '../case';
import type { TCaseLapse } from './case-lapse';

/**
 * How a list of cases marks a permit whose legal deadline passed undecided (deemed approval, issue 10 §2):
 * `deemed_approved` once approved by law, `lapsed` while the lapse is recorded but not (yet) deemed approved (the
 * administrator's decision under `flag`, or the review continued), `past_deadline` when the deadline has passed and
 * the lapse is not recorded yet (its timer has not fired: a worker outage, or a case from before lapses were kept).
 */
export interface TLapseMark {
  state: 'past_deadline' | 'lapsed' | 'deemed_approved';
  /** The deadline that passed. */
  at: string;
  /** The type's policy, once the lapse is recorded. */
  policy: TLapsePolicy | null;
}

export function lapseMark(
  row: { kind: TCaseKind; status: TCaseStatus; caseDueAt: string | null },
  lapse: TCaseLapse | undefined,
  now: Date,
): TLapseMark | null {
  if (lapse) return { state: lapse.deemedApproved ? 'deemed_approved' : 'lapsed', at: lapse.at, policy: lapse.policy };
  // Only a permit's deadline is a legal one; a contract's stages have service levels, not deemed approval.
  if (row.kind !== 'permit' || SETTLED_STATUSES.includes(row.status) || !row.caseDueAt) return null;
  return Date.parse(row.caseDueAt) < now.getTime() ? { state: 'past_deadline', at: row.caseDueAt, policy: null } : null;
}

import type { TSlaState } from '../../components/status-tag';

const DUE_SOON_MS = 24 * 60 * 60 * 1000;

/** A due date's service-level state now: overdue once passed, due soon within a day. */
export function slaOf(dueAt: string, now: Date): TSlaState {
  const left = Date.parse(dueAt) - now.getTime();
  return left < 0 ? 'overdue' : left < DUE_SOON_MS ? 'dueSoon' : 'onTrack';
}

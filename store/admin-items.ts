import type { TLogItem } from './audit-log';

/** What an administrator can do that changes something, as the transparency log names it (issue 13 §1). */
export const ADMIN_ACTIONS = [
  'calendar_closure_added',
  'calendar_closure_removed',
  'permit_revoked',
  'tree_head_requested',
  // The administrator's own tasks (a lapsed case under the `flag` policy): claimed, released, decided.
  'task_claimed',
  'task_released',
  'task_decided',
] as const;
export type TAdminAction = (typeof ADMIN_ACTIONS)[number];

export interface TAdminActionRecord {
  action: TAdminAction;
  /** The administrator's user id (never a name). */
  actorId: string;
  /** The id the action is about: a closure's date, a document number, a task id, a tree size. */
  target: string;
  /** Further ids for finding the entry (a case id, a calendar change id); ids only. */
  ids?: Record<string, string>;
  /** The request as validated (its body, or `{}`): hashed into the entry, never stored in it. */
  request: unknown;
  /**
   * What makes this request one: a natural key of its effect (the calendar change, the document revoked, the case
   * event recorded) or the caller's Idempotency-Key. A retry with the same one appends nothing.
   */
  once: string;
  at: string;
}

/**
 * One administrator's action in the transparency log: who (by id), what, on which target, and the SHA-256 of
 * the canonical JSON of `{ action, target, request }` (the request's content; the log keeps the hash only, so a
 * revocation's internal note or a comment never enters it).
 */
export const adminActionItem = (a: TAdminActionRecord): TLogItem => ({
  key: `admin:${a.action}:${a.once}`,
  at: a.at,
  kind: 'admin',
  action: a.action,
  actor: a.actorId,
  subjects: { target: a.target, ...a.ids },
  content: { action: a.action, target: a.target, request: a.request },
});

import type { TCaseClock } from './engine/case-clock';
import type { TCaseFacts } from './kinds';
import type { TTaskOutcome } from './outcome';

export const CASE_KINDS = ['permit', 'contract', 'addendum'] as const;
export type TCaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = [
  'submitted',
  'in_review',
  'changes_requested',
  'negotiation',
  'awaiting_signature',
  'active',
  'approved',
  'issued',
  'rejected',
  'withdrawn',
  /** A contract ended early by termination (pemutusan kontrak) after legal review. */
  'terminated',
] as const;
export type TCaseStatus = (typeof CASE_STATUSES)[number];
/** `approved` closes cases started before issuance existed; newer ones go on to signature and `issued`. */
export const CLOSED_STATUSES: readonly TCaseStatus[] = ['approved', 'issued', 'rejected', 'withdrawn', 'terminated'];
/** No work pending for the office: closed, or a contract in force (its workflow stays open for addenda). */
export const SETTLED_STATUSES: readonly TCaseStatus[] = [...CLOSED_STATUSES, 'active'];

/** What a task asks for; its kind decides which outcomes it takes (domain/outcome.ts). */
export const TASK_KINDS = ['review', 'sign', 'vendor_review', 'ppk_review', 'guarantee', 'termination_review', 'lapse_decision'] as const;
export type TTaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TTaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_TASK_STATUSES: readonly TTaskStatus[] = ['open', 'claimed'];

/** A document attached to a case travels as a reference, never as bytes. */
export interface TDocumentRef {
  id: string;
  sha256: string;
}

/** One reviewer's piece of work in a stage. `version` is the case version that last changed it. */
export interface TTask {
  id: string;
  kind: TTaskKind;
  caseId: string;
  stageId: string;
  stageName: string;
  role: string;
  status: TTaskStatus;
  assignee: string | null;
  outcome: TTaskOutcome | null;
  comment: string | null;
  createdAt: string;
  dueAt: string;
  decidedAt: string | null;
  version: number;
}

export type TCaseAction =
  | 'submitted'
  | 'registered'
  | 'stage_opened'
  | 'claimed'
  | 'released'
  | 'approve'
  | 'reject'
  | 'request_changes'
  | 'revised'
  | 'withdrawn'
  | 'approved'
  | 'rejected'
  | 'sign'
  | 'sign_failed'
  | 'issued'
  | 'accept'
  | 'propose_changes'
  | 'counter'
  | 'submit'
  | 'flagged'
  | 'activated'
  | 'amended'
  | 'termination_requested'
  | 'terminated'
  /** The calendar changed (a closure added or removed) and a deadline moved; the comment carries its data as JSON. */
  | 'deadline_moved'
  /** The whole case's deadline passed with no decision (deemed approval, issue 10 §2); the comment names the type's policy. */
  | 'lapsed'
  /** An administrator's answer to a lapsed case (task `lapse_decision`). */
  | 'deem_approved'
  | 'continue_review'
  /** The lapsed case goes on to signature as approved by law (Pasal 53 UU 30/2014 as amended). */
  | 'deemed_approved';

/** Every transition is an event; `seq` orders a case's events and makes their writes idempotent. */
export interface TCaseEvent {
  caseId: string;
  seq: number;
  at: string;
  actorId: string;
  role: string;
  action: TCaseAction;
  stageId: string | null;
  comment: string | null;
}

/** The whole projection of a case at one version; writes keep only the highest version. */
export interface TCaseProjection {
  caseId: string;
  version: number;
  status: TCaseStatus;
  stageId: string | null;
  stageName: string | null;
  /** What the applicant (or the PPK) filled in. */
  fields: Record<string, unknown>;
  /** The kind's own state (domain/kinds/<kind>/), in the store's `facts` column. */
  facts: TCaseFacts;
  documents: Record<string, TDocumentRef>;
  stageDueAt: string | null;
  /** Null while a pause holds the count. */
  caseDueAt: string | null;
  closedAt: string | null;
  outcomeReason: string | null;
  /** The pause ledger and the review stages' clocks (engine/case-clock.ts); null in cases started before it. */
  clock?: TCaseClock | null;
  tasks: TTask[];
  events: TCaseEvent[];
}

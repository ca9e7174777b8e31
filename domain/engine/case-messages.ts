import type { TCaseEvent, TCaseKind, TCaseProjection, TCaseStatus, TDocumentRef, TTask } from '../case';
import type { TCaseType } from '../case-type.schema';
import type { TCalendar } from '../calendar';
import type { TTaskOutcome } from '../outcome';
import type { TActor } from '../roles';
import type { TCaseFacts } from '../kinds';
import type { TOfficeCalendarSnapshot } from '../working-time/calendar-snapshot';
import type { TCaseClock } from './case-clock';

/**
 * The messages the case engine takes and the view it gives, as pure types: workflows/shared/case.messages.ts
 * defines the Temporal updates, signals and queries that carry them (and re-exports these types).
 */

/** Start input of a case workflow. The case type is a snapshot: editing the catalog never changes a running case. */
export interface TCaseWorkflowInput {
  caseId: string;
  kind: TCaseKind;
  type: TCaseType;
  applicantId: string;
  /** What the applicant (or the PPK) filled in. */
  fields: Record<string, unknown>;
  /**
   * The kind's own starting state (domain/kinds/<kind>/); absent in workflows started before facts had their
   * own place, which kept them in `fields` (the engine takes them out of it).
   */
  facts?: TCaseFacts;
  documents: Record<string, TDocumentRef>;
  calendar: TCalendar;
  /**
   * The office calendar (hours per weekday, named holidays, version) the pause ledger's deadlines are counted on;
   * absent in cases started before it, which count on `calendar` (Monday–Friday, one closing time).
   */
  officeCalendar?: TOfficeCalendarSnapshot;
  /** How many proposals (propose_changes or counter) a negotiation allows; unset: no negotiation. */
  maxNegotiationRounds?: number;
}

export interface TCaseView {
  caseId: string;
  kind: TCaseKind;
  typeId: string;
  applicantId: string;
  registrationNumber: string | null;
  status: TCaseStatus;
  stage: { id: string; name: string; dueAt: string | null; round: number } | null;
  submittedAt: string;
  /** Null while a pause holds the count. */
  caseDueAt: string | null;
  closedAt: string | null;
  outcomeReason: string | null;
  /** The number of the issued document, once issued. */
  documentNumber: string | null;
  /** The pause ledger and each review stage's clock; null in cases started before the ledger. */
  clock: TCaseClock | null;
  fields: Record<string, unknown>;
  facts: TCaseFacts;
  documents: Record<string, TDocumentRef>;
  tasks: TTask[];
  events: TCaseEvent[];
  version: number;
}

/**
 * What an update answers in cases started with `case-projection-in-answer-v1` (workflows/shared/case.lifecycle.ts):
 * not the view (the API reads the store), but the projection of the case's version once the workflow waits for
 * someone, for the caller to write (version-checked) before it reads; null when the store shows that version already.
 * The caller has it only after the workflow task that completed the update committed: it is committed state.
 */
export interface TCaseAnswer {
  projection: TCaseProjection | null;
}

/** An update's result: the view in cases started before `case-projection-in-answer-v1`, the answer since. */
export type TCaseUpdateResult = TCaseView | TCaseAnswer;

export const isCaseAnswer = (result: TCaseUpdateResult): result is TCaseAnswer => 'projection' in result;

export interface TRegistrationInput {
  actor: TActor;
}

export interface TClaimInput {
  actor: TActor;
  taskId: string;
}

export interface TDecisionInput {
  actor: TActor;
  taskId: string;
  outcome: TTaskOutcome;
  comment: string | null;
  /** For a sign task: the grant the API exchanged for the signer's passphrase (never the passphrase). */
  grantId?: string | null;
  /** For propose_changes and counter: the new version of the terms, already stored by the API. */
  termsVersion?: number | null;
}

export interface TRevisionInput {
  actor: TActor;
  /**
   * Only the changed fields; they are merged over the current ones (the API validated the result). A field set
   * to null is removed (an optional answer cleared), as in a JSON merge patch.
   */
  fields: Record<string, unknown>;
  documents: Record<string, TDocumentRef>;
  comment: string | null;
  /** A contract revised after legal review: the new version of its terms, already stored by the API. */
  termsVersion?: number | null;
}

export interface TWithdrawalInput {
  actor: TActor;
  reason: string | null;
}

export interface TAddendumRequestInput {
  actor: TActor;
  /** The case id of the addendum (its own workflow `addendum:<id>`, a child of the contract's). */
  addendumId: string;
  sequence: number;
  justification: string;
  /** The version of the contract's terms the addendum would make current, already stored by the API. */
  termsVersion: number;
  /** Above the 10% cap: the head of office must approve the exception. */
  exceptionReason: string | null;
  /** The public summary once signed: the new value and end date. */
  value: number;
  endDate: string;
}

/** The PPK asks to terminate an active contract (pemutusan kontrak); legal review decides. */
export interface TTerminationInput {
  actor: TActor;
  reason: string;
}

/** Sent by a contract to its addendum in flight when the contract is terminated: the addendum ends too. */
export interface TContractTerminatedInput {
  contractId: string;
  reason: string;
}


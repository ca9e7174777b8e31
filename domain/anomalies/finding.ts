import type { TCaseEvent, TCaseKind, TCaseStatus } from '../case';

/**
 * The anomaly rules (issue 13 §2) read one case at a time, as the records hold it: its row, its events and its
 * signatures, plus what a rule needs of the other cases (the type's usual time, a vendor's awards). Each rule is
 * a pure function that returns its findings, with the evidence an auditor checks by hand.
 */

export const ANOMALY_RULES = [
  'after_hours_decision',
  'same_person_two_stages',
  'fast_approval',
  'revision_loops',
  'signed_document_differs',
  'issued_after_deadline',
  'addenda_near_cap',
  'vendor_concentration',
] as const;
export type TAnomalyRule = (typeof ANOMALY_RULES)[number];

export interface TFinding {
  rule: TAnomalyRule;
  caseId: string;
  /** What within the case the finding is about ('' for the case itself): one finding per rule, case and subject. */
  subject: string;
  evidence: Record<string, unknown>;
}

export interface TAuditSignature {
  step: string;
  userId: string;
  signedAt: string;
  inputSha256: string;
  outputSha256: string;
  /**
   * Content digests (documents/render/approved-content.ts): of the preview the signer approved when exchanging their
   * passphrase, and of the document then signed; null for signatures made before they were kept, or kinds without.
   */
  approvedContentSha256?: string | null;
  inputContentSha256?: string | null;
}

/** One case as the rules read it. */
export interface TAuditCase {
  caseId: string;
  kind: TCaseKind;
  typeId: string;
  registrationNumber: string;
  status: TCaseStatus;
  submittedAt: string;
  closedAt: string | null;
  caseDueAt: string | null;
  outcomeReason: string | null;
  events: readonly TCaseEvent[];
  /** Its signatures, in the order they were made. */
  signatures: readonly TAuditSignature[];
  /** The SHA-256 of the document registered as issued, when one was. */
  issuedSha256: string | null;
  /** Contracts: the value first signed and the value in force (after signed addenda), whole rupiah. */
  contractValues?: { original: number; current: number };
}

/** The decisions people make on a case (each an event with its actor and stage). */
export const DECISION_ACTIONS: ReadonlySet<string> = new Set(['approve', 'reject', 'request_changes', 'sign', 'accept', 'deem_approved', 'continue_review']);

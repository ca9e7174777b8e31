import type { TCaseKind, TCaseStatus, TDocumentRef } from '../domain/case';
import type { TFindingsMatch } from './audit-findings';
import type { TKeyValue } from './keyset';
import type { TCaseScope } from '../domain/access-policy';
import type { TMediaType } from '../domain/case-type.schema';
import type { TCaseClock } from '../domain/engine/case-clock';
import type { TFactsOf } from '../domain/kinds';

export interface TRegisterCaseInput {
  caseId: string;
  kind: TCaseKind;
  typeId: string;
  typeCode: string;
  applicantId: string;
  /** ISO instant of submission; its year (Asia/Pontianak) picks the numbering scope. */
  submittedAt: string;
  year: number;
}

/** Personal data of the applicant, kept only in the store (never in workflow history). */
export interface TApplicantProfile {
  name: string;
  nik: string;
  email: string;
  phone: string;
  address: string;
}

/** A case as the store shows it; `TCaseRow<'contract'>` once its kind is known (see `isCaseOfKind`). */
export interface TCaseRow<K extends TCaseKind = TCaseKind> {
  caseId: string;
  kind: K;
  typeId: string;
  registrationNumber: string;
  applicantId: string;
  status: TCaseStatus;
  stageId: string | null;
  stageName: string | null;
  /** What the applicant (or the PPK) filled in. */
  fields: Record<string, unknown>;
  /** The kind's own state, typed (domain/kinds/<kind>/<kind>.facts.ts): versions, addenda, flags… */
  facts: TFactsOf<K>;
  documents: Record<string, TDocumentRef>;
  /** The pause ledger and the review stages' clocks; null in cases started before the ledger. */
  clock: TCaseClock | null;
  submittedAt: string;
  stageDueAt: string | null;
  caseDueAt: string | null;
  closedAt: string | null;
  outcomeReason: string | null;
  version: number;
  updatedAt: string;
}

export interface TDocumentMeta {
  id: string;
  ownerId: string;
  sha256: string;
  bytes: number;
  mediaType: TMediaType;
  name: string;
  createdAt: string;
}

export interface TListCasesFilter {
  applicantId?: string;
  status?: TCaseStatus;
  typeId?: string;
  kind?: TCaseKind;
  /** Only the cases an actor may see (domain/access-policy.ts); none given means every case. */
  scope?: TCaseScope;
  /** Only the cases with at least one anomaly finding that matches (the auditor's export). */
  withFinding?: TFindingsMatch;
  limit: number;
  /** The key of the previous page's last row (store/keyset.ts). */
  cursor?: readonly TKeyValue[];
}

/** Narrows a row to its kind, so that its facts are that kind's. */
export function isCaseOfKind<K extends TCaseKind>(row: TCaseRow | undefined, kind: K): row is TCaseRow<K> {
  return row !== undefined && row.kind === kind && row.facts.kind === kind;
}

import type { TCaseKind, TCaseStatus, TDocumentRef } from '../domain/case';
import type { TCaseScope } from '../domain/access-policy';
import type { TMediaType } from '../domain/case-type.schema';

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

export interface TCaseRow {
  caseId: string;
  kind: TCaseKind;
  typeId: string;
  registrationNumber: string;
  applicantId: string;
  status: TCaseStatus;
  stageId: string | null;
  stageName: string | null;
  fields: Record<string, unknown>;
  documents: Record<string, TDocumentRef>;
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
  limit: number;
  offset: number;
}

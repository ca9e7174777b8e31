import { z } from 'zod';
import { maskedApplicant } from '../domain/access-policy';
import type { TTask } from '../domain/case';
import { ZContractTermsDraftSchema } from '../domain/contract.schema';
import { templateTerms } from '../domain/contract-type.schema';
import type { TContractType } from '../domain/contract-type.schema';
import type { TApplicantProfile, TCaseRow } from '../store/records.types';
import { readClock } from '../domain/engine/case-clock';
import type { TOfficeCalendar } from '../domain/working-time/office-calendar';

/** What a summary reads of a case row (list queries select no more). */
type TCaseSummaryRow = Pick<TCaseRow, 'caseId' | 'registrationNumber' | 'typeId' | 'status' | 'stageId' | 'stageName' | 'stageDueAt' | 'submittedAt' | 'caseDueAt' | 'closedAt'>;

/** Store rows to API bodies; the one place that decides what a case looks like on the wire. */
export function caseSummary(row: TCaseSummaryRow) {
  return {
    id: row.caseId,
    registrationNumber: row.registrationNumber,
    typeId: row.typeId,
    status: row.status,
    stage: row.stageId ? { id: row.stageId, name: row.stageName ?? row.stageId, dueAt: row.stageDueAt } : null,
    submittedAt: row.submittedAt,
    dueAt: row.caseDueAt,
    closedAt: row.closedAt,
  };
}

export function taskView(task: TTask & { registrationNumber?: string; typeId?: string }) {
  const { version: _version, ...rest } = task;
  return rest;
}

/**
 * A contract type as clients see it: its template, and the JSON Schema of the terms a draft takes (generated
 * from the schema that validates them), with this type's clauses, payments and guarantee as defaults.
 */
export function contractTypeView(type: TContractType) {
  const termsSchema = z.toJSONSchema(ZContractTermsDraftSchema, { io: 'input', target: 'draft-2020-12' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  for (const [name, value] of Object.entries(templateTerms(type))) termsSchema.properties[name]!.default = value;
  return { ...type, termsSchema };
}

/** A list row: the summary and the applicant as lists show them (name and masked NIK only). */
export function withMaskedApplicant(row: TCaseSummaryRow, applicants: ReadonlyMap<string, TApplicantProfile>) {
  const applicant = applicants.get(row.caseId);
  return { ...caseSummary(row), applicant: applicant ? maskedApplicant(applicant) : null };
}

/**
 * The case's legal clock read now: the deadlines the workflow counted from its ledger, with the working days used
 * and left on the office calendar; null for a case started before the ledger.
 */
export function caseClockView(row: Pick<TCaseRow, 'clock' | 'submittedAt' | 'closedAt'>, calendar: TOfficeCalendar, now = new Date()) {
  return row.clock && readClock(calendar, row.clock, row, now);
}

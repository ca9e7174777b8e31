import type { TTask } from '../domain/case';
import type { TCaseRow } from '../store/records.types';

/** Store rows to API bodies; the one place that decides what a case looks like on the wire. */
export function caseSummary(row: TCaseRow) {
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

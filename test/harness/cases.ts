import crypto from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { writeAnswer } from '../../api/case-updates';
import type { TCaseKind } from '../../domain/case';
import type { TCaseType, TFieldDefinition } from '../../domain/case-type.schema';
import type { TActor } from '../../domain/roles';
import type { TOfficeCalendarSnapshot } from '../../domain/working-time/calendar-snapshot';
import type { TLapsePolicy } from '../../domain/case-type.schema';
import type { permitWorkflow } from '../../workflows/permit/permit.workflow';
import {
  caseWorkflowId,
  decisionUpdate,
  registrationUpdate,
  viewQuery,
} from '../../workflows/shared/case.messages';
import type { TCaseUpdateResult, TCaseView } from '../../workflows/shared/case.messages';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { harness } from './harness';
import { until } from './until';

/** A valid value for each field of a case type, built from its definition. */
export function sampleFields(type: TCaseType): Record<string, unknown> {
  const value = (f: TFieldDefinition): unknown => {
    switch (f.type) {
      case 'text':
        return f.pattern ? sampleForPattern(f) : 'Jl. Ahmad Yani No. 1'.padEnd(f.minLength ?? 1, 'x').slice(0, f.maxLength ?? 200);
      case 'number':
        return f.min ?? 12.5;
      case 'integer':
        return Math.max(f.min ?? 1, 1);
      case 'date':
        return '2027-06-30';
      case 'enum':
        return f.options![0];
      case 'boolean':
        return true;
    }
  };
  return Object.fromEntries(type.fields.map((f) => [f.id, value(f)]));
}

function sampleForPattern(f: TFieldDefinition): string {
  for (const candidate of ['1234567890123456', 'ABC-123/2026', '12.345.678.9-012.345', '123456789012345', 'A1']) {
    if (new RegExp(f.pattern!).test(candidate)) return candidate;
  }
  throw new Error(`no sample value for field ${f.id} with pattern ${f.pattern}`);
}

export const applicant = (userId = 'budi'): TActor => ({ userId, roles: ['applicant'] });

export const sampleApplicant = (name = 'Budi Santoso') => ({
  name,
  nik: '6171010101900001',
  email: 'budi@example.id',
  phone: '+62 812 5555 0101',
  address: 'Jl. Gajah Mada No. 12, Pontianak',
});

/**
 * What the API does with an update's result (api/case-updates.ts writeAnswer: the projection it carries is written
 * to the store), then the case's view: tests that drive workflows directly read the store and the view as before.
 */
export async function answeredView(caseId: string, result: TCaseUpdateResult, kind: TCaseKind = 'permit'): Promise<TCaseView> {
  await writeAnswer(harness().apiDeps, caseId, result);
  return harness().client.workflow.getHandle(caseWorkflowId(kind, caseId)).query(viewQuery);
}

/** Executes an update on a permit as the API does (answeredView) and returns the case's view. */
export async function updatePermit<Arg>(caseId: string, update: UpdateDefinition<TCaseUpdateResult, [Arg]>, arg: Arg): Promise<TCaseView> {
  return answeredView(caseId, await caseHandle(caseId).executeUpdate(update, { args: [arg] }));
}

/** Starts a case directly on Temporal (no API) and returns its registration view. */
export async function startPermit(typeId: string, applicantId = 'budi'): Promise<TCaseView> {
  return startPermitOfType(harness().catalog.get(typeId)!, applicantId);
}

/**
 * A permit of a type made for the test (short service levels, a policy), optionally on a test office calendar, on
 * the shared worker's task queue or another test worker's.
 */
export async function startPermitOfType(type: TCaseType, applicantId = 'budi', officeCalendar?: TOfficeCalendarSnapshot, taskQueue = harness().taskQueue): Promise<TCaseView> {
  const { client, calendar } = harness();
  const caseId = crypto.randomBytes(12).toString('hex');
  await harness().records.saveApplicant(caseId, sampleApplicant());
  const result = await client.workflow.executeUpdateWithStart(registrationUpdate, {
    args: [{ actor: applicant(applicantId) }],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof permitWorkflow>('permitWorkflow', {
      workflowId: caseWorkflowId('permit', caseId),
      taskQueue,
      args: [{ caseId, kind: 'permit', type, applicantId, fields: sampleFields(type), documents: {}, calendar, ...(officeCalendar ? { officeCalendar } : {}) }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  return answeredView(caseId, result);
}

export const caseHandle = (caseId: string) => harness().client.workflow.getHandle(caseWorkflowId('permit', caseId));

/**
 * Once the permit's workflow has nothing in flight (no activity, no workflow task): an update answers before its
 * projector's write (case-projection-in-answer-v1), so a test that counts history events waits for that first.
 */
export async function quiescent(caseId: string): Promise<void> {
  await until(async () => {
    const { raw } = await caseHandle(caseId).describe();
    return (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask;
  }, `the workflow of case ${caseId} to have nothing in flight`);
}

export async function view(caseId: string): Promise<TCaseView> {
  return caseHandle(caseId).query(viewQuery);
}

/** The open tasks of a case as the workflow sees them. */
export function openTasks(v: TCaseView) {
  return v.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
}

/** Signs the open sign task as the seeded head of office, through a grant as the API would make one. */
export async function signAsHead(caseId: string, passphrase = DEV_SIGNER_PASSPHRASE): Promise<TCaseView> {
  const { records } = harness();
  const task = openTasks(await view(caseId)).find((t) => t.kind === 'sign');
  if (!task) throw new Error(`case ${caseId} has no open sign task`);
  const cert = await records.signers.active('kepala');
  const grantId = await records.signers.createGrant({ userId: 'kepala', caseId, serial: cert!.serial, passphrase, ttlMs: 60_000 });
  return updatePermit(caseId, decisionUpdate, { actor: { userId: 'kepala', roles: [task.role] }, taskId: task.id, outcome: 'sign', comment: null, grantId });
}

/** Decides every open task of the current stage with one outcome, each by an actor holding its role. */
export async function decideAll(caseId: string, outcome: 'approve' | 'reject' | 'request_changes'): Promise<TCaseView> {
  let v = await view(caseId);
  for (const task of openTasks(v)) {
    v = await updatePermit(caseId, decisionUpdate, {
      actor: { userId: `user-${task.role}`, roles: [task.role] },
      taskId: task.id,
      outcome,
      comment: outcome === 'approve' ? null : 'Mohon lengkapi gambar struktur',
    });
  }
  return v;
}

/**
 * A test calendar whose local midnight falls on `midnight` and whose office closes at 00:00 every day: the
 * closing time of the day after receipt comes within seconds, so a pause can span it on the real server (there
 * is no time-skipping server offline). Every day is a working day, so a moved deadline moves by whole days.
 */
export function calendarWithMidnightAt(midnight: Date): TOfficeCalendarSnapshot {
  const minuteOfDayUtc = midnight.getUTCHours() * 60 + midnight.getUTCMinutes();
  return { version: 'test', utcOffsetMinutes: -minuteOfDayUtc, closesAtMinute: [0, 0, 0, 0, 0, 0, 0], holidays: [] };
}

/**
 * A permit of `typeId` whose whole case lapses at `midnight` (deemed approval, issue 10 §2): every service level
 * one working day, the given lapse policy, on a test calendar whose first counted day closes at that midnight.
 */
export function startLapsingPermit(typeId: string, policy: TLapsePolicy, midnight: Date): Promise<TCaseView> {
  const base = harness().catalog.get(typeId)!;
  const type = { ...base, serviceLevelDays: 1, lapsePolicy: policy, stages: base.stages.map((s) => ({ ...s, serviceLevelDays: 1 })) };
  return startPermitOfType(type, 'budi', calendarWithMidnightAt(midnight));
}

import { z } from 'zod';
import { caseFacts, maskedApplicant, maySeePersonalData } from '../../domain/access-policy';
import { OPEN_TASK_STATUSES } from '../../domain/case';
import type { TCaseEvent, TTask } from '../../domain/case';
import type { TCaseType } from '../../domain/case-type.schema';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import { adminActionItem, type TAdminAction } from '../../store/admin-items';
import type { TApplicantProfile, TCaseRow, TDocumentMeta } from '../../store/records.types';
import { claimUpdate, decisionUpdate, releaseUpdate } from '../../workflows/shared/case.messages';
import { visibleTask } from '../case-access';
import { nextCursorOf, ZCursorId, ZCursorInstant, zCursor, zLimit } from '../cursor';
import { updateCase } from '../case-updates';
import type { TApiDeps } from '../deps';
import { ZDecisionSchema } from '../schemas';
import { exchangePassphrase } from '../signing-grants';
import { approvedContentSha256 } from './signing-preview';
import type { TCaseClockReading } from '../../domain/engine/case-clock';
import { caseClockView, caseSummary, taskView } from '../views';

/**
 * The reviewers' and signers' use cases, shared by the JSON API (api/routes/tasks.route.ts) and the pages
 * (web/routes/tasks.route.tsx): one code path per action. Claims and decisions are updates on the case's
 * workflow, whose validators refuse a wrong role (403), a closed task (409) or an impossible transition (409).
 */

/** Staff roles only: an applicant's role has no tasks. */
const staffRoles = (actor: TActor) => actor.roles.filter((r) => r !== 'applicant');

/** The task and its case after an action, as the API answers. */
async function answer(deps: TApiDeps, taskId: string, caseId: string) {
  const [task, row] = await Promise.all([deps.records.getTask(taskId), deps.records.getCase(caseId)]);
  return { task: task && taskView(task), case: row && caseSummary(row) };
}

export const ZInboxQuerySchema = z.object({
  typeId: z.string().max(100).optional(),
  stageId: z.string().max(100).optional(),
  /** A boolean from the page, `true`/`false` from a query string. */
  overdueOnly: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  /** A registration number or a part of it (`000123`), as typed: case and characters other than A-Z 0-9 / . - ignored. */
  number: z
    .string()
    .max(60)
    .optional()
    .transform((typed) => typed?.toUpperCase().replace(/[^A-Z0-9/.-]+/g, '') || undefined),
  limit: zLimit(),
  cursor: zCursor('tasks', z.tuple([ZCursorInstant, ZCursorId])).optional(),
});
export type TInboxQuery = z.input<typeof ZInboxQuerySchema>;

/**
 * One page of the inbox (`GET /tasks` and the page /tugas): open tasks of the actor's roles, earliest due first,
 * with filters, one query whatever the depth; `nextCursor` continues.
 */
export async function inbox(deps: TApiDeps, actor: TActor, query: TInboxQuery | Record<string, unknown>, now = new Date()) {
  const q = ZInboxQuerySchema.parse(query);
  const page = await deps.records.listInbox({
    roles: staffRoles(actor),
    typeId: q.typeId || undefined,
    stageId: q.stageId || undefined,
    dueBefore: q.overdueOnly ? now.toISOString() : undefined,
    numberPart: q.number,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map(taskView), nextCursor: nextCursorOf('tasks', page) };
}

/**
 * An administrator's task (a lapsed case under `flag`) acted on: logged as an administrator action once the case
 * shows it. The case event the action recorded makes the request one: a repeated claim records no new event and
 * logs nothing new, a repeated decision is refused before. The workflow writes the case, so this entry follows
 * in a transaction of its own; the store shows the update's events once updateCase has returned.
 */
async function logAdminTaskAction(deps: TApiDeps, actor: TActor, task: TTask, action: TAdminAction, request: unknown): Promise<void> {
  if (task.role !== 'admin') return; // a reviewer's or signer's task: its case events say it all
  const event = (await deps.records.listEvents(task.caseId)).findLast((e) => e.actorId === actor.userId);
  if (!event) return;
  await deps.records.auditLog.append([
    adminActionItem({ action, actorId: actor.userId, target: task.id, ids: { caseId: task.caseId }, request, once: `${task.caseId}:${event.seq}`, at: event.at }),
  ]);
}

export async function claimTask(deps: TApiDeps, actor: TActor, taskId: string) {
  const { task, row } = await visibleTask(deps.records, actor, taskId);
  await updateCase(deps, row, claimUpdate, { actor, taskId: task.id });
  await logAdminTaskAction(deps, actor, task, 'task_claimed', {});
  return answer(deps, task.id, row.caseId);
}

/** Gives a claimed task back to its role's inbox; only its holder may (409 otherwise). */
export async function releaseTask(deps: TApiDeps, actor: TActor, taskId: string) {
  const { task, row } = await visibleTask(deps.records, actor, taskId);
  await updateCase(deps, row, releaseUpdate, { actor, taskId: task.id });
  await logAdminTaskAction(deps, actor, task, 'task_released', {});
  return answer(deps, task.id, row.caseId);
}

/**
 * A decision; for a sign task the passphrase is exchanged at once for a single-use grant (api/signing-grants.ts),
 * so only the grant id reaches the workflow.
 */
export async function decideTask(deps: TApiDeps, actor: TActor, taskId: string, input: unknown) {
  const { task, row } = await visibleTask(deps.records, actor, taskId);
  const body = ZDecisionSchema.parse(input);
  // The grant keeps the digest of what the signer approves by signing: the preview they were shown.
  const grantId = task.kind === 'sign' && body.outcome === 'sign' ? await exchangePassphrase(deps, actor, task, body.passphrase!, () => approvedContentSha256(deps, actor, row)) : null;
  await updateCase(deps, row, decisionUpdate, { actor, taskId: task.id, outcome: body.outcome, comment: body.comment ?? null, grantId });
  await logAdminTaskAction(deps, actor, task, 'task_decided', { outcome: body.outcome, comment: body.comment ?? null });
  return answer(deps, task.id, row.caseId);
}

/** A document of the case, described for the task page; `viewable` when the actor may open it (access policy). */
export interface TTaskDocument {
  requirementId: string;
  label: { id: string; en: string };
  meta: Pick<TDocumentMeta, 'id' | 'name' | 'mediaType' | 'bytes'> | null;
}

export interface TTaskDetail {
  task: TTask;
  row: TCaseRow;
  type: TCaseType | undefined;
  /** In full when the policy allows personal data, else masked (name and NIK only). */
  applicant: Partial<TApplicantProfile> | null;
  personalData: boolean;
  documents: TTaskDocument[];
  events: TCaseEvent[];
  /** Every task of the case, in order: earlier decisions with their comments. */
  tasks: TTask[];
  /** The actor holds the task's role and it is open and not claimed by someone else. */
  mayAct: boolean;
  /** Open, held by the actor's role, but claimed by another person. */
  claimedByOther: boolean;
  /** The registration number of the certificate once issued (after signing). */
  certificateNumber: string | null;
  /** The case's legal clock read now; null for a case started before the pause ledger. */
  clock: TCaseClockReading | null;
}

/** Everything the task page shows, read once from the store; 404 for a task the actor may not address. */
export async function taskDetail(deps: TApiDeps, actor: TActor, taskId: string): Promise<TTaskDetail> {
  const { records } = deps;
  const { task, row } = await visibleTask(records, actor, taskId);
  const [events, tasks, applicant, issued, taskRoles] = await Promise.all([
    records.listEvents(row.caseId),
    records.listTasksForCase(row.caseId),
    records.getApplicant(row.caseId),
    records.issuance.byCase(row.caseId),
    records.listTaskRoles(row.caseId),
  ]);
  const personalData = maySeePersonalData(actor, caseFacts(row, taskRoles));
  const type = deps.catalog.get(row.typeId);
  const documents: TTaskDocument[] = await Promise.all(
    Object.entries(row.documents).map(async ([requirementId, ref]) => {
      const requirement = type?.documents.find((d) => d.id === requirementId);
      const meta = personalData ? await records.getDocument(ref.id) : undefined;
      return {
        requirementId,
        label: requirement?.label ?? { id: requirementId, en: requirementId },
        meta: meta ? { id: meta.id, name: meta.name, mediaType: meta.mediaType, bytes: meta.bytes } : null,
      };
    }),
  );
  const open = OPEN_TASK_STATUSES.includes(task.status);
  const holds = holdsRole(actor, task.role);
  const mine = !task.assignee || task.assignee === actor.userId;
  return {
    task,
    row,
    type,
    applicant: applicant ? (personalData ? applicant : maskedApplicant(applicant)) : null,
    personalData,
    documents,
    events,
    tasks,
    mayAct: open && holds && mine,
    claimedByOther: open && holds && !mine,
    certificateNumber: issued?.number ?? null,
    clock: caseClockView(row, deps.officeCalendar),
  };
}

import { fieldsSchema } from '../../domain/fields.schema';
import { calendarSnapshotOf } from '../../domain/working-time/calendar-snapshot';
import { maskedApplicant } from '../../domain/access-policy';
import type { TActor } from '../../domain/roles';
import type { TPermitWorkflowInput } from '../../workflows/permit/permit.workflow';
import { revisionUpdate, withdrawalUpdate } from '../../workflows/shared/case.messages';
import { caseIdFor, claimIdempotencyKey } from '../case-ids';
import { nextCursorOf } from '../cursor';
import { listScope, ownCase, visibleCase } from '../case-access';
import { retriedStart, startCase, updateCase } from '../case-updates';
import type { TApiDeps } from '../deps';
import { resolveDocuments } from '../documents';
import { ApiError, invalid, notFound, zodDetails } from '../errors';
import { ZListPermitsQuerySchema, ZRevisionSchema, ZSubmitPermitSchema, ZWithdrawalSchema } from '../schemas';
import { caseClockView, caseSummary, taskView, withMaskedApplicant } from '../views';

/**
 * The permit actions, one code path for the JSON API (api/routes/permits.route.ts) and the applicant's pages
 * (web/routes/applicant.route.tsx): `(deps, actor, input) => result`, refusals as ApiError or zod errors.
 */

function parseFields(schema: ReturnType<typeof fieldsSchema>, fields: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const details = zodDetails(parsed.error, 'fields');
    throw new ApiError('INVALID_INPUT', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return parsed.data;
}

export type TPermitDetail = Awaited<ReturnType<typeof permitDetail>>;

/** One permit as its reader may see it: summary, applicant (masked unless allowed), timeline, open tasks, certificate. */
export async function permitDetail(deps: TApiDeps, actor: TActor, caseId: string) {
  const { records } = deps;
  const { row, personalData } = await visibleCase(records, actor, 'permit', caseId);
  const [events, tasks, applicant, issued] = await Promise.all([
    records.listEvents(caseId),
    records.listTasksForCase(caseId),
    records.getApplicant(caseId),
    records.issuance.byCase(caseId),
  ]);
  return {
    ...caseSummary(row),
    applicant: applicant && (personalData ? applicant : maskedApplicant(applicant)),
    fields: row.fields,
    documents: row.documents,
    outcomeReason: row.outcomeReason,
    certificate: issued ? { number: issued.number, status: issued.status, sha256: issued.sha256, issuedAt: issued.issuedAt } : null,
    timeline: events.map(({ caseId: _caseId, ...e }) => e),
    openTasks: tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map(taskView),
    clock: caseClockView(row, deps.officeCalendar),
    trackingPin: row.applicantId === actor.userId ? records.trackingPin(caseId) : null,
  };
}

/**
 * Submits a permit application. With an Idempotency-Key the case id derives from the applicant and the key: a
 * repeat (a double click, a retried request) attaches to the same case and gets the same registration number.
 */
export async function submitPermit(deps: TApiDeps, actor: TActor, input: unknown, idempotencyKey: string | undefined) {
  const { records, catalog } = deps;
  if (!actor.roles.includes('applicant')) throw new ApiError('FORBIDDEN', 'only applicants may do this');
  const body = ZSubmitPermitSchema.parse(input);
  const type = catalog.get(body.typeId);
  if (!type) throw invalid('typeId', `unknown permit type "${body.typeId}"`);
  const caseId = caseIdFor(actor, idempotencyKey);
  const fields = parseFields(fieldsSchema(type), body.fields);
  const documents = await resolveDocuments(records, type, actor.userId, body.documents, 'complete');
  await claimIdempotencyKey(records, caseId, idempotencyKey, 'POST /permits', { ...body, fields });

  const existing = await records.getCase(caseId);
  if (existing) return { ...caseSummary(await retriedStart(deps, actor, existing)), trackingPin: records.trackingPin(caseId) };
  await records.saveApplicant(caseId, body.applicant);

  const workflowInput: TPermitWorkflowInput = {
    caseId,
    kind: 'permit',
    type,
    applicantId: actor.userId,
    fields,
    documents,
    calendar: deps.calendar,
    officeCalendar: calendarSnapshotOf(deps.officeCalendar, await deps.records.calendarClosures.edition()),
  };
  await startCase(deps, actor, workflowInput);
  const row = await records.getCase(caseId);
  if (!row) throw new ApiError('INTERNAL', 'the case was not registered');
  return { ...caseSummary(row), trackingPin: records.trackingPin(caseId) };
}

/** One page of the permits the actor may read, newest first, applicants masked; `nextCursor` continues. */
export async function listPermits(deps: TApiDeps, actor: TActor, query: unknown) {
  const parsed = ZListPermitsQuerySchema.parse(query);
  const page = await deps.records.listCases({ ...parsed, kind: 'permit', scope: listScope(actor) });
  const applicants = await deps.records.getApplicants(page.items.map((row) => row.caseId));
  return { items: page.items.map((row) => withMaskedApplicant(row, applicants)), nextCursor: nextCursorOf('permits', page) };
}

/** The signed certificate of an issued permit the actor may read. */
export async function permitCertificate(deps: TApiDeps, actor: TActor, caseId: string): Promise<{ fileName: string; pdf: Buffer }> {
  const { row } = await visibleCase(deps.records, actor, 'permit', caseId);
  const issued = await deps.records.issuance.byCase(row.caseId);
  const pdf = issued && (await deps.blobs.get(issued.sha256));
  if (!issued || !pdf) throw notFound('certificate');
  return { fileName: `${issued.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`, pdf };
}

/** The applicant's revision after a request for changes: changed fields and documents, and a comment. */
export async function revisePermit(deps: TApiDeps, actor: TActor, caseId: string, input: unknown) {
  const row = await ownCase(deps.records, actor, 'permit', caseId);
  const body = ZRevisionSchema.parse(input);
  const type = deps.catalog.get(row.typeId);
  if (!type) throw new ApiError('INTERNAL', `permit type ${row.typeId} is no longer in the catalog`);
  // null removes a field (JSON merge patch): an optional answer cleared; a required one is refused below.
  const cleared = Object.keys(body.fields).filter((id) => body.fields[id] === null);
  const given = Object.fromEntries(Object.entries(body.fields).filter(([, value]) => value !== null));
  const checked = parseFields(fieldsSchema(type, 'partial'), { ...given, ...Object.fromEntries(cleared.map((id) => [id, undefined])) });
  const changed = Object.fromEntries(Object.entries(checked).filter(([, value]) => value !== undefined));
  const merged: Record<string, unknown> = { ...row.fields, ...changed };
  for (const id of cleared) delete merged[id];
  parseFields(fieldsSchema(type), merged);
  const removed = cleared.filter((id) => id in row.fields);
  const documents = await resolveDocuments(deps.records, type, actor.userId, body.documents, 'partial');
  const fields = { ...changed, ...Object.fromEntries(removed.map((id) => [id, null])) };
  await updateCase(deps, row, revisionUpdate, { actor, fields, documents, comment: body.comment ?? null });
  return permitDetail(deps, actor, row.caseId);
}

/** The applicant withdraws their own application. */
export async function withdrawPermit(deps: TApiDeps, actor: TActor, caseId: string, input: unknown) {
  const row = await ownCase(deps.records, actor, 'permit', caseId);
  const body = ZWithdrawalSchema.parse(input ?? {});
  await updateCase(deps, row, withdrawalUpdate, { actor, reason: body.reason ?? null });
  return permitDetail(deps, actor, row.caseId);
}

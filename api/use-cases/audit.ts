import { z } from 'zod';
import { ANOMALY_RULES } from '../../domain/anomalies/finding';
import { CASE_KINDS, CASE_STATUSES } from '../../domain/case';
import type { TActor } from '../../domain/roles';
import { toCsv } from '../csv';
import { nextCursorOf, ZCursorId, ZCursorInstant, zCursor, zLimit, type TCursorPage } from '../cursor';
import type { TApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';

/**
 * The Inspektorat's use cases (issue 13 §2): the anomaly findings with their evidence, their acknowledgement, and
 * exports of a filtered set of cases with their events. The JSON API and the /audit page share them.
 */

const ZIdText = z.string().min(1).max(100).regex(/^[\w-]+$/, 'letters, digits, - and _ only');

export const FINDINGS_CURSOR = zCursor('audit-findings', z.tuple([ZCursorInstant, ZCursorId]));
export const ZFindingsQuerySchema = z.object({
  rule: z.enum(ANOMALY_RULES).optional(),
  caseId: ZIdText.optional(),
  acknowledged: z.enum(['true', 'false']).optional(),
  limit: zLimit(),
  cursor: FINDINGS_CURSOR.optional(),
});

export const ZAcknowledgementSchema = z.strictObject({ note: z.string().trim().min(1).max(2000) });

/** Exports are bounded: a page of at most EXPORT_MAX cases, `nextCursor` for the next. */
export const EXPORT_MAX = 500;
export const ZAuditExportQuerySchema = z.object({
  kind: z.enum(CASE_KINDS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  typeId: ZIdText.optional(),
  limit: zLimit(100, EXPORT_MAX),
  cursor: zCursor('audit-cases', z.tuple([ZCursorInstant, ZCursorId])).optional(),
});

export const ZFindingViewSchema = z.object({
  id: z.string(),
  rule: z.enum(ANOMALY_RULES),
  caseId: z.string(),
  kind: z.enum(CASE_KINDS).nullable(),
  registrationNumber: z.string().nullable(),
  subject: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgement: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
});
export type TFindingView = z.infer<typeof ZFindingViewSchema>;

export const ZAuditCaseExportSchema = z.object({
  caseId: z.string(),
  registrationNumber: z.string(),
  kind: z.enum(CASE_KINDS),
  typeId: z.string(),
  status: z.enum(CASE_STATUSES),
  submittedAt: z.string(),
  closedAt: z.string().nullable(),
  caseDueAt: z.string().nullable(),
  events: z.array(z.object({ seq: z.number(), at: z.string(), actorId: z.string(), role: z.string(), action: z.string(), stageId: z.string().nullable(), comment: z.string().nullable() })),
});
export type TAuditCaseExport = z.infer<typeof ZAuditCaseExportSchema>;

const mayReadFindings = (actor: TActor) => actor.roles.includes('auditor') || actor.roles.includes('admin');
const isAuditor = (actor: TActor) => actor.roles.includes('auditor');

/** The findings, newest first (auditors and administrators), each with its case's number for the link. */
export async function listFindings(deps: Pick<TApiDeps, 'records'>, actor: TActor, query: unknown): Promise<TCursorPage<TFindingView>> {
  if (!mayReadFindings(actor)) throw new ApiError('FORBIDDEN', 'only auditors and administrators may do this');
  const q = ZFindingsQuerySchema.parse(query);
  const page = await deps.records.auditFindings.list({
    limit: q.limit,
    ...(q.rule ? { rule: q.rule } : {}),
    ...(q.caseId ? { caseId: q.caseId } : {}),
    ...(q.acknowledged ? { acknowledged: q.acknowledged === 'true' } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  const items = await Promise.all(
    page.items.map(async (f) => {
      const row = await deps.records.getCase(f.caseId);
      return { ...f, kind: row?.kind ?? null, registrationNumber: row?.registrationNumber ?? null };
    }),
  );
  return { items, nextCursor: nextCursorOf('audit-findings', page) };
}

/** An auditor acknowledges a finding with a note, once (409 after); logged in the transparency log. */
export async function acknowledgeFinding(deps: Pick<TApiDeps, 'records'>, actor: TActor, id: string, body: unknown): Promise<TFindingView> {
  if (!isAuditor(actor)) throw new ApiError('FORBIDDEN', 'only auditors may do this');
  const { note } = ZAcknowledgementSchema.parse(body);
  const finding = await deps.records.auditFindings.get(id);
  if (!finding) throw notFound('finding');
  if (!(await deps.records.auditFindings.acknowledge(id, actor.userId, note))) throw new ApiError('CONFLICT', 'the finding is acknowledged already');
  const row = await deps.records.getCase(finding.caseId);
  return { ...(await deps.records.auditFindings.get(id))!, kind: row?.kind ?? null, registrationNumber: row?.registrationNumber ?? null };
}

/** A filtered page of cases with their events (auditors): newest first, at most EXPORT_MAX. */
export async function exportCases(deps: Pick<TApiDeps, 'records'>, actor: TActor, query: unknown): Promise<TCursorPage<TAuditCaseExport>> {
  if (!isAuditor(actor)) throw new ApiError('FORBIDDEN', 'only auditors may do this');
  const q = ZAuditExportQuerySchema.parse(query);
  const page = await deps.records.listCases({
    limit: q.limit,
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.typeId ? { typeId: q.typeId } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  const items = await Promise.all(
    page.items.map(async (row) => ({
      caseId: row.caseId,
      registrationNumber: row.registrationNumber,
      kind: row.kind,
      typeId: row.typeId,
      status: row.status,
      submittedAt: row.submittedAt,
      closedAt: row.closedAt,
      caseDueAt: row.caseDueAt,
      events: (await deps.records.listEvents(row.caseId)).map(({ seq, at, actorId, role, action, stageId, comment }) => ({ seq, at, actorId, role, action, stageId, comment })),
    })),
  );
  return { items, nextCursor: nextCursorOf('audit-cases', page) };
}

const CSV_HEADER = ['caseId', 'registrationNumber', 'kind', 'typeId', 'status', 'submittedAt', 'closedAt', 'caseDueAt', 'eventSeq', 'eventAt', 'actorId', 'role', 'action', 'stageId', 'comment'] as const;

/** The export as CSV: one row per event (a case without events has one row of its own). */
export function casesCsv(cases: readonly TAuditCaseExport[]): string {
  const rows = cases.flatMap((c) => {
    const head = [c.caseId, c.registrationNumber, c.kind, c.typeId, c.status, c.submittedAt, c.closedAt, c.caseDueAt] as const;
    return c.events.length === 0 ? [[...head, null, null, null, null, null, null, null]] : c.events.map((e) => [...head, e.seq, e.at, e.actorId, e.role, e.action, e.stageId, e.comment]);
  });
  return toCsv(CSV_HEADER, rows);
}

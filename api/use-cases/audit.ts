import { z } from 'zod';
import { ANOMALY_RULES, type TAnomalyRule } from '../../domain/anomalies/finding';
import { ZIsoDateSchema } from '../../domain/calendar';
import { CASE_KINDS, CASE_STATUSES } from '../../domain/case';
import type { TActor } from '../../domain/roles';
import { toCsv } from '../csv';
import { nextCursorOf, ZCursorId, ZCursorInstant, zCursor, zLimit, type TCursorPage } from '../cursor';
import type { TApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import type { TFindingsMatch, TStoredFinding } from '../../store/audit-findings';

/**
 * The Inspektorat's use cases (issue 13 §2): the anomaly findings with their evidence, their acknowledgement, and
 * exports of a filtered set of cases with their events. The JSON API and the /audit page share them.
 */

const ZIdText = z.string().min(1).max(100).regex(/^[\w-]+$/, 'letters, digits, - and _ only');

export const FINDINGS_CURSOR = zCursor('audit-findings', z.tuple([ZCursorInstant, ZCursorId]));

/** A finding's follow-up: `open` (none yet) or `acknowledged`. */
export const FINDING_STATUSES = ['open', 'acknowledged'] as const;

/**
 * Which findings (the list, its counts and the export share it): by rule, follow-up, the case's kind and type, and
 * the local dates (the office's zone, both included) the finding was first seen on.
 */
const findingFilterFields = {
  rule: z.enum(ANOMALY_RULES).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  typeId: ZIdText.optional(),
  from: ZIsoDateSchema.optional(),
  to: ZIsoDateSchema.optional(),
};
/** The message of a range whose end comes before its start (the page words it its own way). */
export const TO_BEFORE_FROM = 'must not be before from';
const fromNotAfterTo = (q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: TO_BEFORE_FROM });
};

export const ZFindingsQuerySchema = z
  .object({ ...findingFilterFields, caseId: ZIdText.optional(), limit: zLimit(), cursor: FINDINGS_CURSOR.optional() })
  .superRefine(fromNotAfterTo);
export type TFindingsQuery = z.input<typeof ZFindingsQuerySchema>;
export const ZAcknowledgementSchema = z.strictObject({ note: z.string().trim().min(1).max(2000) });

/** Exports are bounded: a page of at most EXPORT_MAX cases, `nextCursor` for the next. */
export const EXPORT_MAX = 500;
/**
 * The export: cases by `kind`, `status` (the case's) and `typeId`; with any of `rule`, `findingStatus`, `from`, `to`
 * only the cases with a finding that matches them (the /audit page's filters, so its export is what it lists).
 */
export const ZAuditExportQuerySchema = z
  .object({
    kind: z.enum(CASE_KINDS).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    typeId: ZIdText.optional(),
    rule: findingFilterFields.rule,
    findingStatus: findingFilterFields.status,
    from: findingFilterFields.from,
    to: findingFilterFields.to,
    limit: zLimit(100, EXPORT_MAX),
    cursor: zCursor('audit-cases', z.tuple([ZCursorInstant, ZCursorId])).optional(),
  })
  .superRefine(fromNotAfterTo);

export const ZFindingViewSchema = z.object({
  id: z.string(),
  rule: z.enum(ANOMALY_RULES),
  caseId: z.string(),
  kind: z.enum(CASE_KINDS).nullable(),
  typeId: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  subject: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgement: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
});
export type TFindingView = z.infer<typeof ZFindingViewSchema>;

/** A page of findings, with how many match the same filters per rule (whatever the `rule` filter): the list's tabs. */
export const ZFindingListSchema = z
  .object({
    items: z.array(ZFindingViewSchema),
    nextCursor: z.string().nullable(),
    counts: z.partialRecord(z.enum(ANOMALY_RULES), z.number().int()),
  });
export type TFindingsPage = z.infer<typeof ZFindingListSchema>;

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

/** The store's match of the filters; local dates become instants in the office's zone (`to` counts its whole day). */
function findingsMatch(deps: Pick<TApiDeps, 'officeCalendar'>, q: { rule?: TAnomalyRule | undefined; status?: (typeof FINDING_STATUSES)[number] | undefined; from?: string | undefined; to?: string | undefined }): TFindingsMatch {
  const startOf = (date: string, days = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000 - deps.officeCalendar.utcOffsetMinutes * 60_000).toISOString();
  return {
    ...(q.rule ? { rule: q.rule } : {}),
    ...(q.status ? { acknowledged: q.status === 'acknowledged' } : {}),
    ...(q.from ? { since: startOf(q.from) } : {}),
    ...(q.to ? { before: startOf(q.to, 1) } : {}),
  };
}

/** The findings, newest first (auditors and administrators), each with its case's number for the link. */
export async function listFindings(deps: Pick<TApiDeps, 'records' | 'officeCalendar'>, actor: TActor, query: unknown): Promise<TFindingsPage> {
  if (!mayReadFindings(actor)) throw new ApiError('FORBIDDEN', 'only auditors and administrators may do this');
  const q = ZFindingsQuerySchema.parse(query);
  const { rule, ...match }: TFindingsMatch = {
    ...findingsMatch(deps, q),
    ...(q.caseId ? { caseId: q.caseId } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.typeId ? { typeId: q.typeId } : {}),
  };
  const [page, counts] = await Promise.all([
    deps.records.auditFindings.list({ ...match, ...(rule ? { rule } : {}), limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }),
    deps.records.auditFindings.countByRule(match),
  ]);
  const items = await Promise.all(page.items.map((f) => findingView(deps, f)));
  return { items, nextCursor: nextCursorOf('audit-findings', page), counts: Object.fromEntries(ANOMALY_RULES.flatMap((r) => (counts.has(r) ? [[r, counts.get(r)!]] : []))) };
}

/** A stored finding with what the pages and the API show of its case (its kind, type and number, for the link). */
async function findingView(deps: Pick<TApiDeps, 'records'>, f: TStoredFinding): Promise<TFindingView> {
  const row = await deps.records.getCase(f.caseId);
  return { ...f, kind: row?.kind ?? null, typeId: row?.typeId ?? null, registrationNumber: row?.registrationNumber ?? null };
}

/** One finding (auditors and administrators); 404 when there is none. */
export async function getFinding(deps: Pick<TApiDeps, 'records'>, actor: TActor, id: string): Promise<TFindingView> {
  if (!mayReadFindings(actor)) throw new ApiError('FORBIDDEN', 'only auditors and administrators may do this');
  const finding = await deps.records.auditFindings.get(id);
  if (!finding) throw notFound('finding');
  return findingView(deps, finding);
}

/** An auditor acknowledges a finding with a note, once (409 after); logged in the transparency log. */
export async function acknowledgeFinding(deps: Pick<TApiDeps, 'records'>, actor: TActor, id: string, body: unknown): Promise<TFindingView> {
  if (!isAuditor(actor)) throw new ApiError('FORBIDDEN', 'only auditors may do this');
  const { note } = ZAcknowledgementSchema.parse(body);
  const finding = await deps.records.auditFindings.get(id);
  if (!finding) throw notFound('finding');
  if (!(await deps.records.auditFindings.acknowledge(id, actor.userId, note))) throw new ApiError('CONFLICT', 'the finding is acknowledged already');
  return findingView(deps, (await deps.records.auditFindings.get(id))!);
}

/** A filtered page of cases with their events (auditors): newest first, at most EXPORT_MAX. */
export async function exportCases(deps: Pick<TApiDeps, 'records' | 'officeCalendar'>, actor: TActor, query: unknown): Promise<TCursorPage<TAuditCaseExport>> {
  if (!isAuditor(actor)) throw new ApiError('FORBIDDEN', 'only auditors may do this');
  const q = ZAuditExportQuerySchema.parse(query);
  const withFinding = q.rule || q.findingStatus || q.from || q.to ? findingsMatch(deps, { ...q, status: q.findingStatus }) : undefined;
  const page = await deps.records.listCases({
    ...(withFinding ? { withFinding } : {}),
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

import { Router } from 'express';
import type { Request } from 'express';
import { fieldsSchema } from '../../domain/fields.schema';
import { maskedApplicant } from '../../domain/access-policy';
import type { TPermitWorkflowInput } from '../../workflows/permit/permit.workflow';
import { revisionUpdate, withdrawalUpdate } from '../../workflows/shared/case.messages';
import { actorOf, requireRole } from '../auth';
import { caseIdFor, claimIdempotencyKey } from '../case-ids';
import { listScope, ownCase, visibleCase } from '../case-access';
import { startCase, updateCase } from '../case-updates';
import type { TApiDeps } from '../deps';
import { resolveDocuments } from '../documents';
import { ApiError, invalid, notFound, zodDetails } from '../errors';
import { ZListPermitsQuerySchema, ZRevisionSchema, ZSubmitPermitSchema, ZWithdrawalSchema } from '../schemas';
import { caseSummary, taskView, withMaskedApplicant } from '../views';

function parseFields(schema: ReturnType<typeof fieldsSchema>, fields: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const details = zodDetails(parsed.error, 'fields');
    throw new ApiError('INVALID_INPUT', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return parsed.data;
}

export function permitsRoutes(deps: TApiDeps): Router {
  const router = Router();
  const { records, catalog } = deps;

  const detail = async (req: Request, caseId: string) => {
    const actor = actorOf(req);
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
    };
  };

  router.post('/permits', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'applicant', 'applicants');
    const body = ZSubmitPermitSchema.parse(req.body);
    const type = catalog.get(body.typeId);
    if (!type) throw invalid('typeId', `unknown permit type "${body.typeId}"`);
    const idempotencyKey = req.get('Idempotency-Key');
    const caseId = caseIdFor(actor, idempotencyKey);
    const fields = parseFields(fieldsSchema(type), body.fields);
    const documents = await resolveDocuments(records, type, actor.userId, body.documents, 'complete');
    await claimIdempotencyKey(records, caseId, idempotencyKey, 'POST /permits', { ...body, fields });

    const existing = await records.getCase(caseId);
    if (existing) {
      res.status(201).json(caseSummary(existing));
      return;
    }
    await records.saveApplicant(caseId, body.applicant);

    const input: TPermitWorkflowInput = {
      caseId,
      kind: 'permit',
      type,
      applicantId: actor.userId,
      fields,
      documents,
      calendar: deps.calendar,
    };
    await startCase(deps, actor, input);
    const row = await records.getCase(caseId);
    if (!row) throw new ApiError('INTERNAL', 'the case was not registered');
    res.status(201).json(caseSummary(row));
  });

  router.get('/permits', async (req, res) => {
    const actor = actorOf(req);
    const query = ZListPermitsQuerySchema.parse(req.query);
    const { items, total } = await records.listCases({ ...query, kind: 'permit', scope: listScope(actor) });
    const applicants = await records.getApplicants(items.map((row) => row.caseId));
    res.json({ items: items.map((row) => withMaskedApplicant(row, applicants)), total, limit: query.limit, offset: query.offset });
  });

  router.get('/permits/:id', async (req, res) => {
    res.json(await detail(req, req.params.id));
  });

  router.get('/permits/:id/certificate.pdf', async (req, res) => {
    const { row } = await visibleCase(records, actorOf(req), 'permit', req.params.id);
    const issued = await records.issuance.byCase(row.caseId);
    const pdf = issued && (await deps.blobs.get(issued.sha256));
    if (!issued || !pdf) throw notFound('certificate');
    const fileName = `${issued.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).send(pdf);
  });

  router.post('/permits/:id/revisions', async (req, res) => {
    const actor = actorOf(req);
    const row = await ownCase(records, actor, 'permit', req.params.id);
    const body = ZRevisionSchema.parse(req.body);
    const type = catalog.get(row.typeId);
    if (!type) throw new ApiError('INTERNAL', `permit type ${row.typeId} is no longer in the catalog`);
    const changed = parseFields(fieldsSchema(type, 'partial'), body.fields);
    parseFields(fieldsSchema(type), { ...row.fields, ...changed });
    const documents = await resolveDocuments(records, type, actor.userId, body.documents, 'partial');
    await updateCase(deps, row, revisionUpdate, { actor, fields: changed, documents, comment: body.comment ?? null });
    res.json(await detail(req, row.caseId));
  });

  router.post('/permits/:id/withdrawal', async (req, res) => {
    const actor = actorOf(req);
    const row = await ownCase(records, actor, 'permit', req.params.id);
    const body = ZWithdrawalSchema.parse(req.body ?? {});
    await updateCase(deps, row, withdrawalUpdate, { actor, reason: body.reason ?? null });
    res.json(await detail(req, row.caseId));
  });

  return router;
}

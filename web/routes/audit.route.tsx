import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { actorOf } from '../../api/auth';
import { sendCsv } from '../../api/csv';
import { notFound } from '../../api/errors';
import { acknowledgeFinding, casesCsv, exportCases, getFinding, listFindings, type TFindingsPage } from '../../api/use-cases/audit';
import { isAuditor } from '../../domain/roles';
import { CURSOR_PARAM } from '../components/pagination';
import { formErrorsOf, type TFormErrors } from '../components/form-errors';
import { pageContext, sendPage } from '../render';
import { requireSignIn } from '../session';
import { officeNameOf, type TPageDeps } from '../web-app';
import { adminLabels, stageName, typeName } from './admin/admin-query';
import { AuditCasePage } from './audit/audit-case.page';
import { AuditPage, FindingPage, findingPath, type TAuditFilterValues } from './audit/audit.page';
import { filterErrors, filterQuery } from './audit/audit-query';

/** Findings on one page of /audit. */
const AUDIT_PAGE_SIZE = 25;

/** Auditors only (anyone else gets the 404 page); their page reads are logged for every page (web/web-app.tsx). */
function requireAuditor(req: Request, _res: Response, next: NextFunction) {
  next(req.actor && isAuditor(req.actor) ? undefined : notFound('page'));
}

/** The Inspektorat's pages: findings, one finding and its follow-up, a read-only case view, the exports. */
export function auditPages(deps: TPageDeps): Router {
  const router = Router();
  const labels = adminLabels(deps);
  const page = (req: Request) => pageContext(req, officeNameOf(deps));
  const guard = [requireSignIn, requireAuditor];
  const namers = (p: ReturnType<typeof page>) => ({
    typeName: (typeId: string) => typeName(labels, p.lang, typeId),
    stageName: (stageId: string) => stageName(labels, p.lang, stageId, null) ?? stageId,
  });

  router.get('/audit', ...guard, async (req, res) => {
    const p = page(req);
    const query = filterQuery(req.query);
    const values = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as TAuditFilterValues;
    const cursor = typeof req.query[CURSOR_PARAM] === 'string' && req.query[CURSOR_PARAM] !== '' ? req.query[CURSOR_PARAM] : undefined;
    let list: TFindingsPage | null = null;
    let errors: TFormErrors | null = null;
    try {
      // The same use case and checks as GET /api/v1/audit/findings: a refused filter is shown next to its field.
      list = await listFindings(deps, actorOf(req), { ...query, limit: AUDIT_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    } catch (err) {
      errors = filterErrors(err, p.t);
      if (!errors) throw err;
    }
    const typeOptions = [...labels.types.keys()].map((id) => ({ value: id, label: typeName(labels, p.lang, id) }));
    const view = { values, cursor, errors, list, typeOptions, ...namers(p) };
    sendPage(res, p, p.t('audit.title'), <AuditPage view={view} />, errors ? 400 : 200);
  });

  router.get('/audit/temuan/:id', ...guard, async (req, res) => {
    const p = page(req);
    const finding = await getFinding(deps, actorOf(req), req.params.id as string);
    sendPage(res, p, p.t(`audit.rule.${finding.rule}`), <FindingPage view={{ finding, done: req.query.selesai === '1', ...namers(p) }} />);
  });

  router.post('/audit/temuan/:id/tindak-lanjut', ...guard, async (req, res) => {
    const p = page(req);
    const note = typeof req.body.note === 'string' ? req.body.note : '';
    try {
      await acknowledgeFinding(deps, actorOf(req), req.params.id as string, { note });
    } catch (err) {
      const errors = formErrorsOf(err);
      if (!errors) throw err;
      const finding = await getFinding(deps, actorOf(req), req.params.id as string);
      return sendPage(res, p, p.t(`audit.rule.${finding.rule}`), <FindingPage view={{ finding, note, errors: { note: p.t('audit.error.note') }, ...namers(p) }} />, 400);
    }
    res.redirect(303, `${findingPath(req.params.id as string)}?selesai=1`);
  });

  router.get('/audit/kasus/:id', ...guard, async (req, res) => {
    const p = page(req);
    const row = await deps.records.getCase(req.params.id as string);
    if (!row) throw notFound('case');
    const [events, findings] = await Promise.all([deps.records.listEvents(row.caseId), listFindings(deps, actorOf(req), { caseId: row.caseId, limit: '200' })]);
    const view = { row, typeLabel: typeName(labels, p.lang, row.typeId), events, findings: findings.items, ...namers(p) };
    sendPage(res, p, p.t('audit.case.title', { number: row.registrationNumber }), <AuditCasePage view={view} />);
  });

  router.get('/audit/ekspor.csv', ...guard, async (req, res) => {
    const page = await exportCases(deps, actorOf(req), req.query);
    sendCsv(res, 'audit-perkara', casesCsv(page.items));
  });
  router.get('/audit/ekspor.json', ...guard, async (req, res) => {
    res.json(await exportCases(deps, actorOf(req), req.query));
  });
  return router;
}

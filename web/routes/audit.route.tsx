import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { actorOf } from '../../api/auth';
import { sendCsv } from '../../api/csv';
import { notFound } from '../../api/errors';
import { acknowledgeFinding, casesCsv, exportCases, listFindings } from '../../api/use-cases/audit';
import { isAuditor } from '../../domain/roles';
import { CURSOR_PARAM } from '../components/pagination';
import { formErrorsOf } from '../components/form-errors';
import { pageContext, sendPage } from '../render';
import { requireSignIn } from '../session';
import { officeNameOf, type TPageDeps } from '../web-app';
import { adminLabels, typeName } from './admin/admin-query';
import { AuditCasePage } from './audit/audit-case.page';
import { AuditPage, FindingPage, findingPath } from './audit/audit.page';

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
  router.get('/audit', ...guard, async (req, res) => {
    const p = page(req);
    const cursor = typeof req.query[CURSOR_PARAM] === 'string' ? req.query[CURSOR_PARAM] : undefined;
    const list = await listFindings(deps, actorOf(req), cursor ? { cursor } : {});
    sendPage(res, p, p.t('audit.title'), <AuditPage view={{ findings: list.items, nextCursor: list.nextCursor }} />);
  });

  const oneFinding = async (req: Request) => {
    const stored = await deps.records.auditFindings.get(req.params.id as string);
    if (!stored) throw notFound('finding');
    const row = await deps.records.getCase(stored.caseId);
    return { ...stored, kind: row?.kind ?? null, registrationNumber: row?.registrationNumber ?? null };
  };

  router.get('/audit/temuan/:id', ...guard, async (req, res) => {
    const p = page(req);
    const finding = await oneFinding(req);
    sendPage(res, p, p.t(`audit.rule.${finding.rule}`), <FindingPage view={{ finding, done: req.query.selesai === '1' }} />);
  });

  router.post('/audit/temuan/:id/tindak-lanjut', ...guard, async (req, res) => {
    const p = page(req);
    const note = typeof req.body.note === 'string' ? req.body.note : '';
    try {
      await acknowledgeFinding(deps, actorOf(req), req.params.id as string, { note });
    } catch (err) {
      const errors = formErrorsOf(err);
      if (!errors) throw err;
      const finding = await oneFinding(req);
      return sendPage(res, p, p.t(`audit.rule.${finding.rule}`), <FindingPage view={{ finding, note, errors: { note: p.t('audit.error.note') } }} />, 400);
    }
    res.redirect(303, `${findingPath(req.params.id as string)}?selesai=1`);
  });

  router.get('/audit/kasus/:id', ...guard, async (req, res) => {
    const p = page(req);
    const row = await deps.records.getCase(req.params.id as string);
    if (!row) throw notFound('case');
    const [events, findings] = await Promise.all([deps.records.listEvents(row.caseId), listFindings(deps, actorOf(req), { caseId: row.caseId, limit: '200' })]);
    const view = { row, typeLabel: typeName(labels, p.lang, row.typeId), events, findings: findings.items };
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

import { Router } from 'express';
import { actorOf } from '../auth';
import { sendCsv } from '../csv';
import type { TApiDeps } from '../deps';
import { acknowledgeFinding, casesCsv, exportCases, listFindings } from '../use-cases/audit';
import { auditorLogEntries } from '../use-cases/transparency-log';

/** The Inspektorat (issue 13 §2): anomaly findings, their acknowledgement, exports of cases with their events, the log whole. */
export function auditRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/audit/findings', async (req, res) => {
    res.json(await listFindings(deps, actorOf(req), req.query));
  });
  router.post('/audit/findings/:id/acknowledgement', async (req, res) => {
    res.json(await acknowledgeFinding(deps, actorOf(req), req.params.id, req.body));
  });
  router.get('/audit/cases.json', async (req, res) => {
    res.json(await exportCases(deps, actorOf(req), req.query));
  });
  router.get('/audit/cases.csv', async (req, res) => {
    const page = await exportCases(deps, actorOf(req), req.query);
    if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
    sendCsv(res, 'audit-cases', casesCsv(page.items));
  });
  router.get('/audit/log/entries', async (req, res) => {
    res.json(await auditorLogEntries(deps, actorOf(req), req.query));
  });
  return router;
}

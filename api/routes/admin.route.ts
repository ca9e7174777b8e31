import { Router } from 'express';
import { actorOf, requireRole } from '../auth';
import type { TApiDeps } from '../deps';
import { sendCsv } from '../csv';
import { ZAdminCasesQuerySchema, ZAdminSlaQuerySchema } from '../schemas';
import { adminCaseList, revokePermit, serviceLevelAnalytics, slaCsv } from '../use-cases/admin';
import { addClosure, removeClosure } from '../use-cases/calendar';

/** Service-level oversight: every open case with its stage, age in working days and due dates, overdue first. */
export function adminRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/admin/cases', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'admin', 'administrators');
    const list = await adminCaseList(deps, actor, ZAdminCasesQuerySchema.parse(req.query));
    res.json({ asOf: list.asOf, items: list.items.map(({ issued: _issued, ...item }) => item), nextCursor: list.nextCursor });
  });
  /**
   * Service-level analytics per type and stage, and the breach forecast. `Accept: text/csv` answers one table as
   * CSV: `?table=stages` (the default) or `?table=forecast`.
   */
  router.get('/admin/sla', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'admin', 'administrators');
    const { table, ...query } = ZAdminSlaQuerySchema.parse(req.query);
    const data = await serviceLevelAnalytics(deps, actor, query);
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return void res.json(data);
    sendCsv(res, `sla-${table ?? 'stages'}-${data.from}-${data.to}`, slaCsv(data, table ?? 'stages'));
  });
  /** What an administrator should look into: signers locked out after wrong passphrases, newest first. */
  router.get('/admin/security-events', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    res.json({ items: await deps.records.security.listEvents(200) });
  });
  /** Regional closures (issue 10 §3): written with an admin event, then every open case they concern re-counts. */
  router.post('/admin/calendar/closures', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'admin', 'administrators');
    res.status(201).json(await addClosure(deps, actor, req.body));
  });
  router.delete('/admin/calendar/closures/:date', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'admin', 'administrators');
    res.json(await removeClosure(deps, actor, req.params.date));
  });
  router.post('/admin/permits/:id/revocation', async (req, res) => {
    res.json(await revokePermit(deps, actorOf(req), req.params.id, req.body));
  });
  return router;
}

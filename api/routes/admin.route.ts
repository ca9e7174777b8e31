import { Router } from 'express';
import { actorOf, requireRole } from '../auth';
import type { TApiDeps } from '../deps';
import { ZAdminCasesQuerySchema } from '../schemas';
import { adminCaseList, revokePermit } from '../use-cases/admin';

/** Service-level oversight: every open case with its stage, age in working days and due dates, overdue first. */
export function adminRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/admin/cases', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'admin', 'administrators');
    const { problem } = ZAdminCasesQuerySchema.parse(req.query);
    const list = await adminCaseList(deps, actor, { problem });
    res.json({ asOf: list.asOf, items: list.items.map(({ issued: _issued, ...item }) => item) });
  });
  /** What an administrator should look into: signers locked out after wrong passphrases, newest first. */
  router.get('/admin/security-events', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    res.json({ items: await deps.records.security.listEvents(200) });
  });
  router.post('/admin/permits/:id/revocation', async (req, res) => {
    res.json(await revokePermit(deps, actorOf(req), req.params.id, req.body));
  });
  return router;
}

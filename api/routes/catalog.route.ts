import { Router } from 'express';
import type { TApiDeps } from '../deps';
import { notFound } from '../errors';

/** The permit types an applicant can choose from, with their fields, documents and service levels. */
export function catalogRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/permit-types', (_req, res) => {
    res.json({ items: [...deps.catalog.values()] });
  });
  router.get('/permit-types/:id', (req, res) => {
    const type = deps.catalog.get(req.params.id);
    if (!type) throw notFound('permit type');
    res.json(type);
  });
  return router;
}

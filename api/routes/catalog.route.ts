import { Router } from 'express';
import type { TApiDeps } from '../deps';
import { notFound } from '../errors';
import { contractTypeView } from '../views';

/**
 * The catalogues a client drafts from, public like the forms at the counter: permit types with their fields,
 * documents and service levels; contract types with their template and the JSON Schema of their terms.
 */
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

  // Built once: the catalogue is loaded at start and never changes while the process runs.
  const contractTypes = new Map([...deps.contractTypes].map(([id, type]) => [id, contractTypeView(type)]));
  router.get('/contract-types', (_req, res) => {
    res.json({ items: [...contractTypes.values()] });
  });
  router.get('/contract-types/:id', (req, res) => {
    const type = contractTypes.get(req.params.id);
    if (!type) throw notFound('contract type');
    res.json(type);
  });
  return router;
}

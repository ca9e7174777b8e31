import { Router } from 'express';
import { sendCsv } from '../csv';
import type { TApiDeps } from '../deps';
import { datasetCsv, openDataCatalogue, openDataset } from '../use-cases/open-data';

/**
 * Open data for anyone, no login (issue 13 §3): the DCAT catalogue and each dataset as JSON or CSV. Mounted under
 * /public, so the public lookup rate limit applies.
 */
export function openDataRoutes(deps: TApiDeps & { publicUrl: string }): Router {
  const router = Router();

  router.get('/public/data', (_req, res) => {
    res.json(openDataCatalogue(deps, deps.publicUrl));
  });

  // Before `/public/data/:id`, which would take `izin-terbit.csv` for an id.
  router.get('/public/data/:id.csv', async (req, res) => {
    const answer = await openDataset(deps, deps.publicUrl, req.params.id, req.query);
    sendCsv(res, `${req.params.id}_${answer.metadata['dct:temporal']['dcat:startDate']}_${answer.metadata['dct:temporal']['dcat:endDate']}.csv`, datasetCsv(answer));
  });

  router.get('/public/data/:id', async (req, res) => {
    res.json(await openDataset(deps, deps.publicUrl, req.params.id, req.query));
  });

  return router;
}

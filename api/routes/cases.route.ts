import { Router } from 'express';
import { actorOf } from '../auth';
import type { TApiDeps } from '../deps';
import { caseLapse, caseLapseReport } from '../use-cases/lapse';

/** What every case kind shares: the lapse of its legal clock (deemed approval), over api/use-cases/lapse.ts. */
export function casesRoutes(deps: TApiDeps): Router {
  const router = Router();

  router.get('/cases/:id/lapse', async (req, res) => {
    res.json(await caseLapse(deps, actorOf(req), req.params.id));
  });

  router.get('/cases/:id/lapse.pdf', async (req, res) => {
    const { fileName, pdf } = await caseLapseReport(deps, actorOf(req), req.params.id);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).send(pdf);
  });

  return router;
}

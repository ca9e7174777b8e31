import { Router } from 'express';
import { actorOf } from '../auth';
import type { TApiDeps } from '../deps';
import { listPermits, permitCertificate, permitDetail, revisePermit, submitPermit, withdrawPermit } from '../use-cases/permits';

/** The permit endpoints: thin adapters over api/use-cases/permits.ts (the applicant's pages call the same). */
export function permitsRoutes(deps: TApiDeps): Router {
  const router = Router();

  router.post('/permits', async (req, res) => {
    res.status(201).json(await submitPermit(deps, actorOf(req), req.body, req.get('Idempotency-Key')));
  });

  router.get('/permits', async (req, res) => {
    res.json(await listPermits(deps, actorOf(req), req.query));
  });

  router.get('/permits/:id', async (req, res) => {
    res.json(await permitDetail(deps, actorOf(req), req.params.id));
  });

  router.get('/permits/:id/certificate.pdf', async (req, res) => {
    const { fileName, pdf } = await permitCertificate(deps, actorOf(req), req.params.id);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).send(pdf);
  });

  router.post('/permits/:id/revisions', async (req, res) => {
    res.json(await revisePermit(deps, actorOf(req), req.params.id, req.body));
  });

  router.post('/permits/:id/withdrawal', async (req, res) => {
    res.json(await withdrawPermit(deps, actorOf(req), req.params.id, req.body));
  });

  return router;
}

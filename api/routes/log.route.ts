import { Router } from 'express';
import { requireRole } from '../auth';
import type { TApiDeps } from '../deps';
import { ApiError, NOT_YET_PUBLISHED_RETRY_SECONDS } from '../errors';
import { consistencyProof, inclusionProof, latestTreeHead, logEntries, requestTreeHead } from '../use-cases/transparency-log';

/** The transparency log for anyone, no login (issue 13 §1): the signed head, proofs, entries and the seal's certificate. */
export function publicLogRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/public/log/tree-head', async (_req, res) => {
    res.json(await latestTreeHead(deps));
  });
  router.get('/public/log/proof/inclusion', async (req, res) => {
    res.json(await inclusionProof(deps, req.query));
  });
  router.get('/public/log/proof/consistency', async (req, res) => {
    res.json(await consistencyProof(deps, req.query));
  });
  router.get('/public/log/entries', async (req, res) => {
    res.json(await logEntries(deps, req.query));
  });
  router.get('/public/log/seal.pem', async (_req, res) => {
    const seal = await deps.records.officePki.certPem('seal');
    if (!seal) throw new ApiError('UNAVAILABLE', 'the office seal is not created yet (the worker has not started)', undefined, NOT_YET_PUBLISHED_RETRY_SECONDS);
    res.type('application/x-pem-file').send(seal);
  });
  return router;
}

/** An administrator asks for a signed tree head now (the worker signs at least daily on its own). */
export function adminLogRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.post('/admin/log/tree-head', async (req, res) => {
    const actor = requireRole(req, (r) => r === 'admin', 'administrators');
    res.status(201).json(await requestTreeHead(deps, actor, req.get('Idempotency-Key')));
  });
  return router;
}

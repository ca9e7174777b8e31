import { Router } from 'express';
import { actorOf } from '../auth';
import type { TApiDeps } from '../deps';
import {
  contractDetail,
  contractDocument,
  draftContract,
  listContracts,
  proposeAddendum,
  proposeContractVersion,
  requestTermination,
  terminationNotice,
  withdrawAddendum,
  withdrawContract,
} from '../use-cases/contracts';

/** The contract endpoints: thin adapters over api/use-cases/contracts.ts (the contract pages call the same). */
export function contractsRoutes(deps: TApiDeps): Router {
  const router = Router();

  router.post('/contracts', async (req, res) => {
    res.status(201).json(await draftContract(deps, actorOf(req), req.body, req.get('Idempotency-Key')));
  });

  router.get('/contracts', async (req, res) => {
    res.json(await listContracts(deps, actorOf(req), req.query));
  });

  router.get('/contracts/:id', async (req, res) => {
    res.json(await contractDetail(deps, actorOf(req), req.params.id));
  });

  /** A new version of the terms: the vendor's proposal, the PPK's counter-proposal, or the PPK's revision after legal review. */
  router.post('/contracts/:id/versions', async (req, res) => {
    res.status(201).json(await proposeContractVersion(deps, actorOf(req), req.params.id, req.body, req.get('Idempotency-Key')));
  });

  /** An addendum: changes to the terms in force, checked against the 10% cap, run as a child of the contract. */
  router.post('/contracts/:id/addenda', async (req, res) => {
    res.status(201).json(await proposeAddendum(deps, actorOf(req), req.params.id, req.body, req.get('Idempotency-Key')));
  });

  /** The PPK withdraws an addendum not yet approved (e.g. after legal asked for changes); the contract takes a new one. */
  router.post('/contracts/:id/addenda/:addendumId/withdrawal', async (req, res) => {
    res.json(await withdrawAddendum(deps, actorOf(req), req.params.id, req.params.addendumId, req.body));
  });

  /** The PPK ends a contract before it is signed. */
  router.post('/contracts/:id/withdrawal', async (req, res) => {
    res.json(await withdrawContract(deps, actorOf(req), req.params.id, req.body));
  });

  /** The PPK asks to end an active contract early (pemutusan kontrak); legal reviews the request. */
  router.post('/contracts/:id/termination', async (req, res) => {
    res.status(202).json(await requestTermination(deps, actorOf(req), req.params.id, req.body));
  });

  /** The termination notice, to the parties of the contract only. */
  router.get('/contracts/:id/termination.pdf', async (req, res) => {
    const { fileName, pdf } = await terminationNotice(deps, actorOf(req), req.params.id);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).send(pdf);
  });

  router.get('/contracts/:id/document.pdf', async (req, res) => {
    const { fileName, pdf } = await contractDocument(deps, actorOf(req), req.params.id);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).send(pdf);
  });

  return router;
}

import { Router } from 'express';
import { actorOf } from '../auth';
import type { TApiDeps } from '../deps';
import { myNotices } from '../use-cases/notices';
import { signTasks } from '../use-cases/sign-batch';
import { certificatePreview } from '../use-cases/signing-preview';
import { claimTask, decideTask, inbox, releaseTask } from '../use-cases/tasks';

/**
 * The reviewers' inbox. The bodies are the use cases of api/use-cases/tasks.ts, which the pages call too:
 * reads come from the store; claims and decisions are updates on the case's workflow.
 */
export function tasksRoutes(deps: TApiDeps): Router {
  const router = Router();

  router.get('/tasks', async (req, res) => {
    res.json(await inbox(deps, actorOf(req), req.query));
  });

  /** Reminders and escalations of the stages my roles decide, supervise or answer for (issue 10 §2). */
  router.get('/notices', async (req, res) => {
    res.json(await myNotices(deps, actorOf(req), req.query));
  });

  router.post('/tasks/:id/claim', async (req, res) => {
    res.json(await claimTask(deps, actorOf(req), req.params.id));
  });

  router.post('/tasks/:id/release', async (req, res) => {
    res.json(await releaseTask(deps, actorOf(req), req.params.id));
  });

  router.post('/tasks/:id/decision', async (req, res) => {
    res.json(await decideTask(deps, actorOf(req), req.params.id, req.body));
  });

  /** Several of my sign tasks with one passphrase entry; an answer per task (api/use-cases/sign-batch.ts). */
  router.post('/tasks/signatures', async (req, res) => {
    res.json(await signTasks(deps, actorOf(req), req.body, req.get('Idempotency-Key')));
  });

  /** The certificate a sign task will sign, with placeholders for the number and QR code (no number reserved). */
  router.get('/tasks/:id/preview.pdf', async (req, res) => {
    const pdf = await certificatePreview(deps, actorOf(req), req.params.id);
    res.type('application/pdf').setHeader('Content-Disposition', 'inline; filename="pratinjau.pdf"').send(Buffer.from(pdf));
  });

  return router;
}

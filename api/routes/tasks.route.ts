import { Router } from 'express';
import type { Request } from 'express';
import { claimUpdate, decisionUpdate } from '../../workflows/shared/case.messages';
import { actorOf } from '../auth';
import { visibleTask } from '../case-access';
import { updateCase } from '../case-updates';
import { exchangePassphrase } from '../signing-grants';
import type { TApiDeps } from '../deps';
import { ZDecisionSchema } from '../schemas';
import { caseSummary, taskView } from '../views';

/**
 * The reviewers' inbox. Reads come from the store; claims and decisions are updates on the case's workflow,
 * whose validators refuse a wrong role (403), a closed task (409) or an impossible transition (409).
 */
export function tasksRoutes(deps: TApiDeps): Router {
  const router = Router();
  const { records } = deps;

  /** A task exists for holders of its role and for whoever may read its case (the workflow then refuses a wrong role). */
  const staffTask = async (req: Request) => {
    const actor = actorOf(req);
    return { actor, ...(await visibleTask(records, actor, req.params.id as string)) };
  };

  const answer = async (taskId: string, caseId: string) => {
    const [task, row] = await Promise.all([records.getTask(taskId), records.getCase(caseId)]);
    return { task: task && taskView(task), case: row && caseSummary(row) };
  };

  router.get('/tasks', async (req, res) => {
    const actor = actorOf(req);
    const tasks = await records.listOpenTasks(actor.roles.filter((r) => r !== 'applicant'));
    res.json({ items: tasks.map(taskView) });
  });

  router.post('/tasks/:id/claim', async (req, res) => {
    const { actor, task, row } = await staffTask(req);
    await updateCase(deps, row, claimUpdate, { actor, taskId: task.id });
    res.json(await answer(task.id, row.caseId));
  });

  router.post('/tasks/:id/decision', async (req, res) => {
    const { actor, task, row } = await staffTask(req);
    const body = ZDecisionSchema.parse(req.body);
    const grantId = task.kind === 'sign' && body.outcome === 'sign' ? await exchangePassphrase(deps, actor, task, body.passphrase!) : null;
    await updateCase(deps, row, decisionUpdate, { actor, taskId: task.id, outcome: body.outcome, comment: body.comment ?? null, grantId });
    res.json(await answer(task.id, row.caseId));
  });

  return router;
}

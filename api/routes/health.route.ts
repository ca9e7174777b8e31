import { Router } from 'express';
import type { TApiDeps } from '../deps';

/** Liveness (the process answers) and readiness (Temporal and the store answer). */
export function healthRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const check = async (probe: () => Promise<unknown>) =>
      probe().then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      );
    const [temporal, store] = await Promise.all([
      check(() =>
        deps.temporal.connection.withDeadline(Date.now() + 2000, () => deps.temporal.workflowService.getSystemInfo({})),
      ),
      check(() => deps.records.ping()),
    ]);
    const ready = temporal === 'ok' && store === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', temporal, store });
  });
  return router;
}

import { Router } from 'express';
import { workingDaysBetween } from '../../domain/calendar';
import { requireRole } from '../auth';
import type { TApiDeps } from '../deps';
import { caseSummary } from '../views';

/** Service-level oversight: every open case with its stage, age in working days and due dates, overdue first. */
export function adminRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/admin/cases', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    const now = new Date();
    const cases = await deps.records.listOpenCases(now);
    res.json({
      asOf: now.toISOString(),
      items: cases.map((row) => ({
        ...caseSummary(row),
        kind: row.kind,
        ageWorkingDays: workingDaysBetween(new Date(row.submittedAt), now, deps.calendar),
        overdue: row.overdue,
      })),
    });
  });
  return router;
}

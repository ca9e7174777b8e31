import { Router } from 'express';
import { workingDaysBetween } from '../../domain/calendar';
import { requireRole } from '../auth';
import type { TApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { ZRevocationSchema } from '../schemas';
import { withMaskedApplicant } from '../views';

/** Service-level oversight: every open case with its stage, age in working days and due dates, overdue first. */
export function adminRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/admin/cases', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    const now = new Date();
    const cases = await deps.records.listOpenCases(now);
    const applicants = await deps.records.getApplicants(cases.map((row) => row.caseId));
    res.json({
      asOf: now.toISOString(),
      items: cases.map((row) => ({
        ...withMaskedApplicant(row, applicants),
        kind: row.kind,
        ageWorkingDays: workingDaysBetween(new Date(row.submittedAt), now, deps.calendar),
        overdue: row.overdue,
      })),
    });
  });
  router.post('/admin/permits/:id/revocation', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    const { reason } = ZRevocationSchema.parse(req.body);
    const issued = await deps.records.issuance.byCase(req.params.id);
    if (!issued) throw notFound('issued permit');
    if (!(await deps.records.issuance.changeStatus(issued.number, 'revoked', reason))) {
      throw new ApiError('CONFLICT', `permit ${issued.number} is already ${issued.status}`);
    }
    req.log.info({ number: issued.number }, 'permit revoked');
    const after = await deps.records.issuance.byNumber(issued.number);
    res.json({ number: after!.number, status: after!.status, reason: after!.statusReason, revokedAt: after!.statusChangedAt });
  });
  return router;
}

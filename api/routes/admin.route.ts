import { Router } from 'express';
import { workingDaysBetween } from '../../domain/calendar';
import type { TCaseRow } from '../../store/records.types';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { requireRole } from '../auth';
import { workflowTaskFailing } from '../case-updates';
import type { TApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { ZAdminCasesQuerySchema, ZRevocationSchema } from '../schemas';
import { withMaskedApplicant } from '../views';

/** At most this many cases are described per request (overdue first, as listOpenCases orders them). */
const STUCK_SCAN_LIMIT = 500;
const STUCK_SCAN_CONCURRENCY = 8;

/**
 * The open cases whose workflow task keeps failing. The dev server (Temporal 1.29) has no
 * TemporalReportedProblems search attribute to ask Visibility, so each open case's workflow is described.
 */
async function stuckCases<T extends TCaseRow>(deps: TApiDeps, open: T[]): Promise<T[]> {
  const scanned = open.slice(0, STUCK_SCAN_LIMIT);
  const failing: boolean[] = new Array(scanned.length).fill(false);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < scanned.length; i = next++) {
      failing[i] = await workflowTaskFailing(deps.temporal, caseWorkflowId(scanned[i]!.kind, scanned[i]!.caseId));
    }
  };
  await Promise.all(Array.from({ length: STUCK_SCAN_CONCURRENCY }, worker));
  return scanned.filter((_, i) => failing[i]);
}

/** Service-level oversight: every open case with its stage, age in working days and due dates, overdue first. */
export function adminRoutes(deps: TApiDeps): Router {
  const router = Router();
  router.get('/admin/cases', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    const { problem } = ZAdminCasesQuerySchema.parse(req.query);
    const now = new Date();
    const open = await deps.records.listOpenCases(now);
    // Active contracts are settled for the office but their workflows run (addenda): they can be stuck too.
    const running = async () => [
      ...open,
      ...(await deps.records.listCases({ status: 'active', limit: STUCK_SCAN_LIMIT, offset: 0 })).items.map((r) => ({ ...r, overdue: false })),
    ];
    const cases = problem === 'stuck' ? await stuckCases(deps, await running()) : open;
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
  /** What an administrator should look into: signers locked out after wrong passphrases, newest first. */
  router.get('/admin/security-events', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    res.json({ items: await deps.records.security.listEvents(200) });
  });
  router.post('/admin/permits/:id/revocation', async (req, res) => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    const { reason, reasonCode } = ZRevocationSchema.parse(req.body);
    const issued = await deps.records.issuance.byCase(req.params.id);
    if (!issued) throw notFound('issued permit');
    if (!(await deps.records.issuance.changeStatus(issued.number, 'revoked', reason, new Date(), reasonCode))) {
      throw new ApiError('CONFLICT', `permit ${issued.number} is already ${issued.status}`);
    }
    req.log.info({ number: issued.number }, 'permit revoked');
    const after = await deps.records.issuance.byNumber(issued.number);
    res.json({ number: after!.number, status: after!.status, reason: after!.statusReason, reasonCode: after!.publicReason, revokedAt: after!.statusChangedAt });
  });
  return router;
}

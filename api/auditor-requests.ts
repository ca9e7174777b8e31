import type { NextFunction, Request, Response } from 'express';
import { isAuditor, type TActor } from '../domain/roles';
import { auditorReadItem } from '../store/audit-items';
import type { Records } from '../store/records';
import { ApiError } from './errors';

/** The case a path names, when it names one (`/permits/<id>…`, `/contracts/<id>…`, `/cases/<id>…`, `/audit/kasus/<id>`). */
const CASE_PATH = /^\/(?:api\/v1\/)?(?:permits|contracts|cases|audit\/kasus)\/([\w-]+)/;

/**
 * Logs one read of an auditor in the transparency log before it is answered (a read that cannot be logged is not
 * answered). The one place both the API and the pages log auditors' reads.
 */
export async function logAuditorRead(records: Records, actor: TActor, target: string, now = new Date()): Promise<void> {
  const caseId = CASE_PATH.exec(target)?.[1];
  await records.auditLog.append([auditorReadItem({ actorId: actor.userId, target, ...(caseId ? { caseId } : {}), at: now.toISOString() })]);
}

/** The only write an auditor makes: acknowledging a finding. */
const AUDITOR_WRITES = /^\/audit\/findings\/[^/]+\/acknowledgement$/;

/**
 * The API's rule for auditors, after authentication: they never write (403 on every write but the acknowledgement
 * of a finding, before any route looks at the request) and every read of theirs is logged.
 */
export function auditorRequests(records: Records) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const actor = req.actor;
    if (!actor || !isAuditor(actor)) return next();
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        if (!AUDITOR_WRITES.test(req.path)) throw new ApiError('FORBIDDEN', 'auditors read only');
        return next();
      }
      await logAuditorRead(records, actor, req.path);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The pages' rule for auditors, after the session: every page they read is logged (the /audit pages and any other). */
export function auditorPageReads(records: Records) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !req.actor || !isAuditor(req.actor)) return next();
    try {
      await logAuditorRead(records, req.actor, req.path);
      next();
    } catch (err) {
      next(err);
    }
  };
}

import crypto from 'node:crypto';
import type { TLogItem } from './audit-log';

/**
 * The transparency log's items of the Inspektorat's own work: each read of an auditor (who looked at what, and
 * when) and each acknowledgement of an anomaly finding. Ids only, as for every item (store/log-items.ts).
 */

/** One read: `target` is the path read (it names the case, document or export); a fresh key each time. */
export const auditorReadItem = (r: { actorId: string; target: string; caseId?: string; at: string }): TLogItem => ({
  key: `audit-read:${crypto.randomUUID()}`,
  at: r.at,
  kind: 'audit-read',
  action: 'read',
  actor: r.actorId,
  subjects: { target: r.target, ...(r.caseId ? { caseId: r.caseId } : {}) },
  content: r,
});

export const findingAcknowledgedItem = (f: { findingId: string; rule: string; caseId: string; by: string; at: string; note: string }): TLogItem => ({
  key: `finding-acknowledged:${f.findingId}`,
  at: f.at,
  kind: 'audit-finding',
  action: 'acknowledged',
  actor: f.by,
  subjects: { findingId: f.findingId, rule: f.rule, caseId: f.caseId },
  content: f,
});

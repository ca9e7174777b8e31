import type { TAuditCase } from '../../domain/anomalies/finding';
import type { TCaseEvent } from '../../domain/case';

/** The anomaly rules' input for unit tests (domain/anomalies/, the /audit page's words): one case as the rules read it. */

let seq = 0;

/** An event of case c1 by a reviewer of DPMPTSP; numbered in order unless `at` a given `seq`. */
export const auditEvent = (action: TCaseEvent['action'], at: string, actorId = 'rahmat', stageId: string | null = 'completeness', eventSeq = seq++): TCaseEvent => ({
  caseId: 'c1',
  seq: eventSeq,
  at,
  actorId,
  role: 'reviewer:dpmptsp',
  action,
  stageId,
  comment: null,
});

/** A permit decided in office hours by three people, signed once, issued on time: nothing to find. */
export function normalAuditCase(overrides: Partial<TAuditCase> = {}): TAuditCase {
  return {
    caseId: 'c1',
    kind: 'permit',
    typeId: 'reklame',
    registrationNumber: 'REG/REK/2026/000001',
    status: 'issued',
    // Tuesday 10 November 2026, 09:00 WIB onwards
    submittedAt: '2026-11-10T02:00:00.000Z',
    closedAt: '2026-11-12T07:00:00.000Z',
    caseDueAt: '2026-11-20T09:00:00.000Z',
    outcomeReason: null,
    events: [
      auditEvent('approve', '2026-11-10T03:00:00.000Z', 'rahmat', 'completeness'),
      auditEvent('approve', '2026-11-11T04:00:00.000Z', 'agus', 'technical'),
      auditEvent('sign', '2026-11-12T07:00:00.000Z', 'kepala', null),
    ],
    signatures: [{ step: 'head', userId: 'kepala', signedAt: '2026-11-12T07:00:00.000Z', inputSha256: 'a'.repeat(64), outputSha256: 'b'.repeat(64) }],
    issuedSha256: 'b'.repeat(64),
    ...overrides,
  };
}

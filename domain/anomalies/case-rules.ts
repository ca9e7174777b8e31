import { DECISION_ACTIONS, type TAuditCase, type TFinding } from './finding';
import { officeMoment, type TOfficeHours } from './office-hours';

/** The rules that read one case alone (its events, signatures, dates), each a pure function. */

const HOUR_MS = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR_MS) * 10) / 10;
const decisionsOf = (c: TAuditCase) => c.events.filter((e) => DECISION_ACTIONS.has(e.action) && e.actorId !== 'system');

/** Decisions made while the office was closed (evenings, weekends, holidays), with their local time and that day's hours. */
export function afterHoursDecisions(c: TAuditCase, office: TOfficeHours): TFinding[] {
  return decisionsOf(c).flatMap((e) => {
    const { open, ...moment } = officeMoment(e.at, office);
    if (open) return [];
    return [{ rule: 'after_hours_decision', caseId: c.caseId, subject: `event:${e.seq}`, evidence: { seq: e.seq, action: e.action, actorId: e.actorId, role: e.role, stageId: e.stageId, at: e.at, ...moment } }];
  });
}

/** One person deciding two or more stages of the same case (the four-eyes principle). */
export function samePersonTwoStages(c: TAuditCase): TFinding[] {
  const stagesBy = new Map<string, Set<string>>();
  for (const e of decisionsOf(c)) {
    if (!e.stageId) continue;
    stagesBy.set(e.actorId, (stagesBy.get(e.actorId) ?? new Set()).add(e.stageId));
  }
  return [...stagesBy].filter(([, stages]) => stages.size >= 2).map(([actorId, stages]) => ({ rule: 'same_person_two_stages', caseId: c.caseId, subject: `actor:${actorId}`, evidence: { actorId, stages: [...stages] } }));
}

/** Fewer than a tenth of the type's median time from submission to issue (the median of at least `minSamples` issued permits). */
export function fastApproval(c: TAuditCase, typeMedianMs: ReadonlyMap<string, { medianMs: number; samples: number }>, minSamples = 5): TFinding[] {
  const usual = typeMedianMs.get(c.typeId);
  if (c.kind !== 'permit' || c.status !== 'issued' || !c.closedAt || !usual || usual.samples < minSamples) return [];
  const tookMs = Date.parse(c.closedAt) - Date.parse(c.submittedAt);
  if (tookMs >= usual.medianMs / 10) return [];
  return [{ rule: 'fast_approval', caseId: c.caseId, subject: '', evidence: { typeId: c.typeId, tookHours: hours(tookMs), typeMedianHours: hours(usual.medianMs), samples: usual.samples } }];
}

/** More than `maxLoops` rounds of changes requested and revised. */
export function revisionLoops(c: TAuditCase, maxLoops = 2): TFinding[] {
  const requests = c.events.filter((e) => e.action === 'request_changes');
  if (requests.length <= maxLoops) return [];
  return [{ rule: 'revision_loops', caseId: c.caseId, subject: '', evidence: { loops: requests.length, requestedAt: requests.map((e) => e.at), by: requests.map((e) => e.actorId) } }];
}

/**
 * A signature on a document other than the one approved for it: each signer must sign what they approved (the
 * content of the preview they were shown, against the content of the document signed: number, date and verification
 * aside, which a preview cannot have), each signature must sign what the one before it produced, and the document
 * registered as issued must be what the last signature produced.
 */
export function signedDocumentDiffers(c: TAuditCase): TFinding[] {
  const findings: TFinding[] = [];
  for (const s of c.signatures) {
    if (!s.approvedContentSha256 || !s.inputContentSha256 || s.approvedContentSha256 === s.inputContentSha256) continue;
    findings.push({
      rule: 'signed_document_differs',
      caseId: c.caseId,
      subject: `approved:${s.step}`,
      evidence: { step: s.step, signerId: s.userId, signedAt: s.signedAt, approvedContentSha256: s.approvedContentSha256, signedContentSha256: s.inputContentSha256, signedInputSha256: s.inputSha256 },
    });
  }
  c.signatures.forEach((s, i) => {
    const before = c.signatures[i - 1];
    if (before && s.inputSha256 !== before.outputSha256) {
      findings.push({ rule: 'signed_document_differs', caseId: c.caseId, subject: `step:${s.step}`, evidence: { step: s.step, signerId: s.userId, signedInputSha256: s.inputSha256, approvedSha256: before.outputSha256, approvedBy: before.step } });
    }
  });
  const last = c.signatures.at(-1);
  if (last && c.issuedSha256 && c.issuedSha256 !== last.outputSha256) {
    findings.push({ rule: 'signed_document_differs', caseId: c.caseId, subject: 'issued', evidence: { step: last.step, signedOutputSha256: last.outputSha256, issuedSha256: c.issuedSha256 } });
  }
  return findings;
}

/** A permit issued after its legal deadline with no reason recorded. */
export function issuedAfterDeadline(c: TAuditCase): TFinding[] {
  if (c.kind !== 'permit' || c.status !== 'issued' || !c.closedAt || !c.caseDueAt || c.outcomeReason) return [];
  const lateMs = Date.parse(c.closedAt) - Date.parse(c.caseDueAt);
  if (lateMs <= 0) return [];
  return [{ rule: 'issued_after_deadline', caseId: c.caseId, subject: '', evidence: { closedAt: c.closedAt, caseDueAt: c.caseDueAt, lateHours: hours(lateMs) } }];
}

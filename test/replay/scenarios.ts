import { decisionUpdate, revisionUpdate, withdrawalUpdate } from '../../workflows/shared/case.messages';
import type { TCaseView } from '../../workflows/shared/case.messages';
import { applicant, caseHandle, decideAll, openTasks, signAsHead, startPermit } from '../harness/cases';

/** Canonical case histories: recorded once into histories/ and replayed by every later run. */
export const SCENARIOS: Record<string, () => Promise<TCaseView>> = {
  async 'pbg-approved'() {
    let v = await startPermit('pbg');
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return v;
  },
  async 'pbg-changes-then-approved'() {
    let v = await startPermit('pbg');
    v = await decideAll(v.caseId, 'approve');
    const [first] = openTasks(v);
    v = await caseHandle(v.caseId).executeUpdate(decisionUpdate, {
      args: [{ actor: { userId: 'rina', roles: [first!.role] }, taskId: first!.id, outcome: 'request_changes', comment: 'Revisi gambar' }],
    });
    v = await decideAll(v.caseId, 'approve');
    v = await caseHandle(v.caseId).executeUpdate(revisionUpdate, {
      args: [{ actor: applicant(), fields: {}, documents: { structural_drawings: { id: 'doc-2', sha256: 'a'.repeat(64) } }, comment: 'Sudah' }],
    });
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return v;
  },
  async 'sip-rejected'() {
    let v = await startPermit('sip');
    v = await decideAll(v.caseId, 'approve');
    return decideAll(v.caseId, 'reject');
  },
  async 'reklame-issued'() {
    let v = await startPermit('reklame');
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return signAsHead(v.caseId);
  },
  async 'reklame-withdrawn'() {
    const v = await startPermit('reklame');
    return caseHandle(v.caseId).executeUpdate(withdrawalUpdate, { args: [{ actor: applicant(), reason: 'Batal' }] });
  },
};

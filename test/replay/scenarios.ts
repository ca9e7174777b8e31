import { calendarChangedSignal, decisionUpdate, revisionUpdate, viewQuery, withdrawalUpdate } from '../../workflows/shared/case.messages';
import type { TCaseView } from '../../workflows/shared/case.messages';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { applicant, caseHandle, decideAll, openTasks as openCaseTasks, signAsHead, startLapsingPermit, startPermit, updatePermit } from '../harness/cases';
import { until } from '../harness/until';
import { activeContract, completeAddendum, decide, draft, legalApproves, legalDecidesTermination, openTasks, proposeAddendum, proposeVersion, requestTermination } from '../harness/contracts';

/** Canonical case histories: recorded once into histories/ and replayed by every later run. */
export const SCENARIOS: Record<string, () => Promise<Pick<TCaseView, 'caseId' | 'kind'>>> = {
  async 'pbg-approved'() {
    let v = await startPermit('pbg');
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return v;
  },
  async 'pbg-changes-then-approved'() {
    let v = await startPermit('pbg');
    v = await decideAll(v.caseId, 'approve');
    const [first] = openCaseTasks(v);
    v = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'rina', roles: [first!.role] }, taskId: first!.id, outcome: 'request_changes', comment: 'Revisi gambar' });
    v = await decideAll(v.caseId, 'approve');
    v = await updatePermit(v.caseId, revisionUpdate, { actor: applicant(), fields: {}, documents: { structural_drawings: { id: 'doc-2', sha256: 'a'.repeat(64) } }, comment: 'Sudah' });
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return v;
  },
  /** The same path with the pause ledger (case-pause-ledger-v1): the request for changes stops the clock, the revision starts it. */
  'pbg-changes-paused-ledger': pbgChangesRevised,
  /** Reminder timers armed on every review stage and re-armed across a request for changes (case-stage-reminders-v1). */
  async 'reklame-changes-reminders-armed'() {
    let v = await startPermit('reklame');
    v = await decideAll(v.caseId, 'approve');
    v = await decideAll(v.caseId, 'request_changes');
    v = await updatePermit(v.caseId, revisionUpdate, { actor: applicant(), fields: {}, documents: { design: { id: 'doc-2', sha256: 'a'.repeat(64) } }, comment: 'Sudah' });
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return signAsHead(v.caseId);
  },
  /** A closure declared on the next days while the case is in review moves its deadlines (case-calendar-changes-v1). */
  async 'reklame-calendar-changed'() {
    let v = await startPermit('reklame');
    v = await decideAll(v.caseId, 'approve');
    const days = [1, 2, 3].map((n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10));
    const closures = days.map((date) => ({ date, reason: 'Banjir' }));
    const change = { changeId: 'replay-change', revision: 1, action: 'added' as const, date: days[0]!, reason: 'Banjir' };
    await caseHandle(v.caseId).signal(calendarChangedSignal, { change, closures });
    await until(async () => (await caseHandle(v.caseId).query(viewQuery)).events.some((e) => e.action === 'deadline_moved'), 'the deadline moved');
    v = await caseHandle(v.caseId).query(viewQuery);
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    return signAsHead(v.caseId);
  },
  /** Deemed approval, `auto_approve` (case-deemed-approval-v1): the case deadline lapses in review, the case is signed deemed approved. */
  async 'reklame-lapsed-deemed-approved'() {
    const v = await lapsedInReview('auto_approve');
    await until(async () => (await caseHandle(v.caseId).query(viewQuery)).status === 'awaiting_signature', 'deemed approved', 120_000);
    return signAsHead(v.caseId);
  },
  /** Deemed approval, `flag`: the administrator lets the review go on, and the review approves. */
  async 'reklame-lapsed-flag-continued'() {
    const v = await lapsedInReview('flag');
    const taskId = v.clock!.lapse!.taskId!;
    let w = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'admin', roles: ['admin'] }, taskId, outcome: 'continue_review', comment: null });
    while (w.status === 'in_review') w = await decideAll(v.caseId, 'approve');
    return signAsHead(v.caseId);
  },
  async 'sip-rejected'() {
    let v = await startPermit('sip');
    v = await decideAll(v.caseId, 'approve');
    return decideAll(v.caseId, 'reject');
  },
  'reklame-issued': reklameIssued,
  /** The same path with the projection written by a local activity (case-local-projection-v1). */
  'reklame-issued-local-projection': reklameIssued,
  /** The same path with each update answering with its projection for the API to write (case-projection-in-answer-v1). */
  'reklame-issued-projection-in-answer': reklameIssued,
  /** Parallel reviewers, a request for changes and a revision, each update answering with its projection. */
  'pbg-changes-projection-in-answer': pbgChangesRevised,
  /** The same two paths with the projector leaving answered versions to their callers, search attributes upserted on change (case-quiet-history-v1). */
  'reklame-issued-quiet-history': reklameIssued,
  'pbg-changes-quiet-history': pbgChangesRevised,
  async 'contract-negotiated-active'() {
    const id = await draft();
    await legalApproves(id);
    await proposeVersion(id, 'vendor-a', 13_500_000);
    await decide('ppk', (await openTasks(id)).find((t) => t.kind === 'ppk_review')!.id, { outcome: 'accept' });
    await decide('vendor-a', (await openTasks(id, 'vendor-a')).find((t) => t.kind === 'guarantee')!.id, { outcome: 'submit', comment: 'JP-1' });
    for (const user of ['vendor-a', 'ppk']) {
      const sign = (await openTasks(id, user)).find((t) => t.kind === 'sign')!;
      await decide(user, sign.id, { outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
    }
    return { caseId: id, kind: 'contract' };
  },
  async 'contract-amended'() {
    const id = await activeContract();
    await completeAddendum(id, await proposeAddendum(id));
    return { caseId: id, kind: 'contract' };
  },
  async 'addendum-issued'() {
    const id = await activeContract();
    const addendumId = await proposeAddendum(id);
    await completeAddendum(id, addendumId);
    return { caseId: addendumId, kind: 'addendum' };
  },
  async 'contract-terminated'() {
    const id = await activeContract();
    await requestTermination(id);
    await legalDecidesTermination(id, 'approve');
    return { caseId: id, kind: 'contract' };
  },
  // Negotiation, signature and termination review due by the office rule (case-office-deadlines-v1).
  async 'contract-terminated-office-deadlines'() {
    const id = await activeContract();
    await requestTermination(id);
    await legalDecidesTermination(id, 'approve');
    return { caseId: id, kind: 'contract' };
  },
  async 'addendum-cancelled-by-termination'() {
    const id = await activeContract();
    const addendumId = await proposeAddendum(id);
    await requestTermination(id);
    await legalDecidesTermination(id, 'approve');
    return { caseId: addendumId, kind: 'addendum' };
  },
  async 'reklame-withdrawn'() {
    const v = await startPermit('reklame');
    return updatePermit(v.caseId, withdrawalUpdate, { actor: applicant(), reason: 'Batal' });
  },
};

/** Parallel reviewers, both asking for changes at the second stage, a revision, then approval to the end. */
async function pbgChangesRevised(): Promise<TCaseView> {
  let v = await startPermit('pbg');
  v = await decideAll(v.caseId, 'approve');
  v = await decideAll(v.caseId, 'request_changes');
  v = await updatePermit(v.caseId, revisionUpdate, { actor: applicant(), fields: {}, documents: { structural_drawings: { id: 'doc-2', sha256: 'a'.repeat(64) } }, comment: 'Sudah' });
  while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
  return v;
}

async function reklameIssued(): Promise<TCaseView> {
  let v = await startPermit('reklame');
  while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
  return signAsHead(v.caseId);
}

/** A one-day reklame whose case deadline falls at a local midnight 10–70 s away, past its completeness check, once lapsed. */
async function lapsedInReview(policy: 'flag' | 'auto_approve'): Promise<TCaseView> {
  const midnight = new Date(Math.ceil((Date.now() + 10_000) / 60_000) * 60_000);
  const v = await startLapsingPermit('reklame', policy, midnight);
  await decideAll(v.caseId, 'approve');
  return until(async () => {
    const w = await caseHandle(v.caseId).query(viewQuery);
    return w.clock?.lapse ? w : undefined;
  }, 'the lapse', 120_000);
}

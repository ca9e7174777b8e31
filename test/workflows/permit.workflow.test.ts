import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'chai';
import {
  claimUpdate,
  decisionUpdate,
  revisionUpdate,
  withdrawalUpdate,
} from '../../workflows/shared/case.messages';
import { applicant, caseHandle, decideAll, openTasks, quiescent, signAsHead, startPermit, updatePermit, view } from '../harness/cases';
import { harness } from '../harness/harness';

async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the update should have been refused').to.be.instanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).to.be.instanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('permit workflow on the real Temporal server', () => {
  for (const typeId of ['pbg', 'reklame', 'sip']) {
    it(`runs the happy path of ${typeId} through every stage to a signed, issued certificate`, async () => {
      const type = harness().catalog.get(typeId)!;
      const registered = await startPermit(typeId);
      expect(registered.registrationNumber).to.match(new RegExp(`^REG/${type.code}/\\d{4}/\\d{6}$`));
      expect(registered.status).to.equal('in_review');
      expect(registered.stage?.id).to.equal(type.stages[0]!.id);

      const seenStages: string[] = [];
      let v = registered;
      while (v.status === 'in_review') {
        seenStages.push(v.stage!.id);
        const parallelRoles = openTasks(v).map((t) => t.role);
        const stage = type.stages.find((s) => s.id === v.stage!.id)!;
        expect(parallelRoles).to.have.members(stage.roles);
        v = await decideAll(v.caseId, 'approve');
      }
      expect(v.status).to.equal('awaiting_signature');
      expect(seenStages).to.deep.equal(type.stages.map((s) => s.id));
      expect(openTasks(v).map((t) => [t.kind, t.role])).to.deep.equal([['sign', 'approver:kepala-dpmptsp']]);

      v = await signAsHead(v.caseId);
      expect(v.status).to.equal('issued');
      expect(v.documentNumber).to.match(new RegExp(`/${type.code}/DPMPTSP/[IVX]+/\\d{4}$`));
      const result = await caseHandle(v.caseId).result();
      expect(result.status).to.equal('issued');

      const row = await harness().records.getCase(v.caseId);
      expect(row?.status).to.equal('issued');
      expect(row?.registrationNumber).to.equal(registered.registrationNumber);
      const issued = await harness().records.issuance.byCase(v.caseId);
      expect(issued).to.include({ number: v.documentNumber, status: 'valid', signerName: 'Drs. H. Syarif Abdullah, M.Si.' });
      const events = await harness().records.listEvents(v.caseId);
      expect(events.map((e) => e.seq)).to.deep.equal(events.map((_, i) => i + 1));
      expect(events.map((e) => e.action).slice(-4)).to.deep.equal(['approved', 'stage_opened', 'sign', 'issued']);
      const outbox = await harness().records.outbox.forCase(v.caseId);
      expect(outbox.map((m) => m.key)).to.deep.equal([`${v.caseId}:received`, `${v.caseId}:issued`]);
      // The receipt carries the number and the tracking PIN, which no workflow ever held (derived by the worker).
      expect(outbox[0]!.body).to.include(registered.registrationNumber).and.include(`PIN pelacakan    : ${harness().records.trackingPin(v.caseId)}`);
    });
  }

  it('waits for every parallel reviewer, returns to the stage on request for changes, then approves', async () => {
    let v = await startPermit('pbg');
    v = await decideAll(v.caseId, 'approve'); // completeness check
    const review = openTasks(v);
    expect(review.map((t) => t.role)).to.have.members(['reviewer:pupr', 'reviewer:damkar']);
    const [first, second] = review;

    // One reviewer asks for changes: the stage waits for the other.
    v = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'rina', roles: [first!.role] }, taskId: first!.id, outcome: 'request_changes', comment: 'Gambar struktur belum ditandatangani' });
    expect(v.status).to.equal('in_review');
    v = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'dedi', roles: [second!.role] }, taskId: second!.id, outcome: 'approve', comment: null });
    expect(v.status).to.equal('changes_requested');
    expect((await harness().records.getCase(v.caseId))?.status).to.equal('changes_requested');

    // The applicant revises; the same stage opens again with fresh tasks for both reviewers.
    v = await updatePermit(v.caseId, revisionUpdate, { actor: applicant(), fields: { floor_count: 3 }, documents: {}, comment: 'Sudah diperbaiki' });
    expect(v.status).to.equal('in_review');
    expect(v.stage).to.include({ id: 'kajian_teknis', round: 2 });
    expect(openTasks(v)).to.have.length(2);
    expect(openTasks(v).every((t) => !review.some((r) => r.id === t.id))).to.equal(true);

    v = await decideAll(v.caseId, 'approve');
    v = await decideAll(v.caseId, 'approve');
    expect(v.status).to.equal('awaiting_signature');
    expect(v.events.map((e) => e.action)).to.include.members(['request_changes', 'revised', 'approved']);
  });

  it('rejects a case with the reviewer’s reason and cancels the other open tasks', async () => {
    let v = await startPermit('pbg');
    v = await decideAll(v.caseId, 'approve');
    const [first] = openTasks(v);
    v = await updatePermit(v.caseId, decisionUpdate, { actor: { userId: 'rina', roles: [first!.role] }, taskId: first!.id, outcome: 'reject', comment: 'Lokasi di jalur hijau' });
    expect(v.status).to.equal('in_review');
    v = await decideAll(v.caseId, 'approve');
    expect(v.status).to.equal('rejected');
    expect(v.outcomeReason).to.equal('Lokasi di jalur hijau');
    expect(openTasks(v)).to.have.length(0);
  });

  it('lets the applicant withdraw while a task is open, cancelling it', async () => {
    const v0 = await startPermit('reklame');
    const v = await updatePermit(v0.caseId, withdrawalUpdate, { actor: applicant(), reason: 'Batal pasang' });
    expect(v.status).to.equal('withdrawn');
    expect(v.tasks.every((t) => t.status === 'cancelled')).to.equal(true);
    const tasks = await harness().records.listTasksForCase(v.caseId);
    expect(tasks.map((t) => t.status)).to.deep.equal(['cancelled']);
    expect((await caseHandle(v.caseId).result()).status).to.equal('withdrawn');
  });

  it('refuses an update from the wrong role at once and writes nothing to history', async () => {
    const v = await startPermit('pbg');
    const handle = caseHandle(v.caseId);
    await quiescent(v.caseId);
    const before = (await handle.fetchHistory()).events?.length ?? 0;
    const [task] = openTasks(v);

    const wrongRole = await refusal(
      handle.executeUpdate(decisionUpdate, {
        args: [{ actor: { userId: 'dedi', roles: ['reviewer:damkar'] }, taskId: task!.id, outcome: 'approve', comment: null }],
      }),
    );
    expect(wrongRole.type).to.equal('NotPermitted');
    const notApplicant = await refusal(handle.executeUpdate(withdrawalUpdate, { args: [{ actor: applicant('siti'), reason: null }] }));
    expect(notApplicant.type).to.equal('NotPermitted');
    const notRevisable = await refusal(
      handle.executeUpdate(revisionUpdate, { args: [{ actor: applicant(), fields: { floor_count: 2 }, documents: {}, comment: null }] }),
    );
    expect(notRevisable.type).to.equal('InvalidTransition');
    const noSuchTask = await refusal(
      handle.executeUpdate(claimUpdate, { args: [{ actor: { userId: 'x', roles: ['reviewer:dpmptsp'] }, taskId: 'nope', }] }),
    );
    expect(noSuchTask.type).to.equal('TaskNotFound');

    const history = await handle.fetchHistory();
    expect(history.events?.length ?? 0).to.equal(before);
    const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).to.have.length(1); // only the registration update
    expect((await view(v.caseId)).events.map((e) => e.action)).to.deep.equal(['submitted', 'registered', 'stage_opened']);
  });

  it('opens a new sign task when the signing grant is refused, then issues once signed', async () => {
    let v = await startPermit('reklame');
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    const [signTask] = openTasks(v);
    const wrongOutcome = await refusal(
      caseHandle(v.caseId).executeUpdate(decisionUpdate, {
        args: [{ actor: { userId: 'kepala', roles: [signTask!.role] }, taskId: signTask!.id, outcome: 'approve', comment: null }],
      }),
    );
    expect(wrongOutcome.type).to.equal('InvalidInput');
    // A grant whose passphrase no longer opens the key is refused by the signing activity.
    v = await signAsHead(v.caseId, 'bukan-passphrase-yang-benar');
    expect(v.status).to.equal('awaiting_signature');
    expect(v.events.at(-2)?.action).to.equal('sign_failed');
    expect(openTasks(v)).to.have.length(1);
    expect(openTasks(v)[0]!.id).not.to.equal(signTask!.id);
    v = await signAsHead(v.caseId);
    expect(v.status).to.equal('issued');
    expect(v.events.filter((e) => e.action === 'issued')).to.have.length(1);
  });

  it('refuses a second decision on a decided task as closed', async () => {
    const v = await startPermit('pbg');
    const [task] = openTasks(v);
    const actor = { userId: 'ani', roles: [task!.role] };
    await caseHandle(v.caseId).executeUpdate(decisionUpdate, { args: [{ actor, taskId: task!.id, outcome: 'approve', comment: null }] });
    const again = await refusal(
      caseHandle(v.caseId).executeUpdate(decisionUpdate, { args: [{ actor, taskId: task!.id, outcome: 'approve', comment: null }] }),
    );
    expect(again.type).to.equal('TaskClosed');
  });
});

import crypto from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { expect } from 'chai';
import { createRecordActivities } from '../../activities/records.activities';
import { retriedStart, startCase, updateCase } from '../../api/case-updates';
import { loadOrganisation } from '../../store/organisation';
import { caseWorkflowId, decisionUpdate, registrationUpdate, viewQuery } from '../../workflows/shared/case.messages';
import { applicant, caseHandle, openTasks, quiescent, sampleApplicant, sampleFields, startPermit, view } from '../harness/cases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

/**
 * Cases with `case-projection-in-answer-v1`: an update answers with the projection of its version and the API writes
 * it (api/case-updates.ts writeAnswer), so the store shows a decision the moment the request returns, whatever the
 * projector's activity is doing. Shown with the activities of the case's queue on a worker of their own, shut down
 * before the decision: its projection activity cannot run until a new activity worker comes, and then writes the
 * same version again, which changes nothing.
 */
describe('an update answered with its projection, written by the API (case-projection-in-answer-v1)', function () {
  this.timeout(120_000);
  const taskQueue = `sahkan-test-answer-${process.pid}`;
  let connection: NativeConnection;
  let workflows: { worker: Worker; running: Promise<void> };
  const caseId = crypto.randomBytes(12).toString('hex');
  const handle = () => harness().client.workflow.getHandle(caseWorkflowId('permit', caseId));
  const deps = () => ({ ...harness().apiDeps, taskQueue });

  /** A worker with the record activities only (the permit's review needs no others): the projector's writes. */
  async function activityWorker(): Promise<{ worker: Worker; running: Promise<void> }> {
    const { records, catalog, contractTypes, office, publicUrl } = harness().apiDeps;
    const activities = createRecordActivities({ records, catalog, contractTypes, office, organisation: loadOrganisation(), publicUrl: publicUrl! });
    const worker = await Worker.create({ connection, namespace: 'default', taskQueue, dataConverter: harness().dataConverter, activities });
    return { worker, running: worker.run() };
  }
  const stop = async (w: { worker: Worker; running: Promise<void> }) => {
    w.worker.shutdown();
    await w.running;
  };
  const pendingActivities = async () => (await handle().describe()).raw.pendingActivities ?? [];

  before(async () => {
    connection = await NativeConnection.connect({ address: harness().server.address });
    const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle: harness().workflowBundle, dataConverter: harness().dataConverter });
    workflows = { worker, running: worker.run() };
  });

  after(async () => {
    await handle().terminate('test over').catch(() => undefined);
    await stop(workflows).catch(() => undefined);
    await connection?.close();
  });

  it('shows the decision in the store when the request returns, while the projector’s activity waits; the projector’s write changes nothing', async () => {
    const { records, catalog, calendar } = harness();
    const type = catalog.get('reklame')!;
    await records.saveApplicant(caseId, sampleApplicant());
    const activities = await activityWorker();
    await startCase(deps(), applicant(), { caseId, kind: 'permit', type, applicantId: 'budi', fields: sampleFields(type), documents: {}, calendar });
    // Submission reads its own write too: the first stage's task is in the store (the API or the projector wrote it).
    const [completeness] = await records.listTasksForCase(caseId);
    expect(completeness).to.include({ status: 'open' });
    await until(async () => (await pendingActivities()).length === 0, 'the projector to catch up');
    await stop(activities);

    await updateCase(deps(), (await records.getCase(caseId))!, decisionUpdate, {
      actor: { userId: 'rina', roles: [completeness!.role] },
      taskId: completeness!.id,
      outcome: 'approve',
      comment: null,
    });
    const view = await handle().query(viewQuery);
    expect(await pendingActivities(), 'the projector leaves the answered version to the API for now').to.deep.equal([]);
    const row = await records.getCase(caseId);
    expect(row).to.include({ version: view.version, status: 'in_review', stageId: view.stage!.id });
    expect(view.stage!.id).to.not.equal(completeness!.stageId);
    const tasks = await records.listTasksForCase(caseId);
    expect(tasks.find((t) => t.id === completeness!.id)).to.include({ status: 'done', outcome: 'approve' });
    const openIds = (list: Array<{ id: string; status: string }>) => list.filter((t) => t.status === 'open').map((t) => t.id);
    expect(openIds(view.tasks)).to.have.length.greaterThan(0);
    expect(openIds(tasks), 'the next stage’s tasks').to.have.members(openIds(view.tasks));
    const events = await records.listEvents(caseId);
    expect(events.map((e) => [e.seq, e.action])).to.deep.equal(view.events.map((e) => [e.seq, e.action]));

    // Its check comes (case-quiet-history-v1): the projection of the decision, not run, as no worker takes activities.
    await until(async () => (await pendingActivities()).some((a) => a.activityType?.name === 'projectCase'), 'the projector’s check', 20_000);
    // An activity worker again: the projector writes the same version, and nothing changes.
    const again = await activityWorker();
    try {
      await until(async () => (await pendingActivities()).length === 0, 'the projector’s write');
      const history = await handle().fetchHistory();
      const projections = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCase');
      const completed = (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes);
      expect(completed.some((e) => Number(e.activityTaskCompletedEventAttributes!.scheduledEventId) === Number(projections.at(-1)!.eventId))).to.equal(true);
      expect(await records.getCase(caseId)).to.deep.equal(row);
      expect(await records.listEvents(caseId)).to.deep.equal(events);
      const size = await records.auditLog.size();
      const logged = (await records.auditLog.entries(0, size)).filter((e) => e.subjects.caseId === caseId);
      expect(logged.map((e) => e.key)).to.have.members(events.map((e) => `case-event:${caseId}:${e.seq}`));
      expect(logged).to.have.length(events.length);
    } finally {
      await stop(again);
    }
  });

  it('writes versions whose answer no caller wrote (an API that died after the answer) within its check, in one activity for a run of updates', async () => {
    const { records } = harness();
    const started = await startPermit('reklame');
    const id = started.caseId;
    const permit = caseHandle(id);
    // The first stage's decisions executed on Temporal with their answers thrown away: nobody writes them.
    for (const task of openTasks(await view(id))) {
      await permit.executeUpdate(decisionUpdate, { args: [{ actor: { userId: `user-${task.role}`, roles: [task.role] }, taskId: task.id, outcome: 'approve', comment: null }] });
    }
    const decided = await view(id);
    expect((await records.getCase(id))!.version, 'the store before the check').to.be.below(decided.version);
    const row = await until(async () => {
      const r = await records.getCase(id);
      return r && r.version === decided.version && r;
    }, 'the projector’s check to write the decided version', 25_000);
    expect(row).to.include({ status: decided.status, stageId: decided.stage!.id });
    expect((await records.listEvents(id)).map((e) => e.seq)).to.deep.equal(decided.events.map((e) => e.seq));
    await quiescent(id);
    const events = (await permit.fetchHistory()).events ?? [];
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCase');
    const updates = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    // Registration and the decisions, each a new version: the check writes them together (two checks at most, on a loaded machine).
    expect(updates.length).to.be.at.least(2);
    expect(scheduled.length).to.be.within(1, 2);
    expect(events.some((e) => e.timerFiredEventAttributes), 'the check is a durable timer').to.equal(true);
  });

  it('a retried submission writes the registration its first API never wrote (retriedStart), without waiting for the check', async () => {
    const { records, catalog, calendar, client } = harness();
    const type = catalog.get('reklame')!;
    const id = crypto.randomBytes(12).toString('hex');
    const permit = client.workflow.getHandle(caseWorkflowId('permit', id));
    await records.saveApplicant(id, sampleApplicant());
    const activities = await activityWorker();
    try {
      // The first API started the case and died with the answer: nobody writes it.
      await client.workflow.executeUpdateWithStart(registrationUpdate, {
        args: [{ actor: applicant() }],
        startWorkflowOperation: new WithStartWorkflowOperation('permitWorkflow', {
          workflowId: caseWorkflowId('permit', id),
          taskQueue,
          args: [{ caseId: id, kind: 'permit', type, applicantId: 'budi', fields: sampleFields(type), documents: {}, calendar }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    } finally {
      await stop(activities); // and the projector's check cannot run: no worker takes activities
    }
    const registered = (await records.getCase(id))!;
    expect(registered, 'registered, its first projection not written').to.include({ version: 0, status: 'submitted' });
    const row = await retriedStart(deps(), applicant(), registered);
    expect(row.version).to.be.above(0);
    expect(row.status).to.equal('in_review');
    expect((await records.listTasksForCase(id)).filter((t) => t.status === 'open')).to.have.length.above(0);
    await permit.terminate('test over');
  });
});


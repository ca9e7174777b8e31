import { expect } from 'chai';
import { calendarReprojectionWorkflowId, deadlineMovedDataOf } from '../../domain/working-time/calendar-change';
import { reconcileCalendarChanges } from '../../worker/calendar-reconciler';
import { openReklameStage } from '../harness/calendar-cases';
import { view } from '../harness/cases';
import { harness } from '../harness/harness';

/**
 * The API writes a closure change, then starts its re-projection; if it dies in between, the change is in force and
 * no case moved. The reconciler (worker/calendar-reconciler.ts) finds such a change and starts the re-projection,
 * once: a second pass only notes that it completed, a third finds nothing to do.
 */
describe('calendar reconciler: a change whose re-projection never started (real Temporal server)', function () {
  this.timeout(240_000);
  const declared: string[] = [];

  after(async () => {
    const admin = await harness().token('admin');
    for (const date of declared) await harness().http().delete(`/api/v1/admin/calendar/closures/${date}`).set('Authorization', admin);
  });

  it('re-projects the open case when the reconciler runs, and starts it only once', async () => {
    const { caseId, stage, due, stageDue } = await openReklameStage();
    const date = stageDue().countedDays.at(-1)!;
    const reason = 'Pemadaman listrik (rekonsiliasi)';

    // The API's first half only, two minutes ago: the change is in the store, its workflow was never started.
    const written = await harness().records.calendarClosures.add({ date, reason, by: 'admin' }, new Date(Date.now() - 120_000));
    declared.push(date);
    const { changeId, revision } = written.change;
    const workflowId = calendarReprojectionWorkflowId(changeId);
    const handle = harness().client.workflow.getHandle(workflowId);
    expect(await handle.describe().then(() => 'exists', () => 'none')).to.equal('none');
    expect((await view(caseId)).clock!.stages.at(-1)!.dueAt).to.equal(due);

    const deps = { client: harness().client, taskQueue: harness().taskQueue, closures: harness().records.calendarClosures };
    const first = await reconcileCalendarChanges(deps);
    expect(first.started).to.include(changeId);
    await handle.result();
    const firstRun = (await handle.describe()).runId;

    const moved = await view(caseId);
    const after = stageDue(written.edition.closures).dueAt!.toISOString();
    expect(after > due, `${after} after ${due}`).to.equal(true);
    expect(moved.clock!.stages.at(-1)!.dueAt).to.equal(after);
    expect(moved.clock!.basis?.closuresRevision).to.equal(revision);
    const move = moved.events.filter((e) => e.action === 'deadline_moved').map((e) => deadlineMovedDataOf(e.comment)!).find((m) => m.stageId === stage.stageId);
    expect(move).to.deep.include({ before: due, after, action: 'added', date, reason, revision });

    // Again: the re-projection completed, so nothing is started; it is noted, and the next pass does not look at it.
    const second = await reconcileCalendarChanges(deps);
    expect(second.started).to.not.include(changeId);
    expect(second.completed).to.include(changeId);
    const third = await reconcileCalendarChanges(deps);
    expect([...third.started, ...third.running, ...third.completed]).to.not.include(changeId);
    expect((await handle.describe()).runId).to.equal(firstRun);
    expect((await view(caseId)).events.filter((e) => e.action === 'deadline_moved' && deadlineMovedDataOf(e.comment)?.revision === revision)).to.have.length(2); // the stage and the case, once each
  });

  it('leaves a change just written to the API that is writing it (the grace period)', async () => {
    const date = '2027-06-30';
    const written = await harness().records.calendarClosures.add({ date, reason: 'Baru saja ditetapkan', by: 'admin' });
    declared.push(date);
    const deps = { client: harness().client, taskQueue: harness().taskQueue, closures: harness().records.calendarClosures };
    const pass = await reconcileCalendarChanges(deps);
    expect([...pass.started, ...pass.running, ...pass.completed]).to.not.include(written.change.changeId);
    // A few minutes on, it is the reconciler's.
    const later = await reconcileCalendarChanges(deps, new Date(Date.now() + 5 * 60_000));
    expect(later.started).to.include(written.change.changeId);
    await harness().client.workflow.getHandle(calendarReprojectionWorkflowId(written.change.changeId)).result();
  });
});

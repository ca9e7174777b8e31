import type { Worker } from '@temporalio/worker';
import { expect } from 'chai';
import { createWorker } from '../../worker/create-worker';
import { caseHandle, decideAll, signAsHead, startPermitOfType, view } from '../harness/cases';
import { harness } from '../harness/harness';
import { parsePrometheusText, sampleSum } from '../harness/prometheus-text';

/**
 * The worker's workflow cache is bounded (SAHKAN_WORKER_MAX_CACHED_WORKFLOWS): with more cases open than it holds,
 * the least recently used are evicted, and the next step of an evicted case replays its history and goes on. A worker
 * of its own with the smallest cache the SDK allows, on a task queue of its own.
 */
describe('a worker whose workflow cache holds fewer cases than are open', function () {
  this.timeout(120_000);
  const taskQueue = 'sahkan-test-small-cache';
  const CACHED = 2;
  const OPENED = 5;
  let worker: Worker;
  let running: Promise<void>;

  const cacheFigures = async () => {
    const samples = parsePrometheusText(await (await fetch(harness().workerMetrics.sdkUrl)).text());
    const ours = { task_queue: taskQueue };
    return { cached: sampleSum(samples, 'temporal_sticky_cache_size', ours), evicted: sampleSum(samples, 'temporal_sticky_cache_total_forced_eviction_total', ours) };
  };

  before(async () => {
    worker = await createWorker({ ...harness().workerDeps, taskQueue, workflowCache: { maxCachedWorkflows: CACHED, maxConcurrentWorkflowTaskExecutions: 2 } });
    running = worker.run();
  });

  after(async () => {
    worker?.shutdown();
    await running;
  });

  it('evicts the oldest cases, and an evicted one replays at its next decision and runs to its certificate', async () => {
    const type = harness().catalog.get('reklame')!;
    const opened = [];
    for (let i = 0; i < OPENED; i++) opened.push(await startPermitOfType(type, 'budi', undefined, taskQueue));
    const afterOpening = await cacheFigures();
    expect(afterOpening.cached, 'workflows in the cache').to.be.at.most(CACHED);
    expect(afterOpening.evicted, 'forced evictions').to.be.at.least(OPENED - CACHED);

    const first = opened[0]!;
    let v = await view(first.caseId); // a query of an evicted case replays it too
    expect(v.status).to.equal('in_review');
    while (v.status === 'in_review') v = await decideAll(first.caseId, 'approve');
    v = await signAsHead(first.caseId);
    expect(v.status).to.equal('issued');
    expect((await caseHandle(first.caseId).result()).status).to.equal('issued');
    expect((await cacheFigures()).evicted, 'the other cases were evicted in turn').to.be.above(afterOpening.evicted);

    // The other cases are still in review, each answering from its replayed history.
    for (const c of opened.slice(1)) expect((await view(c.caseId)).stage?.id).to.equal(type.stages[0]!.id);
  });
});

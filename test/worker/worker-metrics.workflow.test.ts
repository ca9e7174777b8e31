import { expect } from 'chai';
import { createWorkerMetrics, serveWorkerMetrics } from '../../worker/app-metrics';
import { installWorkerRuntime } from '../../worker/runtime';
import { decideAll, signAsHead, startPermit } from '../harness/cases';
import { harness } from '../harness/harness';
import { parsePrometheusText, sampleSum } from '../harness/prometheus-text';

const sdkSamples = async () => {
  const res = await fetch(harness().workerMetrics.sdkUrl);
  expect(res.status).to.equal(200);
  return parsePrometheusText(await res.text());
};

describe('worker metrics', function () {
  this.timeout(120_000);

  it('after a permit is signed: the SDK core reports its temporal_ series, the worker its signing latency', async () => {
    const signed = { outcome: 'signed' };
    const before = parsePrometheusText(await harness().workerMetrics.registry.metrics());
    const sdkBefore = await sdkSamples();
    let v = await startPermit('reklame');
    while (v.status === 'in_review') v = await decideAll(v.caseId, 'approve');
    v = await signAsHead(v.caseId);
    expect(v.status).to.equal('issued');

    const after = parsePrometheusText(await harness().workerMetrics.registry.metrics());
    expect(sampleSum(after, 'sahkan_signing_duration_seconds_count', signed) - sampleSum(before, 'sahkan_signing_duration_seconds_count', signed)).to.equal(1);
    expect(sampleSum(after, 'sahkan_signing_duration_seconds_sum', signed)).to.be.greaterThan(sampleSum(before, 'sahkan_signing_duration_seconds_sum', signed));

    const sdk = await sdkSamples();
    expect(sdk.every((s) => s.name.startsWith('temporal_')), 'every SDK series has the temporal_ prefix').to.equal(true);
    const signActivity = { activity_type: 'signDocument' };
    const count = 'temporal_activity_execution_latency_seconds_count';
    expect(sampleSum(sdk, count, signActivity) - sampleSum(sdkBefore, count, signActivity), sdk.map((s) => s.name).filter((n, i, all) => all.indexOf(n) === i).join('\n')).to.equal(1);
    expect(sampleSum(sdk, 'temporal_workflow_task_execution_latency_seconds_count')).to.be.greaterThan(sampleSum(sdkBefore, 'temporal_workflow_task_execution_latency_seconds_count'));
  });

  it('serves its own registry on /metrics (anything else 404), and the runtime is installed once per process', async () => {
    const metrics = createWorkerMetrics();
    const fresh = parsePrometheusText(await metrics.registry.metrics());
    expect(['signed', 'refused', 'failed'].map((outcome) => sampleSum(fresh, 'sahkan_signing_duration_seconds_count', { outcome }))).to.deep.equal([0, 0, 0]);
    expect(fresh.filter((s) => s.name === 'sahkan_signing_duration_seconds_count').length).to.equal(3);
    metrics.observeSigning(0.3, 'refused');
    const served = await serveWorkerMetrics(metrics.registry, '127.0.0.1', 0);
    try {
      const res = await fetch(served.url);
      expect(res.status).to.equal(200);
      const samples = parsePrometheusText(await res.text());
      expect(sampleSum(samples, 'sahkan_signing_duration_seconds_count', { outcome: 'refused' })).to.equal(1);
      expect(sampleSum(samples, 'sahkan_signing_duration_seconds_bucket', { outcome: 'refused', le: '0.25' })).to.equal(0);
      expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).to.equal(true);
      expect((await fetch(served.url.replace('/metrics', '/other'))).status).to.equal(404);
    } finally {
      await served.close();
    }
    expect(() => installWorkerRuntime({ logLevel: 'WARN', caller: 'a second install' })).to.throw(/installed once per process \(already by test\/harness\/harness.ts; now a second install\)/);
  });
});

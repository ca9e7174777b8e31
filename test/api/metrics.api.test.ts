import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { parsePrometheusText, sampleSum } from '../harness/prometheus-text';

const scrape = async (agent = harness().http()) => {
  const res = await agent.get('/metrics').expect(200);
  expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(res.text);
};

describe('/metrics (Prometheus)', function () {
  this.timeout(60_000);

  it('times requests by route pattern, never by raw path: ids never become label values', async () => {
    const submitted = await submit('reklame', 'budi');
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const { id, registrationNumber } = submitted.body as { id: string; registrationNumber: string };
    const before = await scrape();
    const route = { method: 'GET', route: '/api/v1/permits/:id', status_code: '200' };
    await harness().http().get(`/api/v1/permits/${id}`).set('Authorization', await harness().token('budi')).expect(200);
    await harness().http().get(`/api/v1/no/such/${id}`).expect(404);
    await harness().http().get('/assets/style.css').expect(200);
    // The pages too: a page route of a router mounted at the root, answered (a redirect to sign in) by its pattern.
    const page = await harness().http().get(`/kontrak/${id}/adendum/baru`);
    const after = await scrape();

    expect(sampleSum(after, 'http_request_duration_seconds_count', route) - sampleSum(before, 'http_request_duration_seconds_count', route)).to.equal(1);
    expect(sampleSum(after, 'http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).to.be.at.least(1);
    expect(sampleSum(after, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })).to.be.at.least(1);
    expect(sampleSum(after, 'http_request_duration_seconds_count', { route: '/assets/*', status_code: '200' })).to.be.at.least(1);
    expect(sampleSum(after, 'http_request_duration_seconds_count', { route: '/api/v1/permits', method: 'POST', status_code: '201' })).to.be.at.least(1);
    const pageRoute = { route: '/kontrak/:id/adendum/baru', status_code: String(page.status) };
    expect(sampleSum(after, 'http_request_duration_seconds_count', pageRoute) - sampleSum(before, 'http_request_duration_seconds_count', pageRoute)).to.equal(1);
    const labelValues = after.flatMap((s) => Object.values(s.labels));
    expect(labelValues.filter((v) => v.includes(id) || v.includes(registrationNumber))).to.deep.equal([]);
    // Node's own process figures are there too.
    expect(after.some((s) => s.name === 'process_cpu_user_seconds_total')).to.equal(true);
  });

  it('counts cases by kind and status from the records: one more permit after a submission', async () => {
    const before = await scrape();
    const submitted = await submit('reklame', 'budi');
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const after = await scrape();
    // Cases of earlier suites may move between statuses meanwhile; only a submission changes the total.
    expect(sampleSum(after, 'sahkan_cases', { kind: 'permit' }) - sampleSum(before, 'sahkan_cases', { kind: 'permit' })).to.equal(1);
    const row = await harness().records.getCase(submitted.body.id);
    expect(sampleSum(after, 'sahkan_cases', { kind: 'permit', status: row!.status })).to.be.at.least(1);
    // Every kind and status has a series, zero included.
    expect(after.filter((s) => s.name === 'sahkan_cases' && s.labels.kind === 'addendum').length).to.be.at.least(5);
    // The overdue count is the administrators' dashboard figure.
    const groups = await harness().records.serviceLevels.openByTypeAndStage(new Date(), {});
    const overdue = groups.filter((g) => g.kind === 'permit').reduce((n, g) => n + g.overdue, 0);
    expect(sampleSum(after, 'sahkan_stages_overdue', { kind: 'permit' })).to.equal(overdue);
  });

  it('reports the outbox backlog and the age of its oldest unsent notice', async () => {
    const before = sampleSum(await scrape(), 'sahkan_outbox_backlog');
    const key = `metrics-test:${Date.now()}`;
    await harness().records.outbox.enqueue({ key, caseId: 'metrics-test', recipient: 'nobody@example.invalid', subject: 's', body: 'b' });
    try {
      const after = await scrape();
      expect(sampleSum(after, 'sahkan_outbox_backlog') - before).to.equal(1);
      expect(sampleSum(after, 'sahkan_outbox_oldest_age_seconds')).to.be.at.least(0);
    } finally {
      await harness().records.outbox.markSent(key); // no other suite's dispatcher should meet it
    }
  });

  describe('who may scrape', () => {
    it('without a token: this machine only; a request a proxy forwarded, or from another address, is 404', async () => {
      await harness().http().get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(404);
      await harness().http().get('/metrics').set('Forwarded', 'for=203.0.113.9').expect(404);
      // A request from this machine's own network address is not a loopback one (skipped where there is none).
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && !i.internal && i.family === 'IPv4');
      if (!external) return;
      const server = harness().app.listen(0, external.address);
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const res = await fetch(`http://${external.address}:${port}/metrics`);
        expect(res.status).to.equal(404);
      } finally {
        server.close();
      }
    });

    it('with SAHKAN_METRICS_TOKEN: the right Bearer token only, from anywhere', async () => {
      const metricsToken = 'a-metrics-token-of-at-least-32-characters';
      const agent = () => supertest.agent(createApp({ ...harness().apiDeps, metricsToken }));
      await agent().get('/metrics').expect(401);
      await agent().get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
      await agent().get('/metrics').set('Authorization', `Bearer ${metricsToken}x`).expect(401);
      await agent().get('/metrics').set('Authorization', `Basic ${metricsToken}`).expect(401);
      const samples = await scrape(agent().set('Authorization', `Bearer ${metricsToken}`).set('X-Forwarded-For', '203.0.113.9'));
      expect(samples.some((s) => s.name === 'sahkan_cases')).to.equal(true);
    });
  });
});

import crypto from 'node:crypto';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { submit } from '../harness/api-client';
import { harness } from '../harness/harness';

const WEB_UI = 'http://localhost:8233';
const isPayload = (node: object): node is Payload => 'metadata' in node && 'data' in node && (node as Payload).metadata?.encoding instanceof Uint8Array;

/**
 * Every payload of a history, at any depth (inputs, update arguments and results, activity inputs, …), but the
 * search attributes (the server indexes them: kind, type, status, stage, registration number) and the patch markers'
 * `patch-data` (the patch id, written by the SDK's core outside the codec): both plain by design, no personal data.
 */
function payloadsIn(node: unknown, out: Payload[] = [], at = 'history', where: string[] = []): Payload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return out;
  if (isPayload(node)) {
    out.push(node);
    where.push(at);
  } else {
    for (const [key, value] of Object.entries(node)) {
      // The SDK's own marker records (a patch's id, a local activity's id, type and time) are not ours to encrypt;
      // a local activity's result is, under `details.result`.
      const sdkMarker = key === 'patch-data' || (key === 'data' && at.endsWith('markerRecordedEventAttributes.details'));
      if (key !== 'searchAttributes' && !sdkMarker) payloadsIn(value, out, `${at}.${key}`, where);
    }
  }
  return out;
}
const asJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

describe('payload encryption: Temporal history holds ciphertext, the codec endpoint decodes for administrators', function () {
  this.timeout(120_000);
  const reason = `Alasan pribadi ${crypto.randomBytes(6).toString('hex')}`;
  let caseId: string;
  let history: temporal.api.history.v1.IHistory;

  before(async () => {
    const submitted = await submit('reklame', 'budi');
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    caseId = submitted.body.id;
    const withdrawn = await harness()
      .http()
      .post(`/api/v1/permits/${caseId}/withdrawal`)
      .set('Authorization', await harness().token('budi'))
      .send({ reason });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    // A client without the codec, as anyone reading the Temporal server directly (Web UI, CLI) would.
    const raw = new Client({ connection: harness().client.connection, namespace: 'default' });
    history = await raw.workflow.getHandle(caseWorkflowId('permit', caseId)).fetchHistory();
  });

  it('leaves neither the fields nor the comment readable in the history', () => {
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(bytes.includes(reason)).to.equal(false);
    expect(bytes.includes('Jl. Ahmad Yani')).to.equal(false);
    const where: string[] = [];
    const payloads = payloadsIn(history, [], 'history', where);
    expect(payloads.length).to.be.greaterThan(3);
    payloads.forEach((p, i) => expect(Buffer.from(p.metadata!.encoding!).toString(), where[i]).to.equal('binary/encrypted'));
  });

  it('reads the case normally through the API, whose client has the codec', async () => {
    const res = await harness().http().get(`/api/v1/permits/${caseId}`).set('Authorization', await harness().token('budi'));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status).to.equal('withdrawn');
    expect(JSON.stringify(res.body)).to.contain('Jl. Ahmad Yani');
  });

  it('decodes the history for an administrator through /codec/decode', async () => {
    const res = await harness()
      .http()
      .post('/api/v1/codec/decode')
      .set('Authorization', await harness().token('admin-test', ['admin']))
      .set('X-Namespace', 'default')
      .send({ payloads: payloadsIn(history).map(asJson) });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const decoded = (res.body.payloads as Array<{ metadata: Record<string, string>; data: string }>).map((p) => ({
      encoding: Buffer.from(p.metadata.encoding!, 'base64').toString(),
      text: Buffer.from(p.data, 'base64').toString(),
    }));
    expect(decoded.every((p) => p.encoding !== 'binary/encrypted')).to.equal(true);
    const all = decoded.map((p) => p.text).join('\n');
    expect(all).to.contain(reason);
    expect(all).to.contain('Jl. Ahmad Yani');
  });

  it('encodes for an administrator (the Web UI signalling with input), and the result decodes back', async () => {
    const admin = await harness().token('admin-test', ['admin']);
    const input = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"halo"').toString('base64') };
    const encoded = await harness().http().post('/api/v1/codec/encode').set('Authorization', admin).send({ payloads: [input] });
    expect(encoded.status).to.equal(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).to.equal('binary/encrypted');
    const decoded = await harness().http().post('/api/v1/codec/decode').set('Authorization', admin).send(encoded.body);
    expect(decoded.body.payloads[0]).to.deep.equal(input);
  });

  it('refuses everyone but administrators (403; 401 without a token)', async () => {
    const body = { payloads: payloadsIn(history).slice(0, 1).map(asJson) };
    const staff = await harness().http().post('/api/v1/codec/decode').set('Authorization', await harness().token('budi')).send(body);
    expect(staff.status).to.equal(403);
    expect(JSON.stringify(staff.body)).not.to.contain(reason);
    const anonymous = await harness().http().post('/api/v1/codec/decode').send(body);
    expect(anonymous.status).to.equal(401);
  });

  it('answers bad bodies, unknown keys and altered ciphertext with 400 naming the field', async () => {
    const admin = await harness().token('admin-test', ['admin']);
    const post = (body: unknown) => harness().http().post('/api/v1/codec/decode').set('Authorization', admin).send(body as object);
    const notArray = await post({ payloads: 'x' });
    expect(notArray.status).to.equal(400);
    expect(notArray.body.error.details[0].path).to.equal('payloads');
    const notBase64 = await post({ payloads: [{ data: '***' }] });
    expect(notBase64.status).to.equal(400);
    expect(notBase64.body.error.details[0].path).to.equal('payloads.0.data');
    const [first] = payloadsIn(history).map(asJson);
    const unknownKey = await post({ payloads: [{ ...first, metadata: { ...first!.metadata, 'encryption-key-id': Buffer.from('gone-2025').toString('base64') } }] });
    expect(unknownKey.status).to.equal(400);
    expect(unknownKey.body.error.message).to.contain('key id gone-2025');
    const data = Buffer.from(first!.data, 'base64');
    data[data.length - 1] = data[data.length - 1]! ^ 1;
    const altered = await post({ payloads: [{ ...first, data: data.toString('base64') }] });
    expect(altered.status).to.equal(400);
    expect(altered.body.error.details[0].path).to.equal('payloads');
  });

  it('offers CORS to the configured Web UI origin only', async () => {
    const app = createApp({ ...harness().apiDeps, codecCorsOrigin: WEB_UI });
    const admin = await harness().token('admin-test', ['admin']);
    const body = { payloads: [] };
    const fromUi = await supertest(app).post('/api/v1/codec/decode').set('Origin', WEB_UI).set('Authorization', admin).send(body);
    expect(fromUi.status).to.equal(200);
    expect(fromUi.headers['access-control-allow-origin']).to.equal(WEB_UI);
    const preflight = await supertest(app)
      .options('/api/v1/codec/decode')
      .set('Origin', WEB_UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization,x-namespace');
    expect(preflight.status).to.equal(204);
    expect(preflight.headers['access-control-allow-headers']).to.match(/Authorization/);
    const fromElsewhere = await supertest(app).post('/api/v1/codec/decode').set('Origin', 'http://evil.example').set('Authorization', admin).send(body);
    expect(fromElsewhere.headers['access-control-allow-origin']).to.equal(undefined);
    const elsewherePreflight = await supertest(app).options('/api/v1/codec/decode').set('Origin', 'http://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(elsewherePreflight.status).to.equal(404);
    expect(elsewherePreflight.headers['access-control-allow-origin']).to.equal(undefined);
    // Unconfigured (the default): no origin at all.
    const unconfigured = await harness().http().options('/api/v1/codec/decode').set('Origin', WEB_UI).set('Access-Control-Request-Method', 'POST');
    expect(unconfigured.status).to.equal(404);
    expect(unconfigured.headers['access-control-allow-origin']).to.equal(undefined);
  });
});

import { Ajv2020 } from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import type { NextFunction, Request, Response } from 'express';
import { officeHoursFromFile, sweepAnomalies } from '../../worker/anomaly-sweeper';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { as, submissionBody, submit, upload } from '../harness/api-client';
import { activeContract, completeAddendum, draft, legalApproves, openTasks as contractTasks, proposeAddendum, sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

/**
 * The OpenAPI document against the running API (issue 7 §3). Every request of this suite goes through a
 * recorder in front of the real app; each answer is checked against the document's schema for its route and
 * status (ajv, JSON Schema 2020-12), and each accepted JSON request against the documented request body. The
 * routes the Express app serves and the routes the document lists must be the same, and every documented
 * route must have been called.
 */

type TSchema = Record<string, unknown>;
interface TOperation {
  requestBody?: { content: Record<string, { schema: TSchema }> };
  responses: Record<string, { content?: Record<string, { schema: TSchema }> }>;
}
type TDocument = { paths: Record<string, Record<string, TOperation>>; components: { schemas: Record<string, TSchema> } };

const API_PREFIX = '/api/v1';
/** Served outside /api/v1 on purpose: the orchestrator's liveness probe, the same answer as /api/v1/healthz. */
const OUTSIDE_THE_API = ['get /healthz'];

/** Inlines `#/components/schemas/…` references so that objects can be closed below (no recursive schemas here). */
function deref(node: unknown, components: Record<string, TSchema>, depth = 0): unknown {
  if (depth > 50) throw new Error('schema nesting too deep (a recursive schema?)');
  if (Array.isArray(node)) return node.map((n) => deref(n, components, depth + 1));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as TSchema;
  if (typeof $ref === 'string' && $ref.startsWith('#/components/schemas/')) {
    const target = components[$ref.slice('#/components/schemas/'.length)];
    if (!target) throw new Error(`dangling reference ${$ref}`);
    return deref({ ...target, ...rest }, components, depth + 1);
  }
  const out: TSchema = typeof $ref === 'string' ? { $ref } : {};
  for (const [k, v] of Object.entries(rest)) out[k] = deref(v, components, depth + 1);
  return out;
}

/**
 * Closes every object of a response schema (`unevaluatedProperties: false`), so that a field the API sends
 * but the document does not describe fails. The members of an allOf stay open; the allOf itself is closed.
 */
function close(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((n) => close(n));
  if (typeof node !== 'object' || node === null) return node;
  const schema = { ...(node as TSchema) };
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties') schema[k] = Object.fromEntries(Object.entries(v as TSchema).map(([p, s]) => [p, close(s)]));
    else if (k === 'allOf') schema[k] = (v as unknown[]).map((s) => close(s, true));
    else if (['items', 'anyOf', 'oneOf', 'additionalProperties', 'not', 'prefixItems'].includes(k)) schema[k] = close(v);
  }
  const open = schema.additionalProperties !== undefined || schema.unevaluatedProperties !== undefined;
  if (!inAllOf && !open && (schema.properties || schema.allOf)) schema.unevaluatedProperties = false;
  return schema;
}

function templateRegex(template: string): RegExp {
  return new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
}

/** "get /permits/{id}" for every route the Express app serves, walking its router stack. */
function servedRoutes(app: express.Express): string[] {
  const routes: string[] = [];
  const walk = (stack: unknown[], prefix: string) => {
    for (const layer of stack as Array<{ route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: unknown[] }; rawPath?: unknown }>) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string') throw new Error(`a route with a non-string path under ${prefix}: describe it by hand`);
        const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all')) routes.push(`${method} ${path}`);
      } else if (layer.handle?.stack) {
        if (typeof layer.rawPath !== 'string') throw new Error(`a router mounted on a non-string path under ${prefix}`);
        walk(layer.handle.stack, prefix + (layer.rawPath === '/' ? '' : layer.rawPath));
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack, '');
  return routes;
}

describe('the OpenAPI document against the running API', function () {
  this.timeout(300_000);
  let doc: TDocument;
  let templates: Array<{ key: string; method: string; path: string; regex: RegExp; operation: TOperation }>;
  const ajv = new Ajv2020({ allErrors: true, strict: false }); // strict: OpenAPI's `example` and friends are not JSON Schema keywords
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  const called = new Map<string, Set<number>>();
  const problems: string[] = [];
  let responsesChecked = 0;
  let requestsChecked = 0;
  let restoreHttp: () => void;

  const explain = (errors: ValidateFunction['errors']) =>
    (errors ?? [])
      .map((e) => {
        const extra = (e.params as { unevaluatedProperty?: string }).unevaluatedProperty;
        return `${e.instancePath || '(body)'} ${e.message}${extra ? ` "${extra}"` : ''}`;
      })
      .join('; ');

  const validator = (id: string, schema: TSchema, closed: boolean) => {
    if (!validators.has(id)) {
      const inlined = deref(schema, doc.components.schemas) as TSchema;
      validators.set(id, ajv.compile(closed ? (close(inlined) as TSchema) : inlined));
    }
    return validators.get(id)!;
  };

  function check(req: Request, res: Response, body: unknown): void {
    const method = req.method.toLowerCase();
    const pathname = req.originalUrl.split('?')[0]!;
    if (!pathname.startsWith(`${API_PREFIX}/`)) return;
    const path = pathname.slice(API_PREFIX.length);
    // The most specific template: the one with the fewest parameters.
    const match = templates
      .filter((t) => t.method === method && t.regex.test(path))
      .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0];
    if (!match) {
      if (res.statusCode !== 404) problems.push(`${method} ${path} answered ${res.statusCode} but no documented route matches it`);
      return;
    }
    const where = `${match.key} → ${res.statusCode}`;
    called.set(match.key, (called.get(match.key) ?? new Set()).add(res.statusCode));
    const documented = match.operation.responses[String(res.statusCode)];
    if (!documented) {
      problems.push(`${where}: status not in the document`);
      return;
    }
    responsesChecked++;
    const mediaType = String(res.get('Content-Type') ?? '').split(';')[0]!.trim();
    if (!documented.content) {
      if (body !== undefined && String(body).length > 0) problems.push(`${where}: a body the document does not describe`);
      return;
    }
    const content = documented.content[mediaType];
    if (!content) {
      problems.push(`${where}: media type ${mediaType || '(none)'}, documented ${Object.keys(documented.content).join(', ')}`);
      return;
    }
    if (mediaType !== 'application/json') {
      if (!body || (body as Buffer | string).length === 0) problems.push(`${where}: empty ${mediaType} body`);
      return;
    }
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : Buffer.isBuffer(body) ? JSON.parse(body.toString('utf8')) : body;
    const validate = validator(`res ${where}`, content.schema, true);
    if (!validate(parsed)) problems.push(`${where}: ${explain(validate.errors)}`);

    // A JSON request the API accepted must be one the document describes.
    const requestSchema = match.operation.requestBody?.content['application/json']?.schema;
    if (res.statusCode < 300 && requestSchema && req.is('application/json')) {
      requestsChecked++;
      const validateRequest = validator(`req ${match.key}`, requestSchema, false);
      if (!validateRequest(req.body)) problems.push(`${match.key} request: ${explain(validateRequest.errors)}`);
    }
  }

  before(async () => {
    doc = (await harness().http().get(`${API_PREFIX}/openapi.json`)).body as TDocument;
    templates = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method} ${path}`, method, path, regex: templateRegex(path), operation })),
    );
    // Every request of this suite (the harness helpers' too) goes through the recorder in front of the real app.
    const recorder = express();
    recorder.use((req: Request, res: Response, next: NextFunction) => {
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const result = send(body);
        try {
          check(req, res, body);
        } catch (err) {
          problems.push(`${req.method} ${req.originalUrl}: ${(err as Error).message}`);
        }
        return result;
      };
      next();
    });
    recorder.use(harness().app);
    const h = harness();
    const original = h.http;
    h.http = () => supertest.agent(recorder);
    restoreHttp = () => {
      h.http = original;
    };
  });
  after(() => restoreHttp?.());

  const http = () => harness().http();
  const token = (user: string) => harness().token(user);

  it('serves exactly the routes the document lists', () => {
    const served = servedRoutes(harness().app);
    const inApi = served.filter((r) => r.split(' ')[1]!.startsWith(`${API_PREFIX}/`)).map((r) => r.replace(` ${API_PREFIX}/`, ' /'));
    // Outside the API: the health probe and the web pages (HTML for people, not part of the API document).
    expect(served.filter((r) => !r.split(' ')[1]!.startsWith(`${API_PREFIX}/`)), 'routes outside the API').to.include.members(OUTSIDE_THE_API);
    const documented = templates.map((t) => t.key);
    expect(
      inApi.filter((r) => !documented.includes(r)),
      'served but missing from the document',
    ).to.deep.equal([]);
    expect(
      documented.filter((r) => !inApi.includes(r)),
      'documented but not served',
    ).to.deep.equal([]);
  });

  it('answers the public routes and the catalogues as documented', async () => {
    for (const path of ['/openapi.json', '/healthz', '/readyz', '/permit-types', '/permit-types/reklame', '/permit-types/nope', '/contract-types', '/contract-types/konstruksi', '/contract-types/nope', '/public/ca.pem', '/public/crl.pem', '/public/contracts']) {
      const res = await http().get(`${API_PREFIX}${path}`);
      expect(res.status, path).to.be.oneOf([200, 404]);
    }
    expect((await http().get(`${API_PREFIX}/tasks`)).status).to.equal(401);
    const deadline = (query: string) => http().get(`${API_PREFIX}/calendar/deadline?${query}`);
    expect((await deadline('receivedAt=2026-12-23T10:00:00%2B07:00&workingDays=3')).status).to.equal(200);
    expect((await deadline('receivedAt=2026-07-06T10:00:00Z&workingDays=3&pauses=2026-07-07T02:00:00Z/')).body.dueAt).to.equal(null);
    expect((await deadline('receivedAt=2026-07-06T10:00:00Z&workingDays=0')).status).to.equal(400);
  });

  it('answers a permit from upload to revocation as documented', async () => {
    const documentId = await upload('budi');
    expect((await http().get(`${API_PREFIX}/documents/${documentId}`).set('Authorization', await token('budi'))).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/documents/${documentId}`).set('Authorization', await token('siti'))).status).to.equal(404);
    const notAPdf = await http().post(`${API_PREFIX}/documents`).set('Authorization', await token('budi')).attach('file', Buffer.from('hello'), 'x.txt');
    expect(notAPdf.status).to.equal(415);

    // Changes requested, revised, withdrawn.
    const first = await submit('reklame', 'budi');
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const id = first.body.id as string;
    const bad = await http().post(`${API_PREFIX}/permits`).set('Authorization', await token('budi')).send({ typeId: 'reklame' });
    expect(bad.status).to.equal(400);
    expect((await http().get(`${API_PREFIX}/permits?limit=5`).set('Authorization', await token('budi'))).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/permits?limit=0`).set('Authorization', await token('budi'))).status).to.equal(400);
    expect((await http().get(`${API_PREFIX}/permits/${id}`).set('Authorization', await token('siti'))).status).to.equal(404);
    const task = (await http().get(`${API_PREFIX}/permits/${id}`).set('Authorization', await token('budi'))).body.openTasks[0];
    const reviewer = await as(task.role);
    expect((await http().get(`${API_PREFIX}/tasks`).set('Authorization', reviewer)).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/notices?limit=5`).set('Authorization', reviewer)).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/notices?cursor=x`).set('Authorization', reviewer)).status).to.equal(400);
    expect((await http().post(`${API_PREFIX}/tasks/${task.id}/claim`).set('Authorization', reviewer)).status).to.equal(200);
    expect((await http().post(`${API_PREFIX}/tasks/${task.id}/release`).set('Authorization', reviewer)).status).to.equal(200);
    expect((await http().post(`${API_PREFIX}/tasks/${task.id}/release`).set('Authorization', reviewer)).status).to.equal(409);
    expect((await http().post(`${API_PREFIX}/tasks/${task.id}/claim`).set('Authorization', reviewer)).status).to.equal(200);
    const changes = await http().post(`${API_PREFIX}/tasks/${task.id}/decision`).set('Authorization', reviewer).send({ outcome: 'request_changes', comment: 'Desain kurang jelas' });
    expect(changes.status, JSON.stringify(changes.body)).to.equal(200);
    expect((await http().post(`${API_PREFIX}/tasks/${task.id}/decision`).set('Authorization', reviewer).send({ outcome: 'approve' })).status).to.equal(409);
    const design = harness().catalog.get('reklame')!.documents.find((d) => d.mediaTypes.includes('application/pdf'))!;
    const revised = await http()
      .post(`${API_PREFIX}/permits/${id}/revisions`)
      .set('Authorization', await token('budi'))
      .send({ documents: { [design.id]: await upload('budi') }, comment: 'Desain diperjelas' });
    expect(revised.status, JSON.stringify(revised.body)).to.equal(200);
    expect((await http().post(`${API_PREFIX}/permits/${id}/withdrawal`).set('Authorization', await token('budi')).send({ reason: 'Batal' })).status).to.equal(200);
    expect((await http().post(`${API_PREFIX}/permits/${id}/withdrawal`).set('Authorization', await token('budi')).send({})).status).to.equal(409);
    expect((await http().get(`${API_PREFIX}/permits/${id}/certificate.pdf`).set('Authorization', await token('budi'))).status).to.equal(404);
    // A case that never lapsed has no evidence (the lapsed answers: test/workflows/deemed-approval.workflow.test.ts).
    expect((await http().get(`${API_PREFIX}/cases/${id}/lapse`).set('Authorization', await token('budi'))).status).to.equal(404);
    expect((await http().get(`${API_PREFIX}/cases/${id}/lapse.pdf`).set('Authorization', await token('budi'))).status).to.equal(404);

    // Reviewed, signed, issued, verified, revoked.
    const type = harness().catalog.get('reklame')!;
    const second = await http().post(`${API_PREFIX}/permits`).set('Authorization', await token('budi')).send(await submissionBody(type, 'budi'));
    const issuedId = second.body.id as string;
    for (;;) {
      const detail = await http().get(`${API_PREFIX}/permits/${issuedId}`).set('Authorization', await token('admin'));
      const open = detail.body.openTasks as Array<{ id: string; kind: string; role: string }>;
      const sign = open.find((t) => t.kind === 'sign');
      if (sign) {
        const preview = await http().get(`${API_PREFIX}/tasks/${sign.id}/preview.pdf`).set('Authorization', await token('kepala')).responseType('blob');
        expect(preview.status).to.equal(200);
        expect((await http().get(`${API_PREFIX}/tasks/${sign.id}/preview.pdf`).set('Authorization', await token('budi'))).status).to.equal(404);
        // Signed through a batch of one (a decision answers as approvals do above), then again: refused for that item.
        const batch = { passphrase: DEV_SIGNER_PASSPHRASE, items: [{ taskId: sign.id, registrationNumber: detail.body.registrationNumber }] };
        const signed = await http().post(`${API_PREFIX}/tasks/signatures`).set('Authorization', await token('kepala')).send(batch);
        expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
        expect(signed.body.items[0].outcome, JSON.stringify(signed.body)).to.equal('signed');
        const again = await http().post(`${API_PREFIX}/tasks/signatures`).set('Authorization', await token('kepala')).send(batch);
        expect(again.body.items[0].error.status, JSON.stringify(again.body)).to.equal(409);
        expect((await http().post(`${API_PREFIX}/tasks/signatures`).set('Authorization', await token('kepala')).send({ ...batch, items: [] })).status).to.equal(400);
        break;
      }
      expect(open.length, `no open task in status ${detail.body.status}`).to.be.greaterThan(0);
      for (const t of open) {
        const res = await http().post(`${API_PREFIX}/tasks/${t.id}/decision`).set('Authorization', await as(t.role)).send({ outcome: 'approve' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      }
    }
    const certificate = await http().get(`${API_PREFIX}/permits/${issuedId}/certificate.pdf`).set('Authorization', await token('budi')).responseType('blob');
    expect(certificate.status).to.equal(200);
    const issuedView = (await http().get(`${API_PREFIX}/permits/${issuedId}`).set('Authorization', await token('budi'))).body;
    const number = issuedView.certificate.number as string;
    const tracked = await http().get(`${API_PREFIX}/public/track`).query({ number: issuedView.registrationNumber, pin: issuedView.trackingPin });
    expect(tracked.status, JSON.stringify(tracked.body)).to.equal(200);
    expect(tracked.body).to.include({ status: 'issued', documentNumber: number, estimate: null });
    expect((await http().get(`${API_PREFIX}/public/verify/${encodeURIComponent(number)}`)).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/public/verify/${encodeURIComponent(number)}?code=WRONG`)).status).to.equal(404);
    const pdf = certificate.body as Buffer;
    expect((await http().post(`${API_PREFIX}/public/verify`).attach('file', pdf, 'izin.pdf')).status).to.equal(200);
    expect((await http().post(`${API_PREFIX}/public/verify`).attach('file', Buffer.from('hello'), 'x.pdf')).status).to.equal(415);
    expect((await http().get(`${API_PREFIX}/admin/cases`).set('Authorization', await token('admin'))).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/admin/cases`).set('Authorization', await token('budi'))).status).to.equal(403);
    const sla = (query: string, user: string) => http().get(`${API_PREFIX}/admin/sla${query}`).set('Authorization', user);
    expect((await sla('', await token('admin'))).status).to.equal(200);
    expect((await sla('?typeId=reklame&table=forecast', await token('admin')).set('Accept', 'text/csv')).status).to.equal(200);
    expect((await sla('?from=2026-02-30', await token('admin'))).status).to.equal(400);
    expect((await sla('', await token('budi'))).status).to.equal(403);
    expect((await http().get(`${API_PREFIX}/admin/security-events`).set('Authorization', await token('admin'))).status).to.equal(200);
    // The codec server: a payload encoded, decoded back, refused to a non-administrator and for a bad body.
    const plain = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"uji"').toString('base64') }] };
    const encoded = await http().post(`${API_PREFIX}/codec/encode`).set('Authorization', await token('admin')).send(plain);
    expect(encoded.status).to.equal(200);
    expect((await http().post(`${API_PREFIX}/codec/decode`).set('Authorization', await token('admin')).send(encoded.body)).body).to.deep.equal(plain);
    expect((await http().post(`${API_PREFIX}/codec/decode`).set('Authorization', await token('budi')).send(encoded.body)).status).to.equal(403);
    expect((await http().post(`${API_PREFIX}/codec/encode`).set('Authorization', await token('admin')).send({ payloads: 'x' })).status).to.equal(400);
    // A closure far ahead of every case's deadlines: declared, listed, refused twice, withdrawn.
    const far = new Date(Date.now() + 700 * 86_400_000).toISOString().slice(0, 10);
    const closure = () => http().post(`${API_PREFIX}/admin/calendar/closures`).send({ date: far, reason: 'Uji dokumen OpenAPI' });
    expect((await closure().set('Authorization', await token('admin'))).status).to.equal(201);
    expect((await closure().set('Authorization', await token('admin'))).status).to.equal(409);
    expect((await closure().set('Authorization', await token('budi'))).status).to.equal(403);
    expect((await http().get(`${API_PREFIX}/calendar/closures`)).body.items).to.deep.include({ date: far, reason: 'Uji dokumen OpenAPI' });
    const adminToken = await token('admin');
    const withdraw = () => http().delete(`${API_PREFIX}/admin/calendar/closures/${far}`).set('Authorization', adminToken);
    expect((await withdraw()).status).to.equal(200);
    expect((await withdraw()).status).to.equal(404);
    const revoke = (user: string) => http().post(`${API_PREFIX}/admin/permits/${issuedId}/revocation`).set('Authorization', user).send({ reasonCode: 'pelanggaran_ketentuan', reason: 'Lokasi melanggar RTRW' });
    expect((await revoke(await token('admin'))).status).to.equal(200);
    expect((await revoke(await token('admin'))).status).to.equal(409);
    expect((await http().get(`${API_PREFIX}/public/verify/${encodeURIComponent(number)}`)).body.status).to.equal('revoked');
    // The transparency log: a head signed on demand, its proofs, entries and the seal; bad input named.
    const head = await http().post(`${API_PREFIX}/admin/log/tree-head`).set('Authorization', adminToken);
    expect(head.status).to.equal(201);
    expect((await http().post(`${API_PREFIX}/admin/log/tree-head`).set('Authorization', await token('budi'))).status).to.equal(403);
    const size = head.body.treeSize as number;
    for (const [path, status] of [
      ['/public/log/tree-head', 200],
      ['/public/log/seal.pem', 200],
      [`/public/log/proof/inclusion?leafIndex=0&treeSize=${size}`, 200],
      [`/public/log/proof/inclusion?leafIndex=0&treeSize=${size + 1_000_000}`, 400],
      [`/public/log/proof/consistency?first=1&second=${size}`, 200],
      ['/public/log/entries?start=0&end=5', 200],
      ['/public/log/entries?start=5&end=1', 400],
    ] as const) {
      expect((await http().get(`${API_PREFIX}${path}`)).status, path).to.equal(status);
    }
  });

  it('answers a contract from draft to an addendum as documented', async () => {
    const id = await draft();
    const badTerms = await http().post(`${API_PREFIX}/contracts`).set('Authorization', await token('ppk')).send({ typeId: 'barang', terms: { ...sampleTerms(), value: 1 } });
    expect(badTerms.status).to.equal(400);
    await legalApproves(id);
    const proposal = await http().post(`${API_PREFIX}/contracts/${id}/versions`).set('Authorization', await token('vendor-a')).send({ terms: sampleTerms({ unitPrice: 13_000_000 }) });
    expect(proposal.status, JSON.stringify(proposal.body)).to.equal(201);
    expect(await contractTasks(id)).to.have.length.greaterThan(0);
    expect((await http().get(`${API_PREFIX}/contracts/${id}/document.pdf`).set('Authorization', await token('ppk'))).status).to.equal(200);
    expect((await http().post(`${API_PREFIX}/contracts/${id}/withdrawal`).set('Authorization', await token('ppk')).send({ reason: 'Anggaran dialihkan' })).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/contracts/${id}`).set('Authorization', await token('vendor-b'))).status).to.equal(404);

    const active = await activeContract();
    // An addendum legal sends back, withdrawn by the PPK; then one that is signed.
    const sentBack = await proposeAddendum(active);
    const legalReview = await until(async () => (await harness().records.listTasksForCase(sentBack)).find((t) => t.status === 'open' && t.kind === 'review'), 'legal review of the addendum');
    await http().post(`${API_PREFIX}/tasks/${legalReview.id}/decision`).set('Authorization', await token('hukum')).send({ outcome: 'request_changes', comment: 'Lengkapi justifikasi' });
    const withdrawn = await http().post(`${API_PREFIX}/contracts/${active}/addenda/${sentBack}/withdrawal`).set('Authorization', await token('ppk')).send({ reason: 'Diganti usulan baru' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    await completeAddendum(active, await proposeAddendum(active));
    expect((await http().get(`${API_PREFIX}/contracts`).set('Authorization', await token('vendor-a'))).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/contracts/${active}`).set('Authorization', await token('ppk'))).body.addenda).to.have.length(2);
    expect((await http().get(`${API_PREFIX}/public/contracts`)).body.items.length).to.be.greaterThan(0);

    // Termination: refused without a reason, asked, approved by legal, the notice served.
    expect((await http().post(`${API_PREFIX}/contracts/${active}/termination`).set('Authorization', await token('ppk')).send({})).status).to.equal(400);
    expect((await http().get(`${API_PREFIX}/contracts/${active}/termination.pdf`).set('Authorization', await token('ppk'))).status).to.equal(404);
    const asked = await http().post(`${API_PREFIX}/contracts/${active}/termination`).set('Authorization', await token('ppk')).send({ reason: 'Penyedia menghentikan pekerjaan tanpa alasan yang sah' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(202);
    const review = (await contractTasks(active)).find((t) => t.kind === 'termination_review')!;
    const approved = await http().post(`${API_PREFIX}/tasks/${review.id}/decision`).set('Authorization', await token('hukum')).send({ outcome: 'approve', comment: 'Sesuai SSUK' });
    expect(approved.body.case.status).to.equal('terminated');
    expect((await http().get(`${API_PREFIX}/contracts/${active}/termination.pdf`).set('Authorization', await token('vendor-a'))).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/contracts/${active}`).set('Authorization', await token('ppk'))).body.status).to.equal('terminated');
    expect((await http().get(`${API_PREFIX}/public/contracts`)).body.items.map((c: { status: string }) => c.status)).to.include('terminated');
    // Open data: the catalogue, each dataset as JSON and CSV (the register with these contracts), bad input.
    expect((await http().get(`${API_PREFIX}/public/data`)).status).to.equal(200);
    for (const id of ['izin-terbit', 'waktu-proses', 'register-kontrak']) {
      expect((await http().get(`${API_PREFIX}/public/data/${id}`)).status, id).to.equal(200);
      expect((await http().get(`${API_PREFIX}/public/data/${id}.csv`)).status, id).to.equal(200);
    }
    expect((await http().get(`${API_PREFIX}/public/data/izin-terbit?from=2026-13`)).status).to.equal(400);
    expect((await http().get(`${API_PREFIX}/public/data/nope`)).status).to.equal(404);

    // The Inspektorat: the sweep finds the signed addendum's 9% of the cap; findings, acknowledgement, exports.
    await sweepAnomalies({ records: harness().records, office: officeHoursFromFile() }, new Date(Date.now() - 3_600_000).toISOString());
    const auditor = await token('inspektur');
    const findings = await http().get(`${API_PREFIX}/audit/findings?caseId=${active}&rule=addenda_near_cap`).set('Authorization', auditor);
    expect(findings.body.items, JSON.stringify(findings.body)).to.have.length(1);
    expect((await http().get(`${API_PREFIX}/audit/findings?rule=nope`).set('Authorization', auditor)).status).to.equal(400);
    const ack = (body: object, id = findings.body.items[0].id as string) => http().post(`${API_PREFIX}/audit/findings/${id}/acknowledgement`).set('Authorization', auditor).send(body);
    expect((await ack({})).status).to.equal(400);
    expect((await ack({ note: 'Diperiksa: addendum sesuai justifikasi teknis' })).status).to.equal(200);
    expect((await ack({ note: 'Kedua kali' })).status).to.equal(409);
    expect((await ack({ note: 'Tidak ada' }, 'no-such-finding')).status).to.equal(404);
    expect((await http().get(`${API_PREFIX}/audit/cases.json?kind=contract&limit=2`).set('Authorization', auditor)).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/audit/cases.json?limit=100000`).set('Authorization', auditor)).status).to.equal(400);
    expect((await http().get(`${API_PREFIX}/audit/cases.csv?kind=contract&limit=2`).set('Authorization', auditor)).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/audit/log/entries?start=0&end=3`).set('Authorization', auditor)).status).to.equal(200);
    expect((await http().get(`${API_PREFIX}/audit/log/entries?start=0&end=1000`).set('Authorization', auditor)).status).to.equal(400);
  });

  it('answered every call as documented and called every documented route', () => {
    const uncalled = templates.map((t) => t.key).filter((k) => !called.has(k));
    const statuses = [...called.values()].reduce((n, s) => n + s.size, 0);
    process.stdout.write(
      `      OpenAPI conformance: ${called.size} of ${templates.length} routes called, ${responsesChecked} responses (${statuses} route/status pairs) and ${requestsChecked} requests checked\n`,
    );
    expect([...new Set(problems)], [...new Set(problems)].join('\n')).to.deep.equal([]);
    expect(uncalled, 'documented routes never called').to.deep.equal([]);
  });
});

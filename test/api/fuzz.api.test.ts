import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { inboxTasksOf, submissionBody } from '../harness/api-client';
import { draft, sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';

/**
 * Fuzzing every write route of the OpenAPI document (issue 8): valid, boundary and hostile values for every
 * field (huge and tiny numbers, far dates, NUL, lone surrogates, RTL overrides, long strings, wrong types, extra
 * and missing keys), sent with fitting users' tokens against the real app. No answer may be a 5xx or take 2 s,
 * every 4xx carries the error shape, and /healthz answers afterwards. Routes are read from the document, so a
 * route added later is fuzzed without touching this file.
 *
 * Two generators: bodies built from the request schema alone, and one-point mutations of a valid example (so a
 * hostile value reaches deep fields such as terms.award.date). Creating routes get a fixed Idempotency-Key, so a
 * mutation that stays valid attaches to the first case (or gets 422) instead of starting thousands of workflows.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 5200);
const CONCURRENCY = 2;
/** No refusal may take longer; accepted requests (real workflow updates) and uploads (verified in a child process) get WORK_MS. */
const SLOW_MS = 2000;
const WORK_MS = 30_000; // the upload verifier has its own time limit; a shared machine can take seconds to start it
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** mulberry32: small, seeded, good enough to pick test values. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const chance = (p: number) => random() < p;

type TSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, TSchema>;
  required?: string[];
  items?: TSchema;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
  additionalProperties?: boolean | TSchema;
};

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\ud800',
  '\udfff',
  'Budi \u202eosotnaS',
  '\u2066isolate\u2069',
  '\u0007\u001b[31m',
  'line\nbreak',
  'e\u0301',
  'x'.repeat(10_001),
  'é'.repeat(70_000),
  '9999-12-31',
  '9999-12-14',
  '+010000-01-01',
  '0000-00-00',
  '2026-02-30',
  '1999-12-31',
  '2101-01-01',
  '-1',
  '1e309',
  'NaN',
  'null',
  '__proto__',
  '{"$gt":""}',
  "'; drop table cases; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '😀'.repeat(300),
];
const HOSTILE_NUMBERS = [0, -0, -1, 1, 0.5, -1e-300, 1e-300, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e15, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 3660, 3661, 1000, 1001, 1e9];
const WRONG_TYPES: unknown[] = [null, true, false, [], {}, [1, 2], { a: 1 }, 'text', 42, -3.5];

/** Resolves `$ref` against the document's components. */
function resolver(doc: { components?: { schemas?: Record<string, TSchema> } }) {
  const resolve = (s: TSchema | undefined, depth = 0): TSchema => {
    if (!s || depth > 20) return {};
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!], depth + 1);
    return s;
  };
  return resolve;
}

/** A value meeting the schema where that is easy to do (patterns from a list of candidates). */
function validValue(schema: TSchema, resolve: (s: TSchema) => TSchema, depth = 0): unknown {
  const s = resolve(schema);
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return validValue(pick(alternatives.filter((a) => resolve(a).type !== 'null')) ?? {}, resolve, depth + 1);
  if (s.allOf) return validValue(s.allOf[0]!, resolve, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(key) || chance(0.5)) out[key] = validValue(prop, resolve, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, 1 + int(2)) }, () => validValue(s.items ?? {}, resolve, depth + 1));
    case 'integer':
    case 'number': {
      const lo = Math.max(s.minimum ?? 0, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -Infinity, 0);
      const hi = Math.min(s.maximum ?? lo + 100, lo + 100);
      return lo + int(Math.max(hi - lo, 1));
    }
    case 'boolean':
      return chance(0.5);
    case 'string':
      return validString(s);
    default:
      return 'nilai';
  }
}

const PATTERN_CANDIDATES = ['6171010101900001', '197805122005011003', '012345678901234', '01.234.567.8-901.234', '+62 812 5555 0101', 'pc', 'A1', 'item-1'];

function validString(s: TSchema): string {
  if (typeof s.example === 'string') return s.example;
  if (s.format === 'date') return pick(['2026-07-01', '2000-01-01', '2100-12-31']);
  if (s.format === 'email') return 'warga@example.id';
  if (s.format === 'binary') return 'bytes';
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return PATTERN_CANDIDATES.find((c) => re.test(c)) ?? 'nilai';
  }
  const min = s.minLength ?? 0;
  const base = 'Nilai uji yang cukup panjang untuk batas minimum teks. ';
  return base.repeat(Math.ceil((min + 1) / base.length)).slice(0, Math.max(min, Math.min(s.maxLength ?? 30, 30)));
}

/** A boundary or hostile value for one field of the schema. */
function hostileValue(schema: TSchema, resolve: (s: TSchema) => TSchema): unknown {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const r = random();
  if (r < 0.15) return pick(WRONG_TYPES);
  if (type === 'string' || (!type && r < 0.5)) {
    if (s.maxLength !== undefined && chance(0.2)) return 'x'.repeat(s.maxLength + 1);
    if (s.minLength !== undefined && s.minLength > 0 && chance(0.2)) return 'x'.repeat(s.minLength - 1);
    if (chance(0.3)) return validString(s) + pick(['\u0000', '\ud800', '\u202e', '\u2068', '\u009b', '\u007f']);
    return pick(HOSTILE_STRINGS);
  }
  if (type === 'number' || type === 'integer') {
    if (s.maximum !== undefined && chance(0.25)) return pick([s.maximum, s.maximum + 1, s.maximum + 0.5]);
    if (s.minimum !== undefined && chance(0.25)) return pick([s.minimum, s.minimum - 1, s.minimum - 0.5]);
    return pick(HOSTILE_NUMBERS);
  }
  if (type === 'array') {
    if (chance(0.3)) return [];
    const length = s.maxItems !== undefined && chance(0.5) ? s.maxItems + 1 : 300;
    return Array.from({ length }, () => validValue(s.items ?? {}, resolve, 1));
  }
  if (type === 'object') return pick<unknown>([{}, JSON.parse('{"__proto__":{"admin":true}}'), JSON.parse('{"constructor":{"prototype":{"x":1}}}'), { extra: 1 }]);
  return pick([...WRONG_TYPES, ...HOSTILE_STRINGS, ...HOSTILE_NUMBERS]);
}

/** Every (path, schema) inside a value, for one-point mutations; schema may be unknown ({}). */
function pointsOf(value: unknown, schema: TSchema, resolve: (s: TSchema) => TSchema, path: Array<string | number> = [], out: Array<{ path: Array<string | number>; schema: TSchema }> = []) {
  const s = resolve(schema);
  out.push({ path, schema: s });
  if (Array.isArray(value)) value.forEach((v, i) => pointsOf(v, s.items ?? {}, resolve, [...path, i], out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pointsOf(v, s.properties?.[k] ?? {}, resolve, [...path, k], out);
  }
  return out;
}

/** The example with one point replaced, deleted, or given an extra key. */
function mutate(example: unknown, schema: TSchema, resolve: (s: TSchema) => TSchema): unknown {
  const copy = structuredClone(example);
  const points = pointsOf(copy, schema, resolve);
  const point = pick(points.length > 1 ? points.slice(1) : points);
  if (point.path.length === 0) return hostileValue(schema, resolve);
  let parent = copy as Record<string | number, unknown>;
  for (const key of point.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = point.path.at(-1)!;
  const r = random();
  if (r < 0.1 && !Array.isArray(parent)) delete parent[last];
  else if (r < 0.18 && !Array.isArray(parent)) parent[`extra${int(3)}`] = pick([...HOSTILE_STRINGS, ...HOSTILE_NUMBERS]);
  else if (r < 0.25) parent[last] = validValue(point.schema, resolve);
  else parent[last] = hostileValue(point.schema, resolve);
  return copy;
}

interface TOperation {
  method: (typeof WRITE_METHODS)[number];
  path: string;
  secured: boolean;
  jsonSchema?: TSchema;
  multipart: boolean;
  headers: string[];
}

interface TOutcome {
  op: string;
  multipart: boolean;
  status: number;
  ms: number;
  body: unknown;
  request: string;
}

describe('fuzzing the write routes of the OpenAPI document (issue 8)', function () {
  this.timeout(900_000); // about a minute on a quiet 2-core machine; far longer when it is shared

  let server: http.Server;
  let base: string;
  const tokens = new Map<string, string>();
  const ids: Record<'permit' | 'contract' | 'task', string[]> = { permit: [], contract: [], task: [] };
  const examples = new Map<string, unknown>();

  before(async function () {
    this.timeout(120_000);
    server = http.createServer(harness().app).listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    for (const user of ['budi', 'siti', 'rahmat', 'agus', 'kepala', 'admin', 'ppk', 'hukum', 'vendor-a']) tokens.set(user, await harness().token(user));

    // Real objects for path parameters: a permit with an open task, a contract draft with its legal review task.
    const type = harness().catalog.get('reklame')!;
    const permitBody = await submissionBody(type, 'budi');
    const permit = await harness().http().post('/api/v1/permits').set('Authorization', tokens.get('budi')!).send(permitBody);
    expect(permit.status, JSON.stringify(permit.body)).to.equal(201);
    ids.permit.push(permit.body.id);
    const contractId = await draft();
    ids.contract.push(contractId);
    for (const user of ['rahmat', 'hukum']) {
      for (const caseId of [permit.body.id as string, contractId]) ids.task.push(...(await inboxTasksOf(user, caseId)).map((t) => t.id));
    }
    expect(ids.task.length, 'open tasks of the fixture cases').to.be.greaterThan(0);

    examples.set('post /permits', { ...permitBody, fields: { ...permitBody.fields } });
    examples.set('post /contracts', { typeId: 'barang', terms: sampleTerms() });
    examples.set('post /contracts/{id}/versions', { terms: sampleTerms({ unitPrice: 12_750_000 }) });
    examples.set('post /contracts/{id}/addenda', {
      justification: 'Penambahan volume pekerjaan sesuai kebutuhan lapangan',
      endDate: '2027-01-31',
      exceptionReason: 'Keadaan kahar menurut berita acara',
    });
    examples.set('post /permits/{id}/revisions', { fields: { ...permitBody.fields }, comment: 'Perbaikan berkas' });
    examples.set('post /permits/{id}/withdrawal', { reason: 'Tidak jadi mengajukan' });
    examples.set('post /contracts/{id}/withdrawal', { reason: 'Penyedia mengundurkan diri' });
    examples.set('post /tasks/{id}/decision', { outcome: 'request_changes', comment: 'Mohon lengkapi' });
    examples.set('post /admin/permits/{id}/revocation', { reasonCode: 'lainnya', reason: 'Catatan internal administrator' });
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it(`sends at least 5,000 generated requests: no 5xx, no refusal slower than ${SLOW_MS} ms, the error shape on every 4xx`, async () => {
    const doc = (await harness().http().get('/api/v1/openapi.json').expect(200)).body;
    const resolve = resolver(doc);
    const operations: TOperation[] = [];
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const method of WRITE_METHODS) {
        const op = item[method] as
          | { security?: unknown[]; requestBody?: { content?: Record<string, { schema?: TSchema }> }; parameters?: Array<{ in: string; name: string }> }
          | undefined;
        if (!op) continue;
        const content = op.requestBody?.content ?? {};
        operations.push({
          method,
          path,
          secured: !(Array.isArray(op.security) && op.security.length === 0),
          jsonSchema: content['application/json']?.schema,
          multipart: 'multipart/form-data' in content,
          headers: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
        });
      }
    }
    expect(operations.length, 'write routes in the document').to.be.greaterThan(5);

    const userFor = (op: TOperation): string | undefined => {
      if (!op.secured) return chance(0.8) ? undefined : pick([...tokens.keys()]);
      if (chance(0.05)) return pick([...tokens.keys()]); // someone else's route: 403/404, never 5xx
      if (op.path.startsWith('/admin')) return 'admin';
      if (op.path.startsWith('/contracts')) return op.path.endsWith('/versions') && chance(0.3) ? 'vendor-a' : 'ppk';
      if (op.path.startsWith('/tasks')) return pick(['rahmat', 'hukum', 'ppk']);
      if (op.path.startsWith('/permits') || op.path.startsWith('/documents')) return 'budi';
      return pick([...tokens.keys()]);
    };
    const idFor = (op: TOperation): string => {
      if (chance(0.1)) return pick(['0', 'x'.repeat(300), 'é', '\u202e', '..', '%00', '-1', '9'.repeat(40), 'null']);
      const pool = op.path.startsWith('/contracts') ? ids.contract : op.path.startsWith('/tasks') ? ids.task : op.path.includes('permits') ? ids.permit : [...ids.permit, ...ids.contract, ...ids.task];
      return pick(pool);
    };

    const build = (op: TOperation) => {
      const key = `${op.method} ${op.path}`;
      const url = base + op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(idFor(op)));
      const headers: Record<string, string> = {};
      const user = userFor(op);
      if (user) headers.authorization = tokens.get(user)!;
      let body: string | FormData | undefined;
      if (op.multipart) {
        const form = new FormData();
        const bytes = pick([
          Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
          Buffer.from('%PDF-'),
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.from('\u0000\u0001not a file'),
          Buffer.alloc(0),
          Buffer.from('<html><script>alert(1)</script></html>'),
        ]);
        if (chance(0.9)) form.append(pick(['file', 'file', 'other', '']), new Blob([bytes]), pick(['a.pdf', '\u202efdp.exe', '../../x', 'x'.repeat(300), 'ktp.png']));
        if (chance(0.2)) form.append('extra', pick(HOSTILE_STRINGS));
        body = form;
      } else if (op.jsonSchema || op.method !== 'delete') {
        headers['content-type'] = chance(0.03) ? pick(['text/plain', 'application/xml', 'application/json; charset=utf-16']) : 'application/json';
        const example = examples.get(key) ?? validValue(op.jsonSchema ?? {}, resolve);
        const r = random();
        const value = r < 0.6 ? mutate(example, op.jsonSchema ?? {}, resolve) : r < 0.85 ? validValue(op.jsonSchema ?? {}, resolve) : hostileValue(op.jsonSchema ?? {}, resolve);
        body = chance(0.02) ? pick(['{', '{"a":', '[1,2', 'null', '"x"', '\u0000', '{"a":1}{"b":2}']) : JSON.stringify(value);
      }
      for (const name of op.headers) {
        // Mostly one fixed key per creating route: a valid mutation attaches to the first case instead of starting another.
        if (name.toLowerCase() === 'idempotency-key') headers[name] = chance(0.9) ? `fuzz-${SEED}-${key}`.replace(/[^\x21-\x7e]/g, '-') : pick(['', ' ', 'x'.repeat(201), 'ä', 'a b']);
      }
      return { url, method: op.method.toUpperCase(), headers, body, describe: `${op.method.toUpperCase()} ${url.slice(base.length)} ${typeof body === 'string' ? body.slice(0, 300) : '(multipart)'}` };
    };

    // Every route gets its share, round robin; uploads (each verified in a child process) one round in five.
    const plan: TOperation[] = [];
    for (let round = 0; plan.length < TOTAL; round++) plan.push(...operations.filter((op) => !op.multipart || round % 5 === 0));
    const outcomes: TOutcome[] = [];
    const started = Date.now();
    let next = 0;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < plan.length) {
        const op = plan[next++]!;
        const req = build(op);
        const t0 = performance.now();
        let status: number;
        let body: unknown;
        try {
          const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
          status = res.status;
          const text = await res.text();
          try {
            body = JSON.parse(text);
          } catch {
            body = text.slice(0, 200);
          }
        } catch (err) {
          // Only a client-side refusal (a header fetch will not send) is acceptable; count it apart.
          status = -1;
          body = String(err);
        }
        outcomes.push({ op: `${op.method} ${op.path}`, multipart: op.multipart, status, ms: performance.now() - t0, body, request: req.describe });
      }
    });
    await Promise.all(workers);
    const seconds = (Date.now() - started) / 1000;

    const sent = outcomes.filter((o) => o.status > 0);
    const count = (f: (o: TOutcome) => boolean) => sent.filter(f).length;
    const perRoute = new Map<string, { n: number; s2: number; s4: number; s5: number }>();
    for (const o of sent) {
      const c = perRoute.get(o.op) ?? { n: 0, s2: 0, s4: 0, s5: 0 };
      c.n++;
      if (o.status < 300) c.s2++;
      else if (o.status < 500) c.s4++;
      else c.s5++;
      perRoute.set(o.op, c);
    }
    const lines = [...perRoute].map(([op, c]) => {
      const ms = sent.filter((o) => o.op === op).map((o) => o.ms);
      return `    ${op.padEnd(40)} ${String(c.n).padStart(5)} requests  2xx ${c.s2}  4xx ${c.s4}  5xx ${c.s5}  mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(0)} ms`;
    });
    const unsent = outcomes.filter((o) => o.status < 0);
    if (unsent.length) process.stdout.write(`      not sent, e.g. ${unsent.slice(0, 3).map((o) => `${o.request.slice(0, 80)}: ${String(o.body).slice(0, 120)}`).join(' | ')}\n`);
    const slowest = Math.max(...sent.map((o) => o.ms));
    process.stdout.write(
      `      fuzz (seed ${SEED}): ${sent.length} requests in ${seconds.toFixed(1)} s over ${operations.length} write routes; ` +
        `2xx ${count((o) => o.status < 300)}, 4xx ${count((o) => o.status >= 400 && o.status < 500)}, 5xx ${count((o) => o.status >= 500)}; ` +
        `slowest ${slowest.toFixed(0)} ms; not sendable by fetch ${outcomes.length - sent.length}\n${lines.join('\n')}\n`,
    );

    expect(sent.length).to.be.at.least(Math.min(TOTAL, 5000)); // FUZZ_REQUESTS may ask for a shorter run while developing
    expect(perRoute.size, 'every write route was exercised').to.equal(operations.length);
    const serverErrors = sent.filter((o) => o.status >= 500);
    expect(serverErrors.map((o) => `${o.status} ${o.request} → ${JSON.stringify(o.body).slice(0, 200)}`).slice(0, 10)).to.deep.equal([]);
    const slow = sent.filter((o) => o.ms > (o.status < 300 || o.multipart ? WORK_MS : SLOW_MS));
    expect(slow.map((o) => `${o.ms.toFixed(0)} ms ${o.request.slice(0, 200)}`).slice(0, 10)).to.deep.equal([]);
    const badShape = sent.filter((o) => {
      if (o.status < 400) return false;
      const error = (o.body as { error?: { code?: unknown; message?: unknown } })?.error;
      return typeof error?.code !== 'string' || typeof error.message !== 'string' || /node_modules|at \w+ \(/.test(JSON.stringify(o.body));
    });
    expect(badShape.map((o) => `${o.status} ${o.request.slice(0, 150)} → ${JSON.stringify(o.body).slice(0, 200)}`).slice(0, 10)).to.deep.equal([]);
    expect(sent.filter((o) => o.status >= 300 && o.status < 400)).to.deep.equal([]);

    const health = await fetch(`${base.replace(/\/api\/v1$/, '')}/healthz`);
    expect(health.status).to.equal(200);
  });
});

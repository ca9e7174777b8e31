import { expect } from 'chai';
import type supertest from 'supertest';
import { loadDevUsers } from '../../config/dev-users';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { as, SAMPLE_PDF, SAMPLE_PNG, submissionBody, upload } from '../harness/api-client';
import { draft } from '../harness/contracts';
import { harness } from '../harness/harness';

/**
 * Need to know, route by route: every seeded user (and an anonymous caller) × every route of the OpenAPI
 * document × the cases they own, act on, or have no part in. The expectations below are written out by hand
 * from the rules (not computed by the access policy), and a route in the document that this table does not know
 * fails the test, so a new route cannot be forgotten.
 */

const http = () => harness().http();
const USERS = loadDevUsers().map((u) => u.id);
const ROLES = new Map(loadDevUsers().map((u) => [u.id, u.roles as readonly string[]]));
const CALLERS = [...USERS, 'anonymous'];
const APPLICANTS = ['budi', 'siti'];

interface TSecrets {
  nik: string;
  phone: string;
  address: string;
  email: string;
  /** Bytes inside the uploaded KTP scan. */
  ktpMarker: string;
}

/** The fixture cases and who may read each (by seeded user id). */
interface TFixtures {
  /** budi's billboard permit, reviewed by DPMPTSP, PUPR and Bapenda, signed by the head of office: issued. */
  p1: { id: string; number: string; ktp: string; doneTask: string; secrets: TSecrets; readers: string[] };
  /** siti's practice permit, just submitted: only the completeness check (DPMPTSP) has a task. */
  p2: { id: string; ktp: string; openTask: string; secrets: TSecrets; readers: string[] };
  /** The PPK's goods contract with vendor A, in legal review. */
  c1: { id: string; legalTask: string; readers: string[]; taskAddressers: string[] };
  /** An upload of budi's that no case refers to. */
  loose: string;
}

/** The Inspektorat's auditor: reads every case in full and writes nothing (403 on every write, before the route). */
const AUDITOR = 'inspektur';
const PARTY_OF_P1 = ['budi', 'rahmat', 'agus', 'wulan', 'kepala', 'admin', AUDITOR];
const PARTY_OF_P2 = ['siti', 'rahmat', 'admin', AUDITOR];
const PARTY_OF_C1 = ['ppk', 'hukum', 'vendor-a', 'admin', AUDITOR];
/** A write's answer: the auditor is refused whatever the subject; everyone else as `allowed` says. */
const writes = (allowed: (c: string) => TExpected) => (c: string): TExpected => (c === AUDITOR ? 403 : allowed(c));

type TExpected = number | readonly number[];
interface TProbe {
  /** What is probed, for the report: `own`, `related`, `other` are decided per caller from `parties`. */
  subject: string;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  multipart?: boolean;
  /** Users for whom the subject exists; `undefined` when the route has no subject (lists, submissions, public). */
  parties?: readonly string[];
  /** The answer for a caller allowed to reach the subject (or the route). */
  allowed: (caller: string) => TExpected;
  /** The answer for a caller who is not: 404 for a case (it does not exist for them), 403 for a role guard. */
  refused?: number;
  /** Which callers pass a role guard (non-case routes); every authenticated caller when left out. */
  guard?: readonly string[];
  /** Extra checks on an allowed answer (lists: which cases appear). */
  check?: (caller: string, res: supertest.Response, body: unknown) => void;
  /** May this answer carry full personal data of the case (detail, its documents and PDFs, to its readers)? */
  mayCarryPersonalData?: boolean;
}

const ids = (body: unknown): string[] => ((body as { items?: Array<{ id?: string; caseId?: string }> }).items ?? []).map((i) => i.id ?? i.caseId ?? '');

/** The table: one entry per route of the OpenAPI document. */
function matrix(fx: TFixtures): Record<string, TProbe[]> {
  const permitWrite = (route: string, body: unknown): TProbe[] => [
    { subject: 'p1', params: { id: fx.p1.id }, body, parties: ['budi', AUDITOR], allowed: writes(() => 400) },
    { subject: 'p2', params: { id: fx.p2.id }, body, parties: ['siti', AUDITOR], allowed: writes(() => 400) },
  ].map((p) => ({ ...p, refused: 404, subject: `${p.subject} ${route}` }));
  const taskProbes = (body: unknown | undefined, allowedDone: TExpected, allowedOpen: (c: string) => TExpected): TProbe[] => [
    // A decided task of an issued permit: non-applicant readers reach it and are refused by state or role.
    { subject: 'p1 done task', params: { id: fx.p1.doneTask }, body, parties: PARTY_OF_P1.filter((u) => u !== 'budi'), allowed: writes(() => allowedDone), refused: 404 },
    { subject: 'p2 open task', params: { id: fx.p2.openTask }, body, parties: ['rahmat', 'admin', AUDITOR], allowed: writes(allowedOpen), refused: 404 },
    { subject: 'c1 legal task', params: { id: fx.c1.legalTask }, body, parties: fx.c1.taskAddressers, allowed: writes((c) => (body === undefined && c !== 'hukum' ? 403 : body === undefined ? 200 : 400)), refused: 404 },
  ];
  const contractProbe = (allowed: (c: string) => TExpected, body?: unknown, mayCarryPersonalData = false): TProbe[] => [
    { subject: 'c1', params: { id: fx.c1.id }, body, parties: PARTY_OF_C1, allowed, refused: 404, mayCarryPersonalData },
  ];
  const publicProbe = (allowed: TExpected, extra: Partial<TProbe> = {}): TProbe[] => [{ subject: 'public', allowed: () => allowed, ...extra }];

  return {
    'GET /openapi.json': publicProbe(200),
    'GET /permit-types': publicProbe(200),
    'GET /contract-types': publicProbe(200),
    'GET /contract-types/{id}': publicProbe(200, { params: { id: 'barang' } }),
    'GET /permit-types/{id}': publicProbe(200, { params: { id: 'reklame' } }),
    'POST /documents': [{ subject: 'upload without a file', multipart: true, allowed: writes(() => 400) }],
    'POST /permits': [{ subject: 'submission', body: {}, guard: APPLICANTS, refused: 403, allowed: () => 400 }],
    'GET /permits': [
      {
        subject: 'list',
        query: 'limit=200',
        allowed: () => 200,
        check: (caller, _res, body) => {
          expect(ids(body).includes(fx.p1.id), `${caller} lists p1`).to.equal(fx.p1.readers.includes(caller));
          expect(ids(body).includes(fx.p2.id), `${caller} lists p2`).to.equal(fx.p2.readers.includes(caller));
          const p1 = (body as { items: Array<{ id: string; applicant: { nik: string } | null }> }).items.find((i) => i.id === fx.p1.id);
          if (p1) expect(p1.applicant?.nik).to.equal(`${fx.p1.secrets.nik.slice(0, 4)}********${fx.p1.secrets.nik.slice(-4)}`);
        },
      },
    ],
    'GET /permits/{id}': [
      { subject: 'p1', params: { id: fx.p1.id }, parties: fx.p1.readers, allowed: () => 200, refused: 404, mayCarryPersonalData: true },
      { subject: 'p2', params: { id: fx.p2.id }, parties: fx.p2.readers, allowed: () => 200, refused: 404, mayCarryPersonalData: true },
      { subject: 'c1 asked as a permit', params: { id: fx.c1.id }, parties: [], allowed: () => 200, refused: 404 },
    ],
    'POST /permits/{id}/revisions': permitWrite('revision', { fields: 'not an object' }),
    'POST /permits/{id}/withdrawal': permitWrite('withdrawal', { reason: 5 }),
    'GET /permits/{id}/certificate.pdf': [
      { subject: 'p1 certificate', params: { id: fx.p1.id }, parties: fx.p1.readers, allowed: () => 200, refused: 404, mayCarryPersonalData: true },
    ],
    // p1 was decided in time: no lapse for anyone (who reads a lapsed case: test/workflows/deemed-approval.workflow.test.ts).
    'GET /cases/{id}/lapse': [{ subject: 'p1 lapse', params: { id: fx.p1.id }, parties: fx.p1.readers, allowed: () => 404, refused: 404 }],
    'GET /cases/{id}/lapse.pdf': [{ subject: 'p1 lapse report', params: { id: fx.p1.id }, parties: fx.p1.readers, allowed: () => 404, refused: 404 }],
    'GET /documents/{id}': [
      { subject: 'p1 KTP scan', params: { id: fx.p1.ktp }, parties: fx.p1.readers, allowed: () => 200, refused: 404, mayCarryPersonalData: true },
      { subject: 'p2 KTP scan', params: { id: fx.p2.ktp }, parties: fx.p2.readers, allowed: () => 200, refused: 404, mayCarryPersonalData: true },
      { subject: 'upload of no case', params: { id: fx.loose }, parties: ['budi'], allowed: () => 200, refused: 404 },
    ],
    'GET /tasks': [
      {
        subject: 'inbox',
        allowed: () => 200,
        check: (caller, _res, body) => {
          const cases = ((body as { items: Array<{ caseId: string }> }).items ?? []).map((t) => t.caseId);
          if (cases.includes(fx.p1.id)) expect.fail(`${caller} sees a task of the issued p1`);
          expect(cases.includes(fx.p2.id), `${caller} sees p2's task`).to.equal(caller === 'rahmat');
          // The contract opens with legal review and the vendor's performance guarantee side by side.
          expect(cases.includes(fx.c1.id), `${caller} sees c1's tasks`).to.equal(caller === 'hukum' || caller === 'vendor-a');
        },
      },
    ],
    'GET /notices': [
      {
        subject: 'my notices',
        query: 'limit=100',
        allowed: () => 200,
        // Only notices addressed to a role the caller holds (the fixtures are too young for any of their own).
        check: (caller, _res, body) => {
          const roles = ROLES.get(caller) ?? [];
          for (const n of (body as { items: Array<{ role: string; caseId: string }> }).items) expect(roles, `${caller} sees a notice to ${n.role}`).to.include(n.role);
        },
      },
    ],
    'POST /tasks/{id}/claim': taskProbes(undefined, [403, 409], (c) => (c === 'rahmat' ? 200 : 403)),
    // After the claims above: their holders may give the tasks back (rahmat holds p2's, hukum c1's), nobody else.
    'POST /tasks/{id}/release': taskProbes(undefined, [403, 409], (c) => (c === 'rahmat' ? [200, 409] : 403)),
    // Only a sign task has a preview, and only for its signer: p2's open review task has none for anyone.
    'GET /tasks/{id}/preview.pdf': [{ subject: 'p2 open task preview', params: { id: fx.p2.openTask }, parties: ['rahmat', 'admin'], allowed: () => 404, refused: 404 }],
    'POST /tasks/{id}/decision': taskProbes({ outcome: 'not-an-outcome' }, 400, () => 400),
    // A batch without tasks is refused for its body before the passphrase is tried (which tasks each signer may sign: sign-batch.api.test.ts).
    'POST /tasks/signatures': [{ subject: 'sign batch without tasks', body: { passphrase: 'x', items: [] }, allowed: writes(() => 400) }],
    'GET /admin/cases': [
      {
        subject: 'oversight',
        guard: ['admin'],
        refused: 403,
        allowed: () => 200,
        check: (_caller, _res, body) => expect(ids(body)).to.include(fx.p2.id),
      },
    ],
    'GET /admin/sla': [
      {
        subject: 'service-level analytics',
        guard: ['admin'],
        refused: 403,
        allowed: () => 200,
        // p2's open review stage is among the open rounds of its type and stage.
        check: (_caller, _res, body) => expect((body as { stages: Array<{ open: number }> }).stages.some((s) => s.open > 0)).to.equal(true),
      },
    ],
    'GET /admin/security-events': [{ subject: 'security events', guard: ['admin'], refused: 403, allowed: () => 200 }],
    // Bad body and a date that is no closure: the guard answers before anything is written.
    'POST /admin/calendar/closures': [{ subject: 'closure', body: {}, guard: ['admin'], refused: 403, allowed: () => 400 }],
    'DELETE /admin/calendar/closures/{date}': [{ subject: 'closure', params: { date: '2001-01-01' }, guard: ['admin'], refused: 403, allowed: () => 404 }],
    'POST /admin/permits/{id}/revocation': [{ subject: 'p1 revocation', params: { id: fx.p1.id }, body: {}, guard: ['admin'], refused: 403, allowed: () => 400 }],
    // The codec server: administrators only; a body without payloads is refused before any codec runs.
    'POST /codec/decode': [{ subject: 'codec decode', body: {}, guard: ['admin'], refused: 403, allowed: () => 400 }],
    'POST /codec/encode': [{ subject: 'codec encode', body: {}, guard: ['admin'], refused: 403, allowed: () => 400 }],
    // The Inspektorat: findings for auditors and administrators, acknowledgement and exports for auditors only.
    'GET /audit/findings': [{ subject: 'findings', guard: [AUDITOR, 'admin'], refused: 403, allowed: () => 200 }],
    'POST /audit/findings/{id}/acknowledgement': [{ subject: 'acknowledgement without a note', params: { id: 'no-such-finding' }, body: {}, guard: [AUDITOR], refused: 403, allowed: () => 400 }],
    'GET /audit/cases.json': [{ subject: 'export', query: 'limit=5', guard: [AUDITOR], refused: 403, allowed: () => 200 }],
    'GET /audit/cases.csv': [{ subject: 'export as CSV', query: 'limit=5', guard: [AUDITOR], refused: 403, allowed: () => 200 }],
    'GET /audit/log/entries': [{ subject: 'the log whole', query: 'start=0&end=2', guard: [AUDITOR], refused: 403, allowed: () => 200 }],
    'GET /public/verify/{number}': publicProbe(200, { params: { number: fx.p1.number } }),
    'POST /public/verify': publicProbe(400, { multipart: true }),
    'GET /public/ca.pem': publicProbe(200),
    'GET /public/crl.pem': publicProbe([200, 404]),
    'GET /public/contracts': publicProbe(200),
    'GET /public/data': publicProbe(200),
    'GET /public/data/{id}': publicProbe(200, { params: { id: 'izin-terbit' } }),
    'GET /public/data/{id}.csv': publicProbe(200, { params: { id: 'waktu-proses' } }),
    // An unknown number: the same 404 for everyone, signed in or not (a wrong PIN answers alike; tracking.api.test.ts).
    'GET /public/track': publicProbe(404, { query: 'number=REG/REK/1999/999999&pin=000000' }),
    // The transparency log: public reads (the fixtures' cases are in it); a signed head on demand for administrators.
    'GET /public/log/tree-head': publicProbe([200, 503]),
    'GET /public/log/proof/inclusion': publicProbe(200, { query: 'leafIndex=0&treeSize=1' }),
    'GET /public/log/proof/consistency': publicProbe(200, { query: 'first=1&second=1' }),
    'GET /public/log/entries': publicProbe(200, { query: 'start=0&end=2' }),
    'GET /public/log/seal.pem': publicProbe(200),
    'POST /admin/log/tree-head': [{ subject: 'tree head', guard: ['admin'], refused: 403, allowed: () => 201 }],
    'GET /calendar/deadline': publicProbe(200, { query: 'receivedAt=2026-07-06T10:00:00Z&workingDays=3' }),
    'GET /calendar/closures': publicProbe(200),
    'GET /healthz': publicProbe(200),
    'GET /readyz': publicProbe(200),
    'POST /contracts': [{ subject: 'draft', body: {}, guard: ['ppk'], refused: 403, allowed: () => 400 }],
    'GET /contracts': [
      {
        subject: 'list',
        allowed: () => 200,
        check: (caller, _res, body) => expect(ids(body).includes(fx.c1.id), `${caller} lists c1`).to.equal(fx.c1.readers.includes(caller)),
      },
    ],
    'GET /contracts/{id}': [
      ...contractProbe(() => 200),
      { subject: 'p1 asked as a contract', params: { id: fx.p1.id }, parties: [], allowed: () => 200, refused: 404 },
    ],
    'POST /contracts/{id}/versions': contractProbe(writes(() => 400), { terms: 'not an object' }),
    'POST /contracts/{id}/withdrawal': contractProbe((c) => (c === 'ppk' ? 400 : 403), { reason: 5 }),
    'GET /contracts/{id}/document.pdf': contractProbe(() => 200),
    'POST /contracts/{id}/addenda': contractProbe((c) => (c === 'ppk' ? 409 : 403), {}),
    // c1 is a draft: it has no addendum, for its parties or anyone else.
    'POST /contracts/{id}/addenda/{addendumId}/withdrawal': [
      { subject: 'c1 addendum that does not exist', params: { id: fx.c1.id, addendumId: `${fx.c1.id}-a2` }, body: {}, parties: PARTY_OF_C1, allowed: writes(() => 404), refused: 404 },
    ],
    'POST /contracts/{id}/termination': contractProbe((c) => (c === 'ppk' ? 400 : 403), { reason: 5 }),
    // c1 is not terminated: there is no notice, for its parties or anyone else.
    'GET /contracts/{id}/termination.pdf': contractProbe(() => 404),
  };
}

/** Every string of a case's personal data that must not appear in full outside its readers' detail views. */
const secretsOf = (s: TSecrets) => [s.nik, s.phone, s.address, s.email, s.ktpMarker];

async function submitWith(typeId: string, userId: string, secrets: TSecrets, name: string) {
  const type = harness().catalog.get(typeId)!;
  const body = await submissionBody(type, userId);
  const scan = Buffer.concat([SAMPLE_PNG, Buffer.from(secrets.ktpMarker)]);
  body.documents.ktp = await upload(userId, scan, 'ktp.png');
  const res = await http()
    .post('/api/v1/permits')
    .set('Authorization', await harness().token(userId))
    .send({ ...body, applicant: { name, nik: secrets.nik, phone: secrets.phone, address: secrets.address, email: secrets.email } });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.id as string, ktp: body.documents.ktp };
}

async function openTasksOf(caseId: string) {
  return (await harness().records.listTasksForCase(caseId)).filter((t) => t.status === 'open' || t.status === 'claimed');
}

async function issue(caseId: string) {
  for (let round = 0; round < 10; round++) {
    const open = await openTasksOf(caseId);
    if (open.length === 0) return;
    for (const task of open) {
      const auth = task.kind === 'sign' ? await harness().token('kepala') : await as(task.role);
      const body = task.kind === 'sign' ? { outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE } : { outcome: 'approve' };
      const res = await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', auth).send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
  }
  throw new Error(`case ${caseId} did not finish`);
}

function rawBody(res: supertest.Response, callback: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('need to know: every role × every route × own, related and other cases', function () {
  this.timeout(10 * 60_000);
  let fx: TFixtures;

  before(async () => {
    const s1: TSecrets = { nik: '6112999988880001', phone: '+62 811 4242 9001', address: 'Jl. Rahasia Matriks No. 901', email: 'budi.matriks@example.id', ktpMarker: 'KTP-MATRIX-SECRET-P1' };
    const s2: TSecrets = { nik: '6112777766660002', phone: '+62 811 4242 9002', address: 'Jl. Rahasia Matriks No. 902', email: 'siti.matriks@example.id', ktpMarker: 'KTP-MATRIX-SECRET-P2' };
    const p1 = await submitWith('reklame', 'budi', s1, 'Budi Santoso');
    const doneTask = (await openTasksOf(p1.id))[0]!.id;
    await issue(p1.id);
    const issued = await harness().records.issuance.byCase(p1.id);
    expect(issued, 'p1 issued').to.not.equal(undefined);
    const p2 = await submitWith('sip', 'siti', s2, 'Siti Rahmawati');
    const c1 = await draft();
    fx = {
      p1: { ...p1, number: issued!.number, doneTask, secrets: s1, readers: PARTY_OF_P1 },
      p2: { ...p2, openTask: (await openTasksOf(p2.id))[0]!.id, secrets: s2, readers: PARTY_OF_P2 },
      c1: { id: c1, legalTask: (await openTasksOf(c1)).find((t) => t.role === 'legal:dinas-pupr')!.id, readers: PARTY_OF_C1, taskAddressers: PARTY_OF_C1 },
      loose: await upload('budi', SAMPLE_PDF, 'lepas.pdf'),
    };
  });

  it('knows every route of the OpenAPI document, and only those', async () => {
    const doc = await http().get('/api/v1/openapi.json');
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const known = Object.keys(matrix(fx));
    expect(documented.filter((r) => !known.includes(r)), 'routes the matrix does not know (add them to the table)').to.deep.equal([]);
    expect(known.filter((r) => !documented.includes(r)), 'routes in the table but not in the document').to.deep.equal([]);
  });

  it('answers each caller as the rules say and never shows personal data outside need to know', async () => {
    const doc = await http().get('/api/v1/openapi.json');
    const table = matrix(fx);
    const counts = { requests: 0, allowed: 0, refused: 0, leaks: 0 };
    const failures: string[] = [];
    const leaks: string[] = [];
    const tokens = new Map<string, string>();
    for (const user of USERS) tokens.set(user, await harness().token(user));

    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        for (const probe of table[key] ?? []) {
          let url = `/api/v1${path}`;
          for (const [name, value] of Object.entries(probe.params ?? {})) url = url.replace(`{${name}}`, encodeURIComponent(value));
          if (probe.query) url += `?${probe.query}`;
          for (const caller of CALLERS) {
            const reaches = isPublic || (caller !== 'anonymous' && (probe.guard ?? USERS).includes(caller) && (probe.parties ?? USERS).includes(caller));
            const expected: TExpected = !isPublic && caller === 'anonymous' ? 401 : reaches ? probe.allowed(caller) : probe.guard && !probe.guard.includes(caller) ? 403 : (probe.refused ?? 404);
            let req = http()[method as 'get' | 'post'](url).buffer(true).parse(rawBody);
            if (caller !== 'anonymous') req = req.set('Authorization', tokens.get(caller)!);
            const res = probe.multipart ? await req.field('note', 'no file') : probe.body !== undefined ? await req.send(probe.body as object) : await req;
            counts.requests++;
            const raw = res.body as Buffer;
            const text = raw.toString('latin1');
            const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
            const label = `${caller} ${key} (${probe.subject}, ${probe.parties ? (probe.parties.includes(caller) ? 'own/related' : 'other') : 'no case'})`;
            if (!ok) failures.push(`${label}: expected ${JSON.stringify(expected)}, got ${res.status} ${text.slice(0, 200)}`);
            if (res.status < 400) counts.allowed++;
            else counts.refused++;
            if (res.status >= 400 && res.type === 'application/json') {
              const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
              if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') failures.push(`${label}: not the error shape: ${text.slice(0, 200)}`);
            }
            if (ok && reaches && probe.check && res.status < 400) {
              try {
                probe.check(caller, res, JSON.parse(text));
              } catch (err) {
                failures.push(`${label}: ${(err as Error).message}`);
              }
            }
            for (const [name, fixture] of [['p1', fx.p1], ['p2', fx.p2]] as const) {
              const fullAllowed = probe.mayCarryPersonalData && probe.subject.startsWith(name) && fixture.readers.includes(caller);
              if (fullAllowed) continue;
              const found = secretsOf(fixture.secrets).filter((secret) => text.includes(secret));
              if (found.length > 0) {
                counts.leaks++;
                leaks.push(`${label}: ${name}'s ${found.join(', ')}`);
              }
            }
          }
        }
      }
    }
    // The figures the issue's closing note asks for.
    process.stdout.write(`      access matrix: ${counts.requests} requests, ${counts.allowed} allowed, ${counts.refused} refused, leaks=${counts.leaks}\n`);
    expect(leaks, 'personal data outside need to know').to.deep.equal([]);
    expect(failures).to.deep.equal([]);
    expect(counts.requests).to.be.greaterThan(CALLERS.length * Object.keys(table).length);
  });
});

/**
 * Server render time of the pages with 1,000 open cases in a fresh records database: the inbox (/tugas), the
 * dashboard (/dasbor), the case page (/permohonan/:id) and the administrators' case list, p50/p99 over sequential
 * requests after a warm-up; and the dashboard's SQL aggregations alone. Time is measured inside the server, from
 * the request's arrival to the last byte written. Pages not built yet are reported as missing, not measured.
 * Then every list paged by cursor (issue 11 §1), API and page, first page and a deep one (`--deep` pages of 50 in,
 * following nextCursor), with a tenth as many contracts and as many register entries as cases beside them.
 *
 *   npm run bench:pages [-- --cases 1000 --requests 300 --deep 100]
 *   npm run bench:pages -- --cases 10000 --requests 200 --lists-only [--postgres]
 *   npm run bench:pages -- --cases 10000 --requests 500 --scale-goal [--postgres]
 *
 * `--scale-goal`: only the reads of issue 12's goal at scale (the inbox page, the administrators' case page and its
 * API list, a case's page and its API view), with the load average before and after.
 * `--postgres`: the records in a throwaway PostgreSQL (scripts/postgres-instance.ts) instead of a SQLite file.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../api/app';
import { createTokenVerifier, signToken } from '../api/auth';
import { DEFAULT_API_LIMITS } from '../api/deps';
import { uploadPolicyFromConfig } from '../api/upload-policy';
import { AGE_BUCKETS } from '../api/use-cases/admin';
import { loadDevUsers } from '../config/dev-users';
import { loadConfig } from '../config/env';
import { weekBoundaries, workingAgeBoundaries } from '../domain/service-level-periods';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog, loadOfficeCalendar } from '../store/catalog';
import { loadOffice } from '../store/certificate-layouts';
import { loadContractCatalog } from '../store/contract-catalog';
import { openRecords } from '../store/records';
import { startPostgres } from './postgres-instance';
import { seedContract, seedOpenCases } from './seed-cases';
import { loadAverage, percentile } from './bench-figures';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 1000);
const REQUESTS = arg('requests', 300);
const DEEP = arg('deep', 100);
const LISTS_ONLY = process.argv.includes('--lists-only');
const SCALE_GOAL = process.argv.includes('--scale-goal');
const ON_POSTGRES = process.argv.includes('--postgres');
const WARM_UP = 30;

const ms = (n: number) => `${n.toFixed(1)} ms`;
const TOKEN_SECRET = new TextEncoder().encode('bench-secret-of-at-least-thirty-two-characters');

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-bench-pages-'));
  const postgres = ON_POSTGRES ? await startPostgres({ ephemeral: true }) : undefined;
  const records = await openRecords(postgres ? postgres.createDatabase('bench_pages') : path.join(dir, 'records.db'));
  const catalog = loadCatalog(CATALOG_DIR);
  const calendar = loadCalendar(CALENDAR_FILE);
  const officeCalendar = loadOfficeCalendar(CALENDAR_FILE);
  const now = new Date();
  const seedStart = performance.now();
  await seedOpenCases(records, catalog, { count: CASES, now });
  await seedContractsAndRegister(records, { contracts: Math.ceil(CASES / 10), register: CASES, now });
  process.stdout.write(`records database: ${CASES} open cases with their tasks, ${Math.ceil(CASES / 10)} contracts and ${CASES} register entries written in ${ms(performance.now() - seedStart)} (${postgres ? 'PostgreSQL' : `SQLite, ${dir}`})\n`);

  // The pages measured here never reach Temporal; a lazy connection is never dialled.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = createApp({
    records,
    blobs: records.blobs,
    temporal,
    taskQueue: 'bench',
    catalog,
    calendar,
    officeCalendar,
    verifyToken: createTokenVerifier(TOKEN_SECRET),
    maxUploadBytes: 10 * 1024 * 1024,
    uploads: uploadPolicyFromConfig(loadConfig({ SAHKAN_DATA_DIR: dir })),
    contractTypes: loadContractCatalog(),
    office: loadOffice(),
    maxNegotiationRounds: 3,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://localhost:3000',
    limits: { ...DEFAULT_API_LIMITS, rate: { ...DEFAULT_API_LIMITS.rate, writesPerIp: 1e9, writesPerUser: 1e9, publicLookupsPerIp: 1e9, signInPerIp: 1e9 } },
    web: { sessionSecret: 'bench-session-secret-of-at-least-thirty-two-characters', devUsers: loadDevUsers() },
  });

  let timings: number[] = [];
  const server = http.createServer((req, res) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => timings.push(Number(process.hrtime.bigint() - start) / 1e6));
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signIn = async (userId: string): Promise<string> => {
    const form = await fetch(`${base}/masuk`);
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const done = await fetch(`${base}/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, userId, kembali: '/' }),
    });
    if (done.status !== 303) throw new Error(`sign-in as ${userId} answered ${done.status}`);
    return (done.headers.get('set-cookie') ?? '').split(';')[0]!;
  };

  /** `who`: a page session's cookie, or an API caller's `Authorization` (a Bearer token), or none (public). */
  const measure = async (label: string, url: string, who: string | { authorization: string } | null) => {
    const headers: Record<string, string> = who === null ? {} : typeof who === 'string' ? { cookie: who } : who;
    const probe = await fetch(`${base}${url}`, { headers });
    const body = await probe.text();
    if (probe.status !== 200) {
      process.stdout.write(`${label.padEnd(34)} ${url}: answered ${probe.status} (page not on this branch yet), not measured\n`);
      return;
    }
    for (let i = 0; i < WARM_UP; i++) await (await fetch(`${base}${url}`, { headers })).arrayBuffer();
    timings = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) await (await fetch(`${base}${url}`, { headers })).arrayBuffer();
    const cpu = process.cpuUsage(cpuBefore);
    const sorted = [...timings].sort((a, b) => a - b);
    // CPU per request (this process: the server and the client's fetch) counts less of the other work on the machine than p99 does.
    const cpuMs = (cpu.user + cpu.system) / 1000 / REQUESTS;
    process.stdout.write(
      `${label.padEnd(44)} p50 ${ms(percentile(sorted, 50)).padStart(9)}  p99 ${ms(percentile(sorted, 99)).padStart(9)}  max ${ms(sorted.at(-1)!).padStart(9)}  CPU ${ms(cpuMs).padStart(8)}/request  (${REQUESTS} requests, ${(body.length / 1024).toFixed(0)} KiB)\n`,
    );
  };

  const admin = await signIn('admin');
  const reviewer = await signIn('rahmat');
  const someCase = (await records.serviceLevels.openCases(now, { limit: 1 })).items[0]!.caseId;
  if (SCALE_GOAL) await measureScaleGoal();
  else {
    if (!LISTS_ONLY) await measurePages();
    await measureLists();
  }

  async function measureScaleGoal() {
    const adminApi = { authorization: `Bearer ${await signToken(TOKEN_SECRET, { id: 'admin', roles: ['admin'] })}` };
    process.stdout.write(`\nissue 12's reads at ${CASES} open cases (Node ${process.version}, ${os.cpus().length} cores), load before ${loadAverage()}:\n`);
    await measure('inbox /tugas (rahmat)', '/tugas', reviewer);
    await measure('admin case page /dasbor/kasus', '/dasbor/kasus', admin);
    await measure('admin cases GET /admin/cases', '/api/v1/admin/cases?limit=50', adminApi);
    await measure('case page /permohonan/:id (admin)', `/permohonan/${someCase}`, admin);
    await measure('case view GET /permits/:id (admin)', `/api/v1/permits/${someCase}`, adminApi);
    process.stdout.write(`load after ${loadAverage()}\n`);
  }

  async function measurePages() {
  process.stdout.write(`\nserver time per page (Node ${process.version}, ${os.cpus().length} cores):\n`);
  await measure('inbox /tugas (rahmat)', '/tugas', reviewer);
  await measure('dashboard /dasbor (admin)', '/dasbor', admin);
  await measure('case page /permohonan/:id (admin)', `/permohonan/${someCase}`, admin);
  await measure('case list /dasbor/kasus (admin)', '/dasbor/kasus', admin);
  await measure('case list, overdue only', '/dasbor/kasus?terlambat=ya', admin);
  await measure('CSV /dasbor/kasus.csv (all)', '/dasbor/kasus.csv', admin);

  // The dashboard's aggregations alone, against loading every open case (what the JSON list did before it paged; the stuck scan still does).
  const sl = records.serviceLevels;
  const ages = workingAgeBoundaries(now, AGE_BUCKETS.slice(1), { calendar: officeCalendar, closures: [] });
  const weeks = weekBoundaries(now, 8, officeCalendar);
  const query = async (label: string, work: () => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) await work();
    const runs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await work();
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    process.stdout.write(`${label.padEnd(44)} p50 ${ms(percentile(runs, 50)).padStart(9)}  p99 ${ms(percentile(runs, 99)).padStart(9)}\n`);
  };
  process.stdout.write('\nstore queries (SQL aggregation):\n');
  await query('open per type and stage', () => sl.openByTypeAndStage(now, {}));
  await query('aging histogram (working days)', () => sl.openByAge(ages, {}));
  await query('on-time per stage, 8 weeks', () => sl.onTimeByStage(weeks.boundaries, {}));
  await query('overdue, one page of 25', () => sl.openCases(now, { overdueOnly: true, limit: 25 }));
  await query('for comparison: load every open case', () => records.listOpenCases(now));
  }

  /** Each list paged by cursor: its first page and the page `DEEP` pages of 50 in (or its last), API and page alike. */
  async function measureLists() {
    const bearer = async (id: string, roles: string[]) => ({ authorization: `Bearer ${await signToken(TOKEN_SECRET, { id, roles })}` });
    const adminApi = await bearer('admin', ['admin']);
    const reviewerApi = await bearer('rahmat', ['reviewer:dpmptsp']);
    /** The cursor `DEEP` pages of 50 into an API list, and how many pages in that is (fewer when the list ends first). */
    const deepCursor = async (path: string, who: { authorization: string } | null, params: Record<string, string> = {}) => {
      let cursor: string | null = null;
      let depth = 0;
      for (; depth < DEEP; depth++) {
        const url = `${base}${path}?${new URLSearchParams({ ...params, limit: '50', ...(cursor ? { cursor } : {}) }).toString()}`;
        const body = (await (await fetch(url, { headers: who ?? {} })).json()) as { nextCursor: string | null };
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      return { cursor: cursor ?? '', depth };
    };
    const lists: Array<{ label: string; api: string; who: { authorization: string } | null; page?: { path: string; who: string | null } }> = [
      { label: 'inbox (rahmat)', api: '/api/v1/tasks', who: reviewerApi, page: { path: '/tugas', who: await signIn('rahmat') } },
      { label: 'admin open cases', api: '/api/v1/admin/cases', who: adminApi, page: { path: '/dasbor/kasus', who: await signIn('admin') } },
      { label: 'permits (admin: all)', api: '/api/v1/permits', who: adminApi },
      { label: 'permits (an applicant)', api: '/api/v1/permits', who: await bearer('applicant-7', ['applicant']) },
      { label: 'contracts (admin: all)', api: '/api/v1/contracts', who: adminApi, page: { path: '/kontrak', who: await signIn('admin') } },
      { label: 'public register', api: '/api/v1/public/contracts', who: null, page: { path: '/register-kontrak', who: null } },
    ];
    process.stdout.write(`\nlists by cursor, first page and deep page (${CASES} open cases; Node ${process.version}, ${os.cpus().length} cores):\n`);
    for (const list of lists) {
      const deep = await deepCursor(list.api, list.who);
      await measure(`${list.label}: API, first 50`, `${list.api}?limit=50`, list.who);
      if (deep.cursor) await measure(`${list.label}: API, page ${deep.depth + 1}`, `${list.api}?limit=50&cursor=${encodeURIComponent(deep.cursor)}`, list.who);
      else process.stdout.write(`${list.label}: one page only, no deep page\n`);
      if (!list.page) continue;
      await measure(`${list.label}: page ${list.page.path}`, list.page.path, list.page.who);
      if (deep.cursor) await measure(`${list.label}: page after row ${deep.depth * 50}`, `${list.page.path}?setelah=${encodeURIComponent(deep.cursor)}`, list.page.who);
    }
  }

  await new Promise<void>((resolve) => server.close(() => resolve()));
  await records.close();
  postgres?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `contracts` contract cases (a vendor and a PPK each) and `register` entries of the public register, written straight in. */
async function seedContractsAndRegister(records: Awaited<ReturnType<typeof openRecords>>, n: { contracts: number; register: number; now: Date }) {
  for (let i = 0; i < n.contracts; i++) {
    const caseId = `bench-contract-${String(i).padStart(5, '0')}`;
    await seedContract(records, {
      caseId,
      typeCode: 'SP',
      applicantId: 'ppk',
      submittedAt: new Date(n.now.getTime() - (i % 1440) * 60_000),
      fields: { title: `Pengadaan ${i}`, vendorName: `CV Penyedia ${i % 40}`, value: 100_000_000 + i, ppkRole: 'ppk:dinas-pupr', vendorRole: `vendor:${String(i % 40).padStart(15, '0')}` },
    });
  }
  for (let i = 0; i < n.register; i++) {
    const number = `${String(i).padStart(5, '0')}/SP/BENCH`;
    await records.issuance.register({ number, caseId: `bench-register-${i}`, kind: 'contract', typeId: 'barang', title: `Pengadaan ${i}`, holderName: `CV Penyedia ${i % 40}`, sha256: String(i).padStart(64, '0'), issuedAt: new Date(n.now.getTime() - i * 60_000).toISOString(), signerName: 'Penandatangan', serial: '01' });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

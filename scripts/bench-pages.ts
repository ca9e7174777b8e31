/**
 * Server render time of the pages with 1,000 open cases in a fresh records database: the inbox (/tugas), the
 * dashboard (/dasbor), the case page (/permohonan/:id) and the administrators' case list, p50/p99 over sequential
 * requests after a warm-up; and the dashboard's SQL aggregations alone. Time is measured inside the server, from
 * the request's arrival to the last byte written. Pages not built yet are reported as missing, not measured.
 *
 *   npm run bench:pages [-- --cases 1000 --requests 300]
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../api/app';
import { createTokenVerifier } from '../api/auth';
import { DEFAULT_API_LIMITS } from '../api/deps';
import { uploadPolicyFromConfig } from '../api/upload-policy';
import { AGE_BUCKETS } from '../api/use-cases/admin';
import { loadDevUsers } from '../config/dev-users';
import { loadConfig } from '../config/env';
import { weekBoundaries, workingAgeBoundaries } from '../domain/service-level-periods';
import { BlobStore } from '../store/blob-store';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog, loadOfficeCalendar } from '../store/catalog';
import { loadOffice } from '../store/certificate-layouts';
import { loadContractCatalog } from '../store/contract-catalog';
import { openRecords } from '../store/records';
import { seedOpenCases } from './seed-cases';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 1000);
const REQUESTS = arg('requests', 300);
const WARM_UP = 30;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-bench-pages-'));
  const records = await openRecords(path.join(dir, 'records.db'));
  const catalog = loadCatalog(CATALOG_DIR);
  const calendar = loadCalendar(CALENDAR_FILE);
  const officeCalendar = loadOfficeCalendar(CALENDAR_FILE);
  const now = new Date();
  const seedStart = performance.now();
  await seedOpenCases(records, catalog, { count: CASES, now });
  process.stdout.write(`records database: ${CASES} open cases with their tasks written in ${ms(performance.now() - seedStart)} (${dir})\n`);

  // The pages measured here never reach Temporal; a lazy connection is never dialled.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = createApp({
    records,
    blobs: new BlobStore(path.join(dir, 'blobs')),
    temporal,
    taskQueue: 'bench',
    catalog,
    calendar,
    officeCalendar,
    verifyToken: createTokenVerifier(new TextEncoder().encode('bench-secret-of-at-least-thirty-two-characters')),
    maxUploadBytes: 10 * 1024 * 1024,
    uploads: uploadPolicyFromConfig(loadConfig({ SAHKAN_DATA_DIR: dir })),
    pkiDir: path.join(dir, 'pki'),
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

  const measure = async (label: string, url: string, cookie: string) => {
    const probe = await fetch(`${base}${url}`, { headers: { cookie } });
    const body = await probe.text();
    if (probe.status !== 200) {
      process.stdout.write(`${label.padEnd(34)} ${url}: answered ${probe.status} (page not on this branch yet), not measured\n`);
      return;
    }
    for (let i = 0; i < WARM_UP; i++) await (await fetch(`${base}${url}`, { headers: { cookie } })).arrayBuffer();
    timings = [];
    for (let i = 0; i < REQUESTS; i++) await (await fetch(`${base}${url}`, { headers: { cookie } })).arrayBuffer();
    const sorted = [...timings].sort((a, b) => a - b);
    process.stdout.write(
      `${label.padEnd(34)} p50 ${ms(percentile(sorted, 50)).padStart(9)}  p99 ${ms(percentile(sorted, 99)).padStart(9)}  max ${ms(sorted.at(-1)!).padStart(9)}  (${REQUESTS} requests, ${(body.length / 1024).toFixed(0)} KiB)\n`,
    );
  };

  const admin = await signIn('admin');
  const reviewer = await signIn('rahmat');
  const someCase = (await records.serviceLevels.openCases(now, { limit: 1 })).items[0]!.caseId;
  process.stdout.write(`\nserver time per page (Node ${process.version}, ${os.cpus().length} cores):\n`);
  await measure('inbox /tugas (rahmat)', '/tugas', reviewer);
  await measure('dashboard /dasbor (admin)', '/dasbor', admin);
  await measure('case page /permohonan/:id (admin)', `/permohonan/${someCase}`, admin);
  await measure('case list /dasbor/kasus (admin)', '/dasbor/kasus', admin);
  await measure('case list, overdue, page 2', '/dasbor/kasus?terlambat=ya&halaman=2', admin);
  await measure('CSV /dasbor/kasus.csv (all)', '/dasbor/kasus.csv', admin);

  // The dashboard's aggregations alone, against loading every open case (what the JSON list does).
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
    process.stdout.write(`${label.padEnd(34)} p50 ${ms(percentile(runs, 50)).padStart(9)}  p99 ${ms(percentile(runs, 99)).padStart(9)}\n`);
  };
  process.stdout.write('\nstore queries (SQL aggregation):\n');
  await query('open per type and stage', () => sl.openByTypeAndStage(now, {}));
  await query('aging histogram (working days)', () => sl.openByAge(ages, {}));
  await query('on-time per stage, 8 weeks', () => sl.onTimeByStage(weeks.boundaries, {}));
  await query('overdue, one page of 25', () => sl.openCases(now, { overdueOnly: true, limit: 25 }));
  await query('for comparison: load every open case', () => records.listOpenCases(now));

  await new Promise<void>((resolve) => server.close(() => resolve()));
  await records.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

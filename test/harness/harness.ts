import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import type express from 'express';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { DEFAULT_API_LIMITS } from '../../api/deps';
import { createTokenVerifier, signToken } from '../../api/auth';
import { uploadPolicyFromConfig } from '../../api/upload-policy';
import { loadDevUsers } from '../../config/dev-users';
import { loadConfig } from '../../config/env';
import { loadGrantKey, loadTrackingKey, loadPayloadKeyRing, loadPkiKey } from '../../config/secrets';
import { payloadDataConverter } from '../../config/payload-codec';
import type { DataConverter } from '@temporalio/common';
import type { TCalendar } from '../../domain/calendar';
import type { TCaseType } from '../../domain/case-type.schema';
import { freePort, startDevServer } from '../../scripts/dev-server';
import type { TDevServer } from '../../scripts/dev-server';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import type { BlobStore } from '../../store/blob-store';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog, loadOfficeCalendar } from '../../store/catalog';
import { loadContractCatalog } from '../../store/contract-catalog';
import { openRecords } from '../../store/records';
import type { Records } from '../../store/records';
import { loadCertificateLayouts, loadOffice } from '../../store/certificate-layouts';
import { loadOrganisation } from '../../store/organisation';
import { createWorkerMetrics, type TWorkerMetrics } from '../../worker/app-metrics';
import { createWorker, WORKFLOW_BUNDLER_OPTIONS, type TWorkerDeps } from '../../worker/create-worker';
import { ensureOfficePki, loadOrCreateOfficeSeal, signerUsers } from '../../worker/office-pki';
import { bindAddressOf, installWorkerRuntime } from '../../worker/runtime';
import { testDatabase, type TTestDatabase } from './databases';

/**
 * One real Temporal dev server, one workflow bundle and one worker per mocha run (root hooks below),
 * shared by every suite. Nothing here imitates Temporal: when the server cannot start, the run fails.
 */
export interface THarness {
  server: TDevServer;
  client: Client;
  records: Records;
  blobs: BlobStore;
  catalog: Map<string, TCaseType>;
  calendar: TCalendar;
  app: express.Express;
  /** What `app` was built from, for tests that build a variant (e.g. with low limits). */
  apiDeps: Parameters<typeof createApp>[0];
  /** What the shared worker was built from, for tests that run a variant on a task queue of their own. */
  workerDeps: TWorkerDeps;
  dataDir: string;
  /** The records database every suite shares: SQLite in dataDir, or PostgreSQL in the runs of .mocharc.postgres.yml. */
  recordsLocation: string;
  pkiDir: string;
  rootCertPem: string;
  taskQueue: string;
  jwtSecret: Uint8Array;
  workflowBundle: { code: string };
  /** The payload codec of dataDir's key (as worker processes spawned on dataDir load it), for workers and replays. */
  dataConverter: DataConverter;
  /** The shared worker's metrics: the SDK core's Prometheus endpoint (this process's one runtime) and its own registry. */
  workerMetrics: TWorkerMetrics & { sdkUrl: string };
  /** A Bearer header value for a seeded development user (or an ad-hoc user with given roles). */
  token(userId: string, roles?: string[]): Promise<string>;
  http(): supertest.Agent;
}

const PUBLIC_URL = 'http://localhost:3000';
let current: THarness | undefined;
let worker: Worker | undefined;
let workerRun: Promise<void> | undefined;
let nativeConnection: NativeConnection | undefined;
let postgresRecords: TTestDatabase | undefined;

/** SAHKAN_TEST_RECORDS=postgres (set by test/harness/on-postgres.ts): the shared records in PostgreSQL. */
const recordsDialect = (): 'sqlite' | 'postgres' => {
  const asked = process.env.SAHKAN_TEST_RECORDS ?? 'sqlite';
  if (asked !== 'sqlite' && asked !== 'postgres') throw new Error(`SAHKAN_TEST_RECORDS: ${asked} is neither sqlite nor postgres`);
  return asked;
};

export function harness(): THarness {
  if (!current) throw new Error('the test harness is not running (root hooks not loaded?)');
  return current;
}

/** Work started lazily by a helper (the browser, its HTTP server) that the root after-hook ends first. */
const teardowns: Array<() => Promise<void>> = [];
export function onHarnessStop(teardown: () => Promise<void>): void {
  teardowns.push(teardown);
}

async function start(): Promise<void> {
  // The process's one Temporal runtime, with the SDK's metrics on a free loopback port as a worker process has them.
  const sdkMetricsAddress = bindAddressOf('127.0.0.1', await freePort());
  installWorkerRuntime({ logLevel: 'WARN', metricsAddress: sdkMetricsAddress, caller: 'test/harness/harness.ts' });
  const workerMetrics = { ...createWorkerMetrics(), sdkUrl: `http://${sdkMetricsAddress}/metrics` };
  const cli = await ensureTemporalCli({ log: (line) => process.stderr.write(`${line}\n`) });
  const server = await startDevServer({ cli, port: 0, headless: true }).catch((err: Error) => {
    throw new Error(`Cannot start the Temporal dev server (${cli}); the Temporal suites cannot run.\n${err.message}`);
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-test-'));
  const config = loadConfig({ SAHKAN_DATA_DIR: dataDir });
  const grantKey = loadGrantKey(config); // written into dataDir, so worker processes of the fault tests share it
  const dataConverter = payloadDataConverter(loadPayloadKeyRing(config)); // likewise the payload key
  if (recordsDialect() === 'postgres') postgresRecords = await testDatabase('postgres', { migrated: true });
  const recordsLocation = postgresRecords?.location ?? path.join(dataDir, 'records.db');
  const records = await openRecords(recordsLocation, { grantKey, pkiKey: loadPkiKey(config), trackingKey: loadTrackingKey(config) });
  const users = loadDevUsers();
  const ca = await ensureOfficePki(records, path.join(dataDir, 'pki'), loadOffice(), signerUsers(users));
  const seal = await loadOrCreateOfficeSeal(records, path.join(dataDir, 'pki'), ca, loadOffice());
  const workflowBundle = await bundleWorkflowCode({ ...WORKFLOW_BUNDLER_OPTIONS, logger: new DefaultLogger('WARN') });
  const taskQueue = 'sahkan-test';
  nativeConnection = await NativeConnection.connect({ address: server.address });
  const catalog = loadCatalog(CATALOG_DIR);
  const calendar = loadCalendar(CALENDAR_FILE);
  const blobs = records.blobs;
  const contractTypes = loadContractCatalog();
  const workerDeps: TWorkerDeps = {
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    records,
    blobs,
    catalog,
    layouts: loadCertificateLayouts(),
    contractTypes,
    office: loadOffice(),
    organisation: loadOrganisation(),
    publicUrl: PUBLIC_URL,
    rootCertPem: ca.certPem,
    seal,
    workflowBundle,
    dataConverter,
    observeSigning: workerMetrics.observeSigning,
  };
  worker = await createWorker(workerDeps);
  workerRun = worker.run();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: 'default', dataConverter });
  const jwtSecret = new TextEncoder().encode('test-secret-of-at-least-thirty-two-characters');
  const usersById = new Map(users.map((u) => [u.id, u]));
  const apiDeps: Parameters<typeof createApp>[0] = {
    records,
    blobs,
    temporal: client,
    taskQueue,
    catalog,
    calendar,
    officeCalendar: loadOfficeCalendar(CALENDAR_FILE),
    verifyToken: createTokenVerifier(jwtSecret),
    maxUploadBytes: 2 * 1024 * 1024,
    // The shared app: the real checks, a daily quota no suite reaches (test/api/uploads.api.test.ts tests a small one).
    uploads: { ...uploadPolicyFromConfig(config), perDay: 100_000, bytesPerDay: 10 * 1024 ** 3 },
    contractTypes,
    office: loadOffice(),
    maxNegotiationRounds: 3,
    logger: pino({ level: 'silent' }),
    publicUrl: PUBLIC_URL,
    web: { sessionSecret: 'test-session-secret-of-at-least-thirty-two-characters', devUsers: users },
    // Thousands of requests from one address (the fuzz suite): rate limits far above them; tests of the
    // limiters build their own app with low ones.
    limits: { ...DEFAULT_API_LIMITS, rate: { ...DEFAULT_API_LIMITS.rate, writesPerIp: 1e9, writesPerUser: 1e9, publicLookupsPerIp: 1e9, verifyUploadsPerIp: 1e9, signInPerIp: 1e9, trackingGuessesPerIp: 1e9 } },
  };
  const app = createApp(apiDeps);
  current = {
    apiDeps,
    workerDeps,
    server,
    client,
    records,
    blobs,
    catalog,
    calendar,
    app,
    dataDir,
    recordsLocation,
    pkiDir: path.join(dataDir, 'pki'),
    rootCertPem: ca.certPem,
    taskQueue,
    jwtSecret,
    workflowBundle,
    dataConverter,
    workerMetrics,
    async token(userId, roles) {
      const user = usersById.get(userId);
      const token = await signToken(jwtSecret, { id: userId, roles: roles ?? user?.roles ?? ['applicant'] });
      return `Bearer ${token}`;
    },
    http: () => supertest.agent(app),
  };
}

async function stop(): Promise<void> {
  for (const teardown of teardowns.splice(0).reverse()) await teardown().catch((err: Error) => process.stderr.write(`teardown: ${err.message}\n`));
  worker?.shutdown();
  await workerRun?.catch(() => undefined);
  await nativeConnection?.close();
  if (current) {
    await current.client.connection.close();
    await current.records.close();
    await postgresRecords?.dispose();
    await current.server.stop();
    fs.rmSync(current.dataDir, { recursive: true, force: true });
  }
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(15 * 60_000); // the first run may build the Temporal CLI
    await start();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stop();
  },
};

import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { loadDevUsers } from '../config/dev-users';
import { loadConfig } from '../config/env';
import { loadGrantKey, loadTrackingKey, loadPayloadKeyRing, loadPkiKey } from '../config/secrets';
import { payloadDataConverter } from '../config/payload-codec';
import { connectWhenUp, temporalConnectionOptions } from '../config/temporal';
import { blobImportSummary, importBlobFiles } from '../store/blob-import';
import { openRecords } from '../store/records';
import { checkSigners, loadCheckedTemplates, StartupCheckError } from '../store/startup-checks';
import { createWorkerMetrics, serveWorkerMetrics } from './app-metrics';
import { startAnomalySweeper } from './anomaly-sweeper';
import { startCalendarReconciler } from './calendar-reconciler';
import { createWorker, workflowCode } from './create-worker';
import { limitWorkflowThreadHeap } from './workflow-heap';
import { startMailDispatcher } from './mail-dispatcher';
import { startTreeHeadPublisher } from './tree-head-publisher';
import { ensureOfficePki, loadOrCreateOfficeSeal, signerUsers } from './office-pki';
import { bindAddressOf, installWorkerRuntime } from './runtime';

const SDK_LOG_LEVELS = {
  silent: 'ERROR',
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;

async function main(): Promise<void> {
  const config = loadConfig();
  // Stops here, naming the file and the type, rather than at the first issuance.
  const templates = loadCheckedTemplates();
  const host = config.SAHKAN_WORKER_METRICS_HOST;
  const sdkPort = config.SAHKAN_WORKER_METRICS_PORT;
  installWorkerRuntime({ logLevel: SDK_LOG_LEVELS[config.LOG_LEVEL], metricsAddress: sdkPort ? bindAddressOf(host, sdkPort) : undefined, caller: 'worker/main.ts' });
  if (sdkPort) console.log(`Temporal SDK metrics on http://${bindAddressOf(host, sdkPort)}/metrics`);
  const metrics = createWorkerMetrics();
  const metricsServer = config.SAHKAN_WORKER_APP_METRICS_PORT ? await serveWorkerMetrics(metrics.registry, host, config.SAHKAN_WORKER_APP_METRICS_PORT) : undefined;
  if (metricsServer) console.log(`worker metrics on ${metricsServer.url}`);
  const records = await openRecords(config.recordsLocation, { grantKey: loadGrantKey(config), pkiKey: loadPkiKey(config), trackingKey: loadTrackingKey(config) });
  console.log('records database ready');
  const blobImport = blobImportSummary(await importBlobFiles(records.blobs, path.join(config.dataDir, 'blobs')));
  if (blobImport) console.log(blobImport);
  // Development users (and their certificates) only when enabled; never in a production configuration.
  const devUsers = config.SAHKAN_DEV_USERS ? loadDevUsers() : undefined;
  const pkiDir = path.join(config.dataDir, 'pki');
  const ca = await ensureOfficePki(records, pkiDir, templates.office, devUsers ? signerUsers(devUsers) : []);
  const seal = await loadOrCreateOfficeSeal(records, pkiDir, ca, templates.office);
  const signerCheck = await checkSigners({ catalog: templates.catalog, contractTypes: templates.contractTypes, records, devUsers });
  for (const warning of signerCheck.warnings) console.warn(`warning: ${warning}`);
  if (signerCheck.problems.length) throw new StartupCheckError(signerCheck.problems);
  const { address, tls, apiKey } = temporalConnectionOptions(config);
  const connection = await connectWhenUp(() => NativeConnection.connect({ address, tls, apiKey }), address, (m) => console.warn(`warning: ${m}`));
  const dataConverter = payloadDataConverter(loadPayloadKeyRing(config));
  const workflows = workflowCode();
  console.log(workflows.workflowBundle ? 'workflow code: the bundle npm run build made' : 'workflow code: workflows/ bundled at start');
  limitWorkflowThreadHeap(config.SAHKAN_WORKER_WORKFLOW_HEAP_MB);
  const worker = await createWorker({
    workflowBundle: workflows.workflowBundle,
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.SAHKAN_TASK_QUEUE,
    records,
    blobs: records.blobs,
    catalog: templates.catalog,
    layouts: templates.layouts,
    contractTypes: templates.contractTypes,
    office: templates.office,
    organisation: templates.organisation,
    publicUrl: config.SAHKAN_PUBLIC_URL,
    rootCertPem: ca.certPem,
    seal,
    dataConverter,
    observeSigning: metrics.observeSigning,
    workflowCache: { maxCachedWorkflows: config.SAHKAN_WORKER_MAX_CACHED_WORKFLOWS, maxConcurrentWorkflowTaskExecutions: config.SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS },
  });
  // Notifications wait in the outbox table; they are mailed only when SMTP_URL is set.
  const mailTransport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  const mail = mailTransport
    ? startMailDispatcher({
        outbox: records.outbox,
        transport: mailTransport,
        from: config.SMTP_FROM ?? `${templates.office.shortName} <${templates.office.mailAddress}>`,
        log: pino({ level: config.LOG_LEVEL, name: 'mail' }),
      })
    : undefined;
  if (!mail) console.log('SMTP_URL is not set: notifications stay in the outbox table and are not mailed');
  // Closure changes whose re-projection never started (the API died after writing one): started now and every 5 minutes.
  const reconciler = startCalendarReconciler({
    client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter }),
    taskQueue: config.SAHKAN_TASK_QUEUE,
    closures: records.calendarClosures,
    log: pino({ level: config.LOG_LEVEL, name: 'calendar-reconciler' }),
  });
  // The Inspektorat's anomaly rules: the cases changed since the last pass every 5 minutes, every case daily.
  const anomalies = startAnomalySweeper({ records, log: pino({ level: config.LOG_LEVEL, name: 'anomaly-sweeper' }) });
  // The transparency log's signed tree head: at least daily (and on demand through treeHeadWorkflow).
  const treeHeads = startTreeHeadPublisher({ records, seal, log: pino({ level: config.LOG_LEVEL, name: 'tree-heads' }) });
  console.log(`worker polling task queue ${config.SAHKAN_TASK_QUEUE} on ${address}`);
  // Runtime.install's default shutdown signals (SIGINT, SIGTERM) make run() resolve after in-flight work drains.
  await worker.run();
  await reconciler.stop();
  await anomalies.stop();
  await treeHeads.stop();
  await mail?.stop();
  mailTransport?.close();
  await metricsServer?.close();
  await connection.close();
  await records.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

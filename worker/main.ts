import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { temporalConnectionOptions } from '../config/temporal';
import { openRecords } from '../store/records';
import { createWorker } from './create-worker';

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
  Runtime.install({ logger: new DefaultLogger(SDK_LOG_LEVELS[config.LOG_LEVEL]) });
  const records = await openRecords(path.join(config.dataDir, 'records.db'));
  const { address, tls, apiKey } = temporalConnectionOptions(config);
  const connection = await NativeConnection.connect({ address, tls, apiKey });
  const worker = await createWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.SAHKAN_TASK_QUEUE, records });
  console.log(`worker polling task queue ${config.SAHKAN_TASK_QUEUE} on ${address}`);
  // Runtime.install's default shutdown signals (SIGINT, SIGTERM) make run() resolve after in-flight work drains.
  await worker.run();
  await connection.close();
  await records.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

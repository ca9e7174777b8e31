import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig } from '../config/env';
import { temporalConnectionOptions } from '../config/temporal';
import { BlobStore } from '../store/blob-store';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog } from '../store/catalog';
import { loadContractCatalog } from '../store/contract-catalog';
import { openRecords } from '../store/records';
import { loadOffice } from '../store/certificate-layouts';
import { createApp } from './app';
import { loadGrantKey, loadJwtSecret } from '../config/secrets';
import { createTokenVerifier } from './auth';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const catalog = loadCatalog(CATALOG_DIR);
  const calendar = loadCalendar(CALENDAR_FILE, config.SAHKAN_HOLIDAYS?.split(','));
  const records = await openRecords(path.join(config.dataDir, 'records.db'), { grantKey: loadGrantKey(config) });
  const connection = await Connection.connect(temporalConnectionOptions(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({
    records,
    blobs: new BlobStore(path.join(config.dataDir, 'blobs')),
    temporal,
    taskQueue: config.SAHKAN_TASK_QUEUE,
    catalog,
    calendar,
    verifyToken: createTokenVerifier(loadJwtSecret(config)),
    maxUploadBytes: config.SAHKAN_MAX_UPLOAD_BYTES,
    pkiDir: path.join(config.dataDir, 'pki'),
    contractTypes: loadContractCatalog(),
    office: loadOffice(),
    maxNegotiationRounds: config.SAHKAN_MAX_NEGOTIATION_ROUNDS,
    logger,
    publicUrl: config.SAHKAN_PUBLIC_URL,
    loopBlockWarnMs: config.SAHKAN_LOOP_BLOCK_WARN_MS,
  });
  const server = app.listen(config.PORT, () => logger.info(`API listening on http://127.0.0.1:${config.PORT}/api/v1`));
  const stop = () => {
    server.close(async () => {
      await connection.close();
      await records.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

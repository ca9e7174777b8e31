import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { apiLimitsOf, loadConfig, oidcSettingsOf } from '../config/env';
import { temporalConnectionOptions } from '../config/temporal';
import { blobImportSummary, importBlobFiles } from '../store/blob-import';
import { loadDevUsers } from '../config/dev-users';
import { openRecords } from '../store/records';
import { checkSigners, loadCheckedTemplates, SHIPPED_TEMPLATES } from '../store/startup-checks';
import { createApp } from './app';
import { loadGrantKey, loadPayloadKeyRing, loadSessionSecret, loadTrackingKey } from '../config/secrets';
import { payloadDataConverter } from '../config/payload-codec';
import { tokenVerifierFor } from './auth';
import { identityProvider } from './identity-provider';
import { uploadPolicyFromConfig } from './upload-policy';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  // Stops here, naming the file and the type, rather than at the first issuance.
  const { catalog, calendar, officeCalendar, contractTypes, office } = loadCheckedTemplates({ ...SHIPPED_TEMPLATES, extraHolidays: config.SAHKAN_HOLIDAYS?.split(',') });
  const records = await openRecords(config.recordsLocation, { grantKey: loadGrantKey(config), trackingKey: loadTrackingKey(config) });
  logger.info('records database ready');
  const blobImport = blobImportSummary(await importBlobFiles(records.blobs, path.join(config.dataDir, 'blobs')));
  if (blobImport) logger.info(blobImport);
  // The worker issues the development signers' certificates on its first start, so here missing ones only warn.
  const devUsers = config.SAHKAN_DEV_USERS ? loadDevUsers() : undefined;
  const signerCheck = await checkSigners({ catalog, contractTypes, records, devUsers });
  for (const message of [...signerCheck.problems, ...signerCheck.warnings]) logger.warn(message);
  // Lazy: the API serves (readiness says the Temporal server is down, case actions answer 503) until it is up.
  const connection = Connection.lazy(temporalConnectionOptions(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter(loadPayloadKeyRing(config)) });
  const oidcSettings = oidcSettingsOf(config);
  const idp = oidcSettings && identityProvider(oidcSettings);
  if (idp) logger.info(`sign-in through the identity provider ${idp.settings.issuer}`);
  const app = createApp({
    records,
    blobs: records.blobs,
    temporal,
    taskQueue: config.SAHKAN_TASK_QUEUE,
    catalog,
    calendar,
    officeCalendar,
    verifyToken: tokenVerifierFor(config, idp),
    maxUploadBytes: config.SAHKAN_MAX_UPLOAD_BYTES,
    uploads: uploadPolicyFromConfig(config),
    contractTypes,
    office,
    maxNegotiationRounds: config.SAHKAN_MAX_NEGOTIATION_ROUNDS,
    logger,
    publicUrl: config.SAHKAN_PUBLIC_URL,
    loopBlockWarnMs: config.SAHKAN_LOOP_BLOCK_WARN_MS,
    limits: apiLimitsOf(config),
    web: { sessionSecret: loadSessionSecret(config), devUsers, identityProvider: idp },
    codecCorsOrigin: config.SAHKAN_CODEC_CORS_ORIGIN,
    metricsToken: config.SAHKAN_METRICS_TOKEN,
  });
  const server = app.listen(config.PORT, () => logger.info(`Pages on http://localhost:${config.PORT}/, API on http://localhost:${config.PORT}/api/v1`));
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

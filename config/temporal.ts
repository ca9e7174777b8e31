import fs from 'node:fs';
import type { TConfig } from './env';

/**
 * How both the worker and the API reach Temporal: the dev server `npm start` launched, or an external
 * cluster (mTLS client certificate or API key) when TEMPORAL_ADDRESS is set.
 */
export interface TTemporalConnection {
  address: string;
  tls?: boolean | { clientCertPair: { crt: Buffer; key: Buffer } };
  apiKey?: string;
}

export function temporalConnectionOptions(config: TConfig): TTemporalConnection {
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
  const mtls =
    config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
      ? { clientCertPair: { crt: fs.readFileSync(config.TEMPORAL_TLS_CERT), key: fs.readFileSync(config.TEMPORAL_TLS_KEY) } }
      : undefined;
  return {
    address,
    tls: mtls ?? (config.TEMPORAL_API_KEY ? true : undefined),
    apiKey: config.TEMPORAL_API_KEY,
  };
}

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

/** Between attempts to reach a Temporal server that is not up yet. */
const RECONNECT_DELAY_MS = 2_000;

/**
 * Connects once the server answers, however long that takes: a process started before its Temporal server (a
 * restart of the machine, a server restarting after losing its database) waits for it instead of exiting. Each
 * failed attempt is reported, so a wrong address shows in the log at once.
 */
export async function connectWhenUp<T>(connect: () => Promise<T>, address: string, warn: (message: string) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (err) {
      warn(`the Temporal server at ${address} does not answer yet (attempt ${attempt}: ${err instanceof Error ? err.message : String(err)}); trying again in ${RECONNECT_DELAY_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, RECONNECT_DELAY_MS));
    }
  }
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { SIGNING_OUTCOMES, type TSigningOutcome } from '../activities/issuance.activities';

/** The worker's own metrics (the SDK core serves its own on another port, worker/runtime.ts). */
export interface TWorkerMetrics {
  registry: Registry;
  /** For the signing activity: how long one signature took, and how it ended. */
  observeSigning(seconds: number, outcome: TSigningOutcome): void;
}

export function createWorkerMetrics(): TWorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const signing = new Histogram({
    name: 'sahkan_signing_duration_seconds',
    help: "A document's signature: unlocking the signer key, signing, the self-check and recording it (the signDocument activity)",
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  // Every outcome from the start (zero counts): a rate over a series that appears only at its first event misses it.
  for (const outcome of SIGNING_OUTCOMES) signing.zero({ outcome });
  return { registry, observeSigning: (seconds, outcome) => signing.observe({ outcome }, seconds) };
}

/** Serves `registry` as Prometheus text on `http://host:port/metrics` (anything else 404); resolves once listening. */
export async function serveWorkerMetrics(registry: Registry, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics failed: ${err.message}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${bound}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

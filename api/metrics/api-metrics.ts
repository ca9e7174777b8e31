import type { Router, RequestHandler } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Records } from '../../store/records';
import { requestTimer } from './http-metrics';
import { registerRecordsMetrics } from './records-metrics';

/**
 * One registry per app (not prom-client's global one): a process may build several apps (the tests do), each
 * with its own series. Node's process metrics under their usual names (process_*, nodejs_*).
 */
export function createApiMetrics(records: Records, router: Router): { timeRequests: RequestHandler; serve: RequestHandler } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerRecordsMetrics(registry, records);
  return {
    timeRequests: requestTimer(registry, router),
    serve: async (_req, res) => {
      const text = await registry.metrics();
      res.setHeader('Cache-Control', 'no-store');
      res.type(registry.contentType).send(text);
    },
  };
}

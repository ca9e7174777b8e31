import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';

export interface TLoopWatchdogOptions {
  /** A stall of the event loop longer than this is logged with the routes that were being handled. */
  thresholdMs: number;
  logger: { warn(obj: object, msg: string): void };
  /** How often the heartbeat ticks; a stall is measured as the tick's lateness. */
  intervalMs?: number;
}

interface TSeen {
  req: Request;
  endedAt?: number;
}

const routeOf = (req: Request) => `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;

/**
 * Request watchdog: a heartbeat measures how long the event loop was held, and when one stall exceeds the
 * threshold the requests in flight during it (or that ended inside it) are logged, so a route that blocks
 * the loop (a regression like the calendar loop of issue 8) shows in the logs before it stops the service.
 */
export function createLoopWatchdog({ thresholdMs, logger, intervalMs = 50 }: TLoopWatchdogOptions) {
  const seen = new Set<TSeen>();
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const blockedMs = now - last - intervalMs;
    if (blockedMs > thresholdMs) {
      const routes = [...new Set([...seen].filter((s) => s.endedAt === undefined || s.endedAt >= last).map((s) => routeOf(s.req)))];
      logger.warn({ blockedMs: Math.round(blockedMs), routes }, 'a request held the event loop');
    }
    for (const s of seen) if (s.endedAt !== undefined) seen.delete(s);
    last = now;
  }, intervalMs);
  timer.unref();

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const entry: TSeen = { req };
    seen.add(entry);
    res.once('close', () => {
      entry.endedAt = performance.now();
    });
    next();
  };
  return { middleware, stop: () => clearInterval(timer) };
}

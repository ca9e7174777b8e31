import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (text: string) => crypto.createHash('sha256').update(text).digest();

/**
 * Who may read /metrics. Its figures (cases per status, backlog, route latencies) are for the office's
 * monitoring, not for the public internet.
 * - `token` set (SAHKAN_METRICS_TOKEN): `Authorization: Bearer <token>` is required of everyone; otherwise 401.
 * - unset: only a scraper on this machine. The API is often published through a reverse proxy on the same host,
 *   whose requests also come from loopback: a request that carries a proxy's forwarding header is not taken for
 *   a local one, so an unconfigured installation shows 404 to the internet rather than its metrics.
 */
export function metricsAccess(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token's length.
      if (given === undefined || !crypto.timingSafeEqual(digest(given), expected)) {
        return next(new ApiError('UNAUTHENTICATED', 'a valid metrics token is required'));
      }
      return next();
    }
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (forwarded || !LOOPBACK.has(req.socket.remoteAddress ?? '')) return next(new ApiError('NOT_FOUND', 'no such endpoint'));
    next();
  };
}

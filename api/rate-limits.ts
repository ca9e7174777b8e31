import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import type { TRateLimits } from '../config/env';
import { ApiError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A refusal in the API's error shape, in Indonesian and English, with `Retry-After` (set by the limiter too). */
function refuse(what: { id: string; en: string }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 1000) - Date.now()) / 1000));
    next(
      new ApiError(
        'TOO_MANY_REQUESTS',
        `Terlalu banyak ${what.id}; coba lagi dalam ${seconds} detik. / Too many ${what.en}; try again in ${seconds} s.`,
        undefined,
        seconds,
      ),
    );
  };
}

const ipKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * Rate limits per window (config/env.ts): token-guarded writes per IP and per user, the public verify upload and
 * public lookups per IP, sign-in per IP (ready for the web sign-in page), and wrong tracking PINs per IP an hour
 * (only refused lookups count: someone guessing one PIN for each of many numbers never meets a number's own
 * throttle). Counts are kept per process.
 */
export type TRateLimiters = Record<'writePerIp' | 'writePerUser' | 'publicLookupPerIp' | 'verifyUploadPerIp' | 'signInPerIp' | 'trackingGuessPerIp', RateLimitRequestHandler>;

export function createRateLimiters(limits: TRateLimits): TRateLimiters {
  const common = { windowMs: limits.windowMs, standardHeaders: 'draft-7' as const, legacyHeaders: false, validate: { xForwardedForHeader: false } };
  const writes = { id: 'permintaan perubahan', en: 'write requests' };
  return {
    writePerIp: rateLimit({ ...common, limit: limits.writesPerIp, keyGenerator: ipKey, skip: (req) => SAFE_METHODS.has(req.method), handler: refuse(writes) }),
    writePerUser: rateLimit({
      ...common,
      limit: limits.writesPerUser,
      keyGenerator: (req) => (req.actor ? `user:${req.actor.userId}` : ipKey(req)),
      skip: (req) => SAFE_METHODS.has(req.method),
      handler: refuse(writes),
    }),
    publicLookupPerIp: rateLimit({ ...common, limit: limits.publicLookupsPerIp, keyGenerator: ipKey, handler: refuse({ id: 'permintaan pencarian', en: 'lookups' }) }),
    verifyUploadPerIp: rateLimit({ ...common, limit: limits.verifyUploadsPerIp, keyGenerator: ipKey, handler: refuse({ id: 'unggahan verifikasi', en: 'verification uploads' }) }),
    signInPerIp: rateLimit({ ...common, limit: limits.signInPerIp, keyGenerator: ipKey, handler: refuse({ id: 'percobaan masuk', en: 'sign-in attempts' }) }),
    trackingGuessPerIp: rateLimit({
      ...common,
      windowMs: 60 * 60 * 1000,
      limit: limits.trackingGuessesPerIp,
      keyGenerator: ipKey,
      skipSuccessfulRequests: true,
      handler: refuse({ id: 'PIN pelacakan yang salah', en: 'wrong tracking PINs' }),
    }),
  };
}

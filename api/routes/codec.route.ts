import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { requireRole } from '../auth';
import type { TApiDeps } from '../deps';
import { invalid } from '../errors';

/** The codec server protocol's body: proto3 JSON payloads, every bytes field base64. Bounded like every input. */
const base64 = z.string().max(2_000_000).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
export const ZCodecPayloadsSchema = z.strictObject({
  payloads: z
    .array(z.object({ metadata: z.record(z.string().max(200), base64).optional(), data: base64.optional() }))
    .max(1000),
});
type TCodecPayloads = z.infer<typeof ZCodecPayloadsSchema>;

const fromJson = (p: TCodecPayloads['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * CORS for the Temporal Web UI's origin and nothing else, on the codec routes only: the UI posts JSON with its
 * namespace and, when it passes the access token, an Authorization header. Any other origin gets no CORS headers,
 * and its preflight falls through to the API's 404 for OPTIONS (api/route-match.ts).
 */
export function codecCors(allowedOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!allowedOrigin || req.headers.origin !== allowedOrigin) return next();
    res.setHeader('Access-Control-Allow-Origin', allowedOrigin);
    res.setHeader('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}

/**
 * The codec server for the Temporal Web UI and CLI (administrators only): the payloads through the same codecs
 * the API's client uses, so an administrator sees decoded history; everyone else sees ciphertext.
 */
export function codecRoutes(deps: TApiDeps): Router {
  const router = Router();
  const codecs = deps.temporal.options.loadedDataConverter.payloadCodecs;
  // Encoding applies the codecs in order, decoding in reverse (as the SDK's data converter does).
  const run = async (req: Request, direction: 'encode' | 'decode') => {
    requireRole(req, (r) => r === 'admin', 'administrators');
    let payloads = ZCodecPayloadsSchema.parse(req.body ?? {}).payloads.map(fromJson);
    for (const codec of direction === 'decode' ? [...codecs].reverse() : codecs) {
      try {
        payloads = await codec[direction](payloads);
      } catch (err) {
        throw invalid('payloads', (err as Error).message);
      }
    }
    return { payloads: payloads.map(toJson) };
  };
  router.post('/codec/decode', async (req, res) => void res.json(await run(req, 'decode')));
  router.post('/codec/encode', async (req, res) => void res.json(await run(req, 'encode')));
  return router;
}

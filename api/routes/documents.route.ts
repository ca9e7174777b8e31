import crypto from 'node:crypto';
import { Router, type Response } from 'express';
import multer from 'multer';
import type { TMediaType } from '../../domain/case-type.schema';
import { inspectUploadIsolated } from '../../documents/inspect-isolated';
import { actorOf } from '../auth';
import { visibleDocument } from '../case-access';
import type { TApiDeps } from '../deps';
import { ApiError, invalid, notFound } from '../errors';

const DAY_MS = 86_400_000;

/** At most `perDay` uploads and `bytesPerDay` bytes per user in any 24 hours; past that, 429 until the oldest ages out. */
async function enforceDailyQuota(deps: TApiDeps, res: Response, userId: string, incomingBytes: number): Promise<void> {
  const used = await deps.records.uploadsSince(userId, new Date(Date.now() - DAY_MS));
  const { perDay, bytesPerDay } = deps.uploads;
  if (used.count + 1 > perDay || used.bytes + incomingBytes > bytesPerDay) {
    const freedAt = used.oldestAt ? Date.parse(used.oldestAt) + DAY_MS : Date.now() + DAY_MS;
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil((freedAt - Date.now()) / 1000))));
    throw new ApiError(
      'UPLOAD_QUOTA_EXCEEDED',
      `daily upload quota reached (${used.count} of ${perDay} files, ${used.bytes} of ${bytesPerDay} bytes in the last 24 hours)`,
    );
  }
}

/** Uploads go to the content-addressed blob store; cases refer to them by id and sha256. */
export function documentsRoutes(deps: TApiDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 5 } });

  /** Verdicts of files already accepted, by sha256: the same bytes are not parsed twice (bounded, newest kept). */
  const accepted = new Map<string, TMediaType>();
  const ACCEPTED_KEPT = 1_000;

  router.post('/documents', upload.single('file'), async (req, res) => {
    const actor = actorOf(req);
    if (!req.file) throw invalid('file', 'a multipart field "file" is required');
    await enforceDailyQuota(deps, res, actor.userId, req.file.size);
    const digest = crypto.createHash('sha256').update(req.file.buffer).digest('hex');
    let mediaType = accepted.get(digest);
    if (!mediaType) {
      const verdict = await inspectUploadIsolated(req.file.buffer, deps.uploads.limits);
      if (!verdict.accepted) {
        const detail = [{ path: 'file', message: verdict.reason }];
        if (verdict.refusal === 'UNSUPPORTED_FILE') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `file: ${verdict.reason}`, detail);
        throw new ApiError(verdict.refusal, `file: ${verdict.reason}`, detail);
      }
      mediaType = verdict.mediaType;
      if (accepted.size >= ACCEPTED_KEPT) accepted.delete(accepted.keys().next().value!);
      accepted.set(digest, mediaType);
    }
    const { sha256, bytes } = await deps.blobs.put(req.file.buffer);
    const meta = {
      id: crypto.randomBytes(12).toString('hex'),
      ownerId: actor.userId,
      sha256,
      bytes,
      mediaType,
      name: (req.file.originalname || 'document').replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200),
      createdAt: new Date().toISOString(),
    };
    await deps.records.saveDocument(meta);
    res.status(201).json({ id: meta.id, sha256, bytes, mediaType, name: meta.name });
  });

  router.get('/documents/:id', async (req, res) => {
    const meta = await visibleDocument(deps.records, actorOf(req), req.params.id);
    const bytes = await deps.blobs.get(meta.sha256);
    if (!bytes) throw notFound('document');
    res.type(meta.mediaType).setHeader('Content-Disposition', `attachment; filename="${meta.name}"`).send(bytes);
  });

  return router;
}

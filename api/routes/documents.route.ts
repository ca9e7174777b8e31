import crypto from 'node:crypto';
import { Router } from 'express';
import multer from 'multer';
import { actorOf } from '../auth';
import { visibleDocument } from '../case-access';
import type { TApiDeps } from '../deps';
import { sniffMediaType } from '../documents';
import { ApiError, invalid, notFound } from '../errors';

/** Uploads go to the content-addressed blob store; cases refer to them by id and sha256. */
export function documentsRoutes(deps: TApiDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 5 } });

  router.post('/documents', upload.single('file'), async (req, res) => {
    const actor = actorOf(req);
    if (!req.file) throw invalid('file', 'a multipart field "file" is required');
    const mediaType = sniffMediaType(req.file.buffer);
    if (!mediaType) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'file: only PDF, PNG and JPEG files are accepted', [{ path: 'file', message: 'not a PDF, PNG or JPEG file' }]);
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

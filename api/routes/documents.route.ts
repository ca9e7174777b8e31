import { Router } from 'express';
import multer from 'multer';
import { actorOf } from '../auth';
import { visibleDocument } from '../case-access';
import type { TApiDeps } from '../deps';
import { invalid, notFound } from '../errors';
import { uploadDocument } from '../use-cases/uploads';

/** Uploads go to the content-addressed blob store; cases refer to them by id and sha256. */
export function documentsRoutes(deps: TApiDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 5 } });

  router.post('/documents', upload.single('file'), async (req, res) => {
    const actor = actorOf(req);
    if (!req.file) throw invalid('file', 'a multipart field "file" is required');
    res.status(201).json(await uploadDocument(deps, actor, req.file));
  });

  router.get('/documents/:id', async (req, res) => {
    const meta = await visibleDocument(deps.records, actorOf(req), req.params.id);
    const bytes = await deps.blobs.get(meta.sha256);
    if (!bytes) throw notFound('document');
    res.type(meta.mediaType).setHeader('Content-Disposition', `attachment; filename="${meta.name}"`).send(bytes);
  });

  return router;
}

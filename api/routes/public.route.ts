import { Router } from 'express';
import multer from 'multer';
import { verificationPath } from '../../documents/render/verification-code';
import type { TApiDeps } from '../deps';
import { ApiError, NOT_YET_PUBLISHED_RETRY_SECONDS, notFound } from '../errors';
import { contractRegister, lookupDocument, verifyUploadedPdf } from '../use-cases/public';
import { trackCase } from '../use-cases/tracking';

/** Verification for anyone, no login: by the number on the QR code, or by uploading the PDF itself. */
export function publicRoutes(deps: TApiDeps): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 2 } });

  router.get('/public/verify/:number', async (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code : undefined;
    // The URL the QR codes of documents issued before the public pages carry: a browser scanning one is sent
    // to the page; API clients (any Accept but one preferring HTML) keep getting JSON.
    if (req.accepts(['json', 'html']) === 'html') {
      res.redirect(302, verificationPath(req.params.number, code));
      return;
    }
    res.json(await lookupDocument(deps, { number: req.params.number, code }));
  });

  /** The public register of contracts: what, with whom, for how much and when; no personal data. */
  router.get('/public/contracts', async (req, res) => {
    res.json(await contractRegister(deps, req.query));
  });

  /** An applicant's tracking code (number and PIN from the receipt): where the application stands, no account. */
  router.get('/public/track', async (req, res) => {
    res.json(await trackCase(deps, req.query));
  });

  router.get('/public/ca.pem', async (_req, res) => {
    const root = await deps.records.officePki.certPem('root-ca');
    if (!root) throw notFound('office certificate');
    res.type('application/x-pem-file').send(root);
  });

  router.get('/public/crl.pem', async (_req, res) => {
    // The worker publishes it at every start; only the moments before its first start find none.
    const crl = await deps.records.officePki.crlPem();
    if (!crl) throw new ApiError('UNAVAILABLE', 'the revocation list is not published yet (the worker has not started)', undefined, NOT_YET_PUBLISHED_RETRY_SECONDS);
    res.type('application/x-pem-file').send(crl);
  });

  router.post('/public/verify', upload.single('file'), async (req, res) => {
    res.json(await verifyUploadedPdf(deps, req.file));
  });

  return router;
}

import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { TRateLimiters } from '../../api/rate-limits';
import { logRequestFailure, sendApiError, toApiError } from '../../api/errors';
import { contractRegister, lookupDocument, verifyUploadedPdf } from '../../api/use-cases/public';
import type { TVerifyReport } from '../../api/use-cases/public';
import { sendCsv, toCsv } from '../../api/csv';
import { pageContext, sendPage } from '../render';
import { csrfAfterUpload } from '../session';
import type { TPageDeps } from '../web-app';
import { CURSOR_PARAM } from '../components/pagination';
import { ContractRegisterPage } from './public/contract-register.page';
import { OpenDataPage } from './public/open-data.page';
import { DocumentPage } from './public/document.page';
import { VerifyUploadPage } from './public/verify-upload.page';
import { TrackPage, type TTrackView } from './public/track.page';
import { trackCase } from '../../api/use-cases/tracking';
import { officeTime } from '../../domain/attempt-throttle';
import { stageLabel } from '../stage-label';

const REGISTER_PAGE_SIZE = 20;
/** A CSV export is the whole search, up to this many rows. */
const REGISTER_CSV_MAX = 10_000;

const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 100) : '');

/**
 * The public's pages, no sign-in: the page a QR code opens (`/v/<number>`, JSON for API clients), the PDF
 * check (`/verifikasi`) and the contract register (`/register-kontrak`, CSV). The same use cases and the same
 * rate limits as `/api/v1/public`. Only the upload form stores a session (for its token): a visitor who only
 * looks gets no cookie.
 */
export function publicPages(deps: TPageDeps, limits: TRateLimiters): Router {
  const router = Router();
  const officeName = deps.office.units[0]?.names.at(-1) ?? deps.office.nameLines.join(' ');
  const page = (req: Request) => pageContext(req, officeName);
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 2 } });
  const maxSize = `${Math.round(deps.maxUploadBytes / (1024 * 1024))} MB`;

  /** `/v/<number>` answers JSON to a client that prefers it over HTML (`Accept: application/json`). */
  const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';
  // Numbers carry `/` (503/0007/2026): the rest of the path is the number, each part decoded by the router.
  // Vary first: the answer's type depends on Accept whatever it is, a refusal included.
  router.get(
    '/v/*number',
    (_req, res, next) => {
      res.vary('Accept');
      next();
    },
    limits.publicLookupPerIp, async (req, res) => {
    const number = ([] as string[]).concat(req.params.number as string | string[]).join('/');
    const code = typeof req.query.code === 'string' ? req.query.code : undefined;
    if (wantsJson(req)) {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await lookupDocument(deps, { number, code }));
      return;
    }
    const doc = await lookupDocument(deps, { number, code });
    const p = page(req);
    sendPage(res, p, p.t('public.doc.title'), <DocumentPage doc={doc} />);
  });
  // Every refusal of /v (the rate limit's 429 included, which comes before the route): the API's error body to
  // JSON clients, the error page to browsers.
  router.use('/v', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!wantsJson(req)) return next(err);
    logRequestFailure(req.log, err, 'public lookup failed');
    res.setHeader('Cache-Control', 'no-store');
    sendApiError(res, err);
  });

  router.get('/verifikasi', (req, res) => {
    const p = page(req);
    sendPage(res, p, p.t('public.verify.title'), <VerifyUploadPage maxSize={maxSize} maxBytes={deps.maxUploadBytes} />);
  });

  // Limit first (a flood is refused before it is parsed), then the upload, then its form token.
  router.post('/verifikasi', limits.verifyUploadPerIp, keepUploadError(upload.single('file')), csrfAfterUpload, async (req, res) => {
    const p = page(req);
    const answer = (status: number, error?: string, report?: TVerifyReport) =>
      sendPage(res, p, p.t('public.verify.title'), <VerifyUploadPage maxSize={maxSize} maxBytes={deps.maxUploadBytes} error={error} report={report} />, status);
    const uploadError = res.locals.uploadError as unknown;
    if (uploadError instanceof MulterError && uploadError.code === 'LIMIT_FILE_SIZE') return answer(413, p.t('public.verify.error.tooLarge', { size: maxSize }));
    if (uploadError) throw uploadError;
    if (!req.file || req.file.size === 0) return answer(400, p.t('public.verify.error.noFile'));
    try {
      answer(200, undefined, await verifyUploadedPdf(deps, req.file));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.code === 'UNSUPPORTED_MEDIA_TYPE') return answer(415, p.t('public.verify.error.notPdf'));
      if (apiError.code === 'INVALID_INPUT') return answer(400, p.t('public.verify.error.unreadable'));
      throw err;
    }
  });

  // Tracking by the receipt's number and PIN: the form posts (the PIN stays out of links, history and logs).
  router.get('/lacak', (req, res) => {
    const p = page(req);
    sendPage(res, p, p.t('tracking.title'), <TrackPage view={{ number: text(req.query.nomor) }} />);
  });

  router.post('/lacak', limits.publicLookupPerIp, limits.trackingGuessPerIp, async (req, res) => {
    const p = page(req);
    const number = text(req.body?.number);
    const answer = (status: number, view: Omit<TTrackView, 'number'>) => sendPage(res, p, p.t('tracking.title'), <TrackPage view={{ number, ...view }} />, status);
    try {
      const result = await trackCase(deps, { number, pin: typeof req.body?.pin === 'string' ? req.body.pin.slice(0, 20) : '' });
      answer(200, { result, stageName: stageLabel(deps.catalog.get(result.typeId), result.stage?.id, result.stage?.name, p.lang) });
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.code === 'INVALID_INPUT') {
        const paths = new Set((apiError.details ?? []).map((d) => d.path));
        return answer(400, { errors: Object.fromEntries((['number', 'pin'] as const).filter((f) => paths.has(f)).map((f) => [f, p.t(`tracking.error.${f}`)])) });
      }
      if (apiError.code === 'NOT_FOUND') return answer(404, { errors: { _form: p.t('tracking.error.noMatch') } });
      if (apiError.code === 'TOO_MANY_REQUESTS' || apiError.code === 'LOCKED') {
        const seconds = apiError.retryAfterSeconds ?? 60;
        res.setHeader('Retry-After', String(seconds));
        return answer(apiError.status, { errors: { _form: p.t('tracking.error.throttled', { when: officeTime(new Date(Date.now() + seconds * 1000)) }) } });
      }
      throw err;
    }
  });

  router.get('/register-kontrak', limits.publicLookupPerIp, async (req, res) => {
    const query = text(req.query.cari);
    const cursor = text(req.query[CURSOR_PARAM]) || undefined;
    const { items, nextCursor } = await contractRegister(deps, { query, limit: REGISTER_PAGE_SIZE, cursor });
    const p = page(req);
    sendPage(res, p, p.t('public.register.title'), <ContractRegisterPage view={{ query, cursor, nextCursor, items }} />);
  });

  router.get('/data-terbuka', (req, res) => {
    const p = page(req);
    sendPage(res, p, p.t('openData.title'), <OpenDataPage office={officeName} />);
  });

  router.get('/register-kontrak.csv', limits.publicLookupPerIp, async (req, res) => {
    const { items } = await contractRegister(deps, { query: text(req.query.cari), limit: REGISTER_CSV_MAX }, REGISTER_CSV_MAX);
    const { t } = page(req);
    const header = (['number', 'work', 'vendor', 'value', 'start', 'end', 'signedAt', 'status', 'addenda'] as const).map((k) => t(`public.register.${k}`));
    const rows = items.map((r) => [r.number, r.title, r.vendor, r.value, r.startDate, r.endDate, r.signedAt.slice(0, 10), t(`public.status.${r.status}`), r.addenda.join('; ')]);
    sendCsv(res, 'register-kontrak.csv', toCsv(header, rows));
  });

  return router;
}

/** Runs multer but keeps its refusal for the route, which answers it on the form (a too-large file is a field error). */
function keepUploadError(middleware: (req: Request, res: Response, next: NextFunction) => void) {
  return (req: Request, res: Response, next: NextFunction) =>
    middleware(req, res, (err?: unknown) => {
      if (err) res.locals.uploadError = err;
      next();
    });
}

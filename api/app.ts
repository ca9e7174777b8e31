import crypto from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth';
import { auditorRequests } from './auditor-requests';
import { createRateLimiters } from './rate-limits';
import { DEFAULT_API_LIMITS } from './deps';
import type { TApiDeps } from './deps';
import { ApiError, logRequestFailure, sendApiError } from './errors';
import { createLoopWatchdog } from './loop-watchdog';
import { createApiMetrics } from './metrics/api-metrics';
import { metricsAccess } from './metrics/metrics-access';
import { knownRoutesOnly } from './route-match';
import { buildOpenApiDocument } from './openapi';
import { adminRoutes } from './routes/admin.route';
import { auditRoutes } from './routes/audit.route';
import { adminLogRoutes, publicLogRoutes } from './routes/log.route';
import { calendarRoutes } from './routes/calendar.route';
import { casesRoutes } from './routes/cases.route';
import { codecCors, codecRoutes } from './routes/codec.route';
import { catalogRoutes } from './routes/catalog.route';
import { contractsRoutes } from './routes/contracts.route';
import { documentsRoutes } from './routes/documents.route';
import { healthRoutes } from './routes/health.route';
import { permitsRoutes } from './routes/permits.route';
import { publicRoutes } from './routes/public.route';
import { openDataRoutes } from './routes/open-data.route';
import { tasksRoutes } from './routes/tasks.route';
import { webApp } from '../web/web-app';
import type { TWebDeps } from '../web/web-app';

export function createApp(deps: TApiDeps & { publicUrl: string; loopBlockWarnMs?: number; web: TWebDeps }): express.Express {
  const app = express();
  const metrics = createApiMetrics(deps.records, app.router);
  app.use(metrics.timeRequests);
  app.use(createLoopWatchdog({ thresholdMs: deps.loopBlockWarnMs ?? 200, logger: deps.logger }).middleware);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Pages may be served over plain HTTP on an office network: do not ask browsers to upgrade their requests.
  // The sign-out form is redirected to the identity provider's end_session_endpoint (web/web-app.tsx), a
  // redirect that browsers check against form-action: the provider's origin is allowed there too.
  const idpOrigin = deps.web.identityProvider && new URL(deps.web.identityProvider.settings.issuer).origin;
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, formAction: ["'self'", ...(idpOrigin ? [idpOrigin] : [])] } } }));
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // One short line per request: no headers (tokens), no bodies (NIKs, passphrases), no query strings.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: '1mb' }));

  const openapi = buildOpenApiDocument(deps.publicUrl);
  const api = express.Router();
  // Every answer may carry personal data or depend on who asks: never stored by browsers or proxies.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Before the 404 for preflights: the Temporal Web UI's origin may call the codec endpoint from the browser.
  api.use(['/codec/decode', '/codec/encode'], codecCors(deps.codecCorsOrigin));
  api.use(knownRoutesOnly(api));
  api.use(healthRoutes(deps));
  api.get('/openapi.json', (_req, res) => void res.json(openapi));
  api.use(catalogRoutes(deps));
  const limits = createRateLimiters(deps.limits?.rate ?? DEFAULT_API_LIMITS.rate);
  // Under /public the one POST is the verify upload; everything else is a lookup.
  api.use('/public', (req, res, next) => (req.method === 'POST' ? limits.verifyUploadPerIp : limits.publicLookupPerIp)(req, res, next));
  api.use('/public/track', limits.trackingGuessPerIp);
  api.use(publicRoutes(deps));
  api.use(publicLogRoutes(deps));
  api.use(openDataRoutes(deps));
  // The deadline preview is public and read-only: limited like the other public lookups.
  api.use('/calendar', limits.publicLookupPerIp);
  api.use(calendarRoutes(deps));
  api.use(authenticate(deps.verifyToken));
  api.use(auditorRequests(deps.records));
  api.use(limits.writePerIp, limits.writePerUser);
  api.use(documentsRoutes(deps));
  api.use(permitsRoutes(deps));
  api.use(contractsRoutes(deps));
  api.use(casesRoutes(deps));
  api.use(tasksRoutes(deps));
  api.use(adminRoutes(deps));
  api.use(auditRoutes(deps));
  api.use(adminLogRoutes(deps));
  api.use(codecRoutes(deps));
  api.use(() => {
    throw new ApiError('NOT_FOUND', 'no such endpoint');
  });

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  // Prometheus' conventional path, outside /api/v1: not part of the API's contract or its OpenAPI document.
  app.get('/metrics', metricsAccess(deps.metricsToken), metrics.serve);
  app.use('/api/v1', api);
  app.use(webApp({ ...deps, web: { ...deps.web, rateLimiters: limits } }));
  app.use((_req, _res, next) => next(new ApiError('NOT_FOUND', 'no such endpoint')));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    logRequestFailure(req.log, err, 'request failed');
    sendApiError(res, err);
  });
  return app;
}

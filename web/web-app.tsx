import path from 'node:path';
import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import type { TDevUser } from '../config/dev-users';
import type { TApiDeps } from '../api/deps';
import type { TIdentityProvider } from '../api/identity-provider';
import { createRateLimiters } from '../api/rate-limits';
import type { TRateLimiters } from '../api/rate-limits';
import { DEFAULT_API_LIMITS } from '../api/deps';
import { logRequestFailure, toApiError } from '../api/errors';
import type { TErrorCode } from '../api/errors';
import { projectFile } from '../project-root';
import { isLang, LANG_COOKIE } from './i18n/translate';
import { localPath } from './local-path';
import { pageContext, sendPage } from './render';
import { addendaPages } from './routes/addenda.route';
import { adminPages } from './routes/admin.route';
import { auditPages } from './routes/audit.route';
import { auditorPageReads } from '../api/auditor-requests';
import { ErrorPage, ERROR_PAGE_TITLES } from './routes/error.page';
import type { TErrorPageKind } from './routes/error.page';
import { applicantPages } from './routes/applicant.route';
import { contractsPages } from './routes/contracts.route';
import { HomePage } from './routes/home.page';
import { publicPages } from './routes/public.route';
import { oidcSignInPages, providerSignOutUrl } from './routes/oidc-sign-in.route';
import type { TSignInRefusal } from './routes/oidc-sign-in.route';
import { SignInPage } from './routes/sign-in.page';
import { tasksPages } from './routes/tasks.route';
import { actorFromSession, csrfProtection, isCsrfError, sessions, signIn, signOut } from './session';

/** What the pages need beyond the API's dependencies. */
export interface TWebDeps {
  /** Signs the session cookie (config/secrets.ts). */
  sessionSecret: string;
  /** The seeded users offered by the development sign-in page; undefined in production. */
  devUsers?: TDevUser[];
  /** The regency's identity provider (SAHKAN_OIDC_*); undefined when sign-in through it is not configured. */
  identityProvider?: TIdentityProvider;
  /** The API's rate limiters, so that a public page and its JSON route share one count per address. */
  rateLimiters?: TRateLimiters;
}

export type TPageDeps = TApiDeps & { publicUrl: string; web: TWebDeps };

/** The office's name for the page header, from the office data. */
export const officeNameOf = (deps: TPageDeps) => deps.office.units[0]?.names.at(-1) ?? deps.office.nameLines.join(' ');

const ASSET_CACHE = { maxAge: '1h', fallthrough: false, index: false } as const;
const moduleDir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

/**
 * The web pages, server-rendered from the same app as the JSON API (which stays under /api/v1). Every core
 * flow works without JavaScript; /assets/app.js only improves it.
 */
export function webApp(deps: TPageDeps): Router {
  const router = Router();
  const officeName = officeNameOf(deps);
  // The API's limiters when the API mounts the pages (one count per address for both), else the pages' own.
  const rateLimiters = deps.web.rateLimiters ?? createRateLimiters(deps.limits?.rate ?? DEFAULT_API_LIMITS.rate);
  const page = (req: Request) => pageContext(req, officeName);

  router.use('/assets/fonts', express.static(path.join(moduleDir('@fontsource/noto-sans'), 'files'), { ...ASSET_CACHE, immutable: true }));
  router.use('/assets/uplot', express.static(path.join(moduleDir('uplot'), 'dist'), ASSET_CACHE));
  router.use('/assets', express.static(projectFile('web', 'assets'), ASSET_CACHE));

  router.use(cookieParser());
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  router.use(sessions(deps.records.webSessions, deps.web.sessionSecret));
  router.use(actorFromSession);
  router.use(csrfProtection);
  router.use(auditorPageReads(deps.records));

  router.get('/', (req, res) => {
    const p = page(req);
    sendPage(res, p, p.t('nav.home'), <HomePage />);
  });

  const idp = deps.web.identityProvider;
  const signInPage = (req: Request, res: Response, back: string, error?: string, status = 200) => {
    const p = page(req);
    sendPage(res, p, p.t('signIn.title'), <SignInPage devUsers={deps.web.devUsers} oidc={Boolean(idp)} back={back} error={error} />, status);
  };
  const refuseSignIn: TSignInRefusal = (req, res, back, message) => signInPage(req, res, back, page(req).t(message), 400);

  router.get('/masuk', (req, res) => signInPage(req, res, localPath(req.query.kembali)));

  // Sign-in attempts per address, the development users' form and the start at the identity provider alike.
  const signInLimit = rateLimiters.signInPerIp;

  router.post('/masuk', signInLimit, async (req, res) => {
    const user = deps.web.devUsers?.find((u) => u.id === req.body.userId);
    if (!user) return refuseSignIn(req, res, localPath(req.body.kembali), 'signIn.unknownUser');
    await signIn(req, { userId: user.id, roles: user.roles, name: user.name });
    res.redirect(303, localPath(req.body.kembali));
  });

  if (idp) router.use(oidcSignInPages(idp, deps.publicUrl, refuseSignIn, signInLimit));

  // Signed out here first; someone who came through the identity provider then signs out there too, when it can.
  router.post('/keluar', async (req, res) => {
    const idToken = req.session.idToken;
    await signOut(req);
    res.redirect(303, (idp && idToken && (await providerSignOutUrl(idp, idToken, deps.publicUrl))) || '/');
  });

  // The language switch is a link (works without JavaScript and without a session); a year-long cookie remembers it.
  router.get('/bahasa/:lang', (req, res) => {
    const lang = req.params.lang;
    if (isLang(lang)) res.cookie(LANG_COOKIE, lang, { maxAge: 365 * 24 * 60 * 60 * 1000, sameSite: 'lax', httpOnly: true, path: '/' });
    res.redirect(303, localPath(req.query.kembali));
  });

  router.use(applicantPages(deps));
  router.use(publicPages(deps, rateLimiters));
  router.use(tasksPages(deps));
  router.use(contractsPages(deps));
  router.use(adminPages(deps));
  router.use(auditPages(deps));
  router.use(addendaPages(deps));

  router.use((req, res) => {
    const p = page(req);
    sendPage(res, p, p.t(ERROR_PAGE_TITLES.notFound), <ErrorPage kind="notFound" />, 404);
  });

  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { kind, status, retryAfter } = errorPageFor(err);
    logRequestFailure(req.log, err, 'page failed');
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    const p = page(req);
    sendPage(res, p, p.t(ERROR_PAGE_TITLES[kind]), <ErrorPage kind={kind} reference={status >= 500 ? String(req.id) : undefined} />, status);
  });

  return router;
}

const PAGE_KIND: Partial<Record<TErrorCode, TErrorPageKind>> = {
  NOT_FOUND: 'notFound',
  UNAUTHENTICATED: 'forbidden',
  FORBIDDEN: 'forbidden',
  TOO_MANY_REQUESTS: 'tooMany',
  UPLOAD_QUOTA_EXCEEDED: 'tooMany',
  LOCKED: 'tooMany',
  CASE_UNAVAILABLE: 'unavailable',
  UNAVAILABLE: 'unavailable',
};

/** Anything a page route threw, as an error page: the API's status mapping, in words for people. */
function errorPageFor(err: unknown): { kind: TErrorPageKind; status: number; retryAfter?: number } {
  if (isCsrfError(err)) return { kind: 'csrf', status: 403 };
  const apiError = toApiError(err);
  const kind = PAGE_KIND[apiError.code] ?? (apiError.status >= 500 ? 'server' : apiError.status === 409 ? 'conflict' : 'badRequest');
  return { kind, status: apiError.status, retryAfter: apiError.retryAfterSeconds };
}

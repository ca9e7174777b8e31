import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { TActor } from '../domain/roles';
import type { WebSessionStore } from '../store/web-sessions';

/** The signed-in person as the session keeps it; set only by a sign-in route (development or identity provider). */
export interface TSessionUser extends TActor {
  name: string;
}

/** A sign-in through the identity provider between the redirect there and the return: what the callback checks. */
export interface TPendingOidcSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** The local path to return to afterwards. */
  back: string;
}

declare module 'express-session' {
  interface SessionData {
    user?: TSessionUser;
    /** The identity provider's ID token, sent back as id_token_hint when signing out there. */
    idToken?: string;
    oidcSignIn?: TPendingOidcSignIn;
  }
}

export const SESSION_COOKIE = 'sahkan.sid';
const SESSION_HOURS = 12;

/**
 * Cookie sessions for the pages: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS (`secure:
 * 'auto'`, with `trust proxy` set behind a TLS proxy). The session lives in the records database. A session is
 * stored only once something is put in it (a sign-in, or the token of a form).
 */
export function sessions(store: WebSessionStore, secret: string) {
  return session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_HOURS * 60 * 60 * 1000, path: '/' },
  });
}

/**
 * Synchroniser CSRF tokens (one per session, in the session): every form posts it back as `_csrf`. Multipart
 * forms are checked by their route after the upload is parsed (`csrfAfterUpload`).
 */
const csrf = csrfSync({
  getTokenFromRequest: (req) => (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined),
  errorConfig: { statusCode: 403, code: 'EBADCSRFTOKEN', message: 'invalid csrf token' },
  skipCsrfProtection: (req) => Boolean(req.is('multipart/form-data')),
});

export const csrfProtection = csrf.csrfSynchronisedProtection;
export const csrfTokenFor = (req: Request) => csrf.generateToken(req);
export const isCsrfError = (err: unknown) => (err as { code?: string })?.code === 'EBADCSRFTOKEN';

/** For a multipart form: put after multer, where `_csrf` has been parsed with the files. */
export function csrfAfterUpload(req: Request, _res: Response, next: NextFunction) {
  next(csrf.isRequestValid(req) ? undefined : csrf.invalidCsrfTokenError);
}

/** The session's user becomes the request's actor, so the pages call the same use cases as the API. */
export function actorFromSession(req: Request, _res: Response, next: NextFunction) {
  const user = req.session.user;
  if (user) req.actor = { userId: user.userId, roles: user.roles };
  next();
}

/** Starts a signed-in session under a new id (no fixation of an id chosen before sign-in). */
export function signIn(req: Request, user: TSessionUser, idToken?: string): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.user = user;
      if (idToken) req.session.idToken = idToken;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    }),
  );
}

/** Stores the session now (before a redirect away from this site, whose return must find it). */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** Pages for signed-in people: anyone else is sent to sign in and brought back afterwards. */
export function requireSignIn(req: Request, res: Response, next: NextFunction) {
  if (req.session.user) return next();
  res.redirect(303, `/masuk?kembali=${encodeURIComponent(req.originalUrl)}`);
}

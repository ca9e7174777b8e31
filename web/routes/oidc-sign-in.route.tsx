import { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import * as oidc from 'openid-client';
import { ApiError } from '../../api/errors';
import type { TIdentityProvider } from '../../api/identity-provider';
import { claimAt, identityFromClaims } from '../../api/oidc-identity';
import type { TMessageKey } from '../i18n/messages';
import { localPath } from '../local-path';
import { saveSession, signIn } from '../session';

/** Where the identity provider sends people back; registered at the provider as `<SAHKAN_PUBLIC_URL>/masuk/oidc/callback`. */
export const OIDC_CALLBACK_PATH = '/masuk/oidc/callback';

/** The sign-in page with a message, as web-app.tsx renders it. */
export type TSignInRefusal = (req: Request, res: Response, back: string, message: TMessageKey) => void;

/**
 * Sign-in through the regency's identity provider: authorization code with PKCE (S256), state and nonce
 * (openid-client). The verifier, state and nonce wait in the session (in the records database) until the
 * provider sends the person back; the callback exchanges the code, checks the ID token, takes the user id, name
 * and roles (config/env.ts SAHKAN_OIDC_*) and starts the session with `signIn`. Every refusal is the sign-in page
 * with a message and 400.
 */
export function oidcSignInPages(idp: TIdentityProvider, publicUrl: string, refuse: TSignInRefusal, signInLimit: RequestHandler): Router {
  const router = Router();
  const redirectUri = new URL(OIDC_CALLBACK_PATH, publicUrl).href;

  // Each start asks the provider and stores a pending sign-in: limited per address like the password form. The
  // callback needs a start's pending sign-in (used once), so the limit on starts bounds it too.
  router.get('/masuk/oidc', signInLimit, async (req, res) => {
    const client = await idp.client();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending = { codeVerifier, state: oidc.randomState(), nonce: oidc.randomNonce(), back: localPath(req.query.kembali) };
    req.session.oidcSignIn = pending;
    await saveSession(req);
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    // One use: a replayed or second callback finds nothing to check against.
    const pending = req.session.oidcSignIn;
    delete req.session.oidcSignIn;
    if (!pending) return refuse(req, res, '/', 'signIn.oidcFailed');
    try {
      const client = await idp.client();
      // The provider's answer as openid-client reads it: our registered redirect URI with the query we were sent.
      const answer = new URL(redirectUri);
      answer.search = new URL(req.originalUrl, redirectUri).search;
      const tokens = await oidc.authorizationCodeGrant(client, answer, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const identity = identityFromClaims(await withUserInfo(idp, client, idClaims, tokens.access_token), idp.settings);
      await signIn(req, identity, tokens.id_token);
      res.redirect(303, pending.back);
    } catch (err) {
      const reason = refusalOf(err, idp.settings.rolesClaim);
      req.log.warn({ reason, error: (err as Error).message }, 'sign-in through the identity provider refused');
      refuse(req, res, pending.back, reason);
    }
  });

  return router;
}

/**
 * The ID token's claims, completed from the userinfo endpoint when they lack the user id, the roles or the name:
 * many providers put only `sub` in the ID token of a code flow and the rest in userinfo. The ID token's own claims win.
 */
async function withUserInfo(idp: TIdentityProvider, client: oidc.Configuration, idClaims: oidc.IDToken, accessToken: string): Promise<Record<string, unknown>> {
  const complete = [idp.settings.userClaim, idp.settings.rolesClaim, 'name'].every((claim) => claimAt(idClaims, claim) !== undefined);
  if (complete || !client.serverMetadata().userinfo_endpoint) return idClaims;
  const userInfo = await oidc.fetchUserInfo(client, accessToken, idClaims.sub);
  return { ...userInfo, ...idClaims };
}

/** Why the callback refused, as the message people read; the details go to the log. */
function refusalOf(err: unknown, rolesClaim: string): TMessageKey {
  if (err instanceof oidc.AuthorizationResponseError && err.error === 'access_denied') return 'signIn.oidcDenied';
  if (err instanceof ApiError && err.code === 'FORBIDDEN' && err.details?.[0]?.path === rolesClaim) return 'signIn.oidcNoRoles';
  return 'signIn.oidcFailed';
}

/**
 * Where to send someone who signed out here: the provider's end_session_endpoint with the ID token as a hint and
 * our home page to return to, when the provider has one; else undefined (our home page).
 */
export async function providerSignOutUrl(idp: TIdentityProvider, idToken: string, publicUrl: string): Promise<string | undefined> {
  const client = await idp.client().catch(() => undefined);
  if (!client?.serverMetadata().end_session_endpoint) return undefined;
  return oidc.buildEndSessionUrl(client, { id_token_hint: idToken, post_logout_redirect_uri: new URL('/', publicUrl).href }).href;
}

import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { TConfig } from '../config/env';
import { loadJwtSecret } from '../config/secrets';
import { ZRoleSchema } from '../domain/case-type.schema';
import type { TActor } from '../domain/roles';
import { ApiError } from './errors';
import type { TIdentityProvider } from './identity-provider';
import { identityFromClaims } from './oidc-identity';

const ISSUER = 'sahkan';
const ZClaimsSchema = z.object({ sub: z.string().min(1), roles: z.array(ZRoleSchema).min(1), name: z.string().optional() });

export type TVerifyToken = (token: string) => Promise<TActor & { name?: string }>;

/** Sahkan's own HS256 tokens (JWT_SECRET, `npm run token`): development, tests, and deployments without an IdP. */
export function createTokenVerifier(secret: Uint8Array): TVerifyToken {
  const key = crypto.createSecretKey(secret); // imported once: from bytes, jose imports the key for every request
  return async (token) => {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
    const claims = ZClaimsSchema.parse(payload);
    return { userId: claims.sub, roles: claims.roles, name: claims.name };
  };
}

/** The asymmetric algorithms accepted from the IdP: never `none`, never HS256 (a public key must not verify as a secret). */
const IDP_ALGORITHMS = ['RS256', 'ES256', 'PS256'];

/**
 * The regency's identity provider's tokens, checked on its published keys (jwks_uri, fetched and cached by jose):
 * its issuer, our audience, an expiry, and our roles in the configured claim (none of them: 403 naming the claim).
 */
export function createOidcTokenVerifier(idp: TIdentityProvider): TVerifyToken {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (token) => {
    const metadata = (await idp.client()).serverMetadata();
    if (!metadata.jwks_uri) throw new ApiError('UNAVAILABLE', `the identity provider ${metadata.issuer} publishes no jwks_uri`);
    jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: metadata.issuer, audience: idp.settings.audience, algorithms: IDP_ALGORITHMS, requiredClaims: ['exp'] });
      return identityFromClaims(payload, idp.settings);
    } catch (err) {
      // A bad token is the caller's 401 (in authenticate); keys that cannot be fetched are the provider's 503.
      if (err instanceof joseErrors.JWKSTimeout || !(err instanceof joseErrors.JOSEError || err instanceof ApiError)) {
        throw new ApiError('UNAVAILABLE', `the identity provider's keys cannot be fetched: ${(err as Error).message}`, undefined, 30);
      }
      throw err;
    }
  };
}

/**
 * The one place that decides which Bearer tokens the API accepts. Without an identity provider: Sahkan's own HS256
 * tokens. With one: the provider's tokens, and Sahkan's HS256 tokens only while development users are on: whoever
 * holds JWT_SECRET (or the file generated into the data folder) could otherwise mint a token for any user id and
 * role, past the provider where accounts are managed and withdrawn.
 */
export function tokenVerifierFor(config: TConfig, idp: TIdentityProvider | undefined): TVerifyToken {
  if (!idp) return createTokenVerifier(loadJwtSecret(config));
  const fromIdp = createOidcTokenVerifier(idp);
  if (!config.SAHKAN_DEV_USERS) return fromIdp;
  const local = createTokenVerifier(loadJwtSecret(config));
  return (token) => (decodeProtectedHeader(token).alg === 'HS256' ? local(token) : fromIdp(token));
}

export async function signToken(
  secret: Uint8Array,
  user: { id: string; roles: string[]; name?: string },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ roles: user.roles, name: user.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: TActor;
  }
}

export function authenticate(verify: TVerifyToken) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" and "BEARER" are "Bearer".
    const match = /^Bearer +([^\s]+)$/i.exec(header);
    if (!match) return next(new ApiError('UNAUTHENTICATED', 'a Bearer token is required'));
    try {
      req.actor = await verify(match[1]!);
      next();
    } catch (err) {
      // The verifier's own refusals (no known roles: 403; the IdP unreachable: 503) keep their meaning.
      next(err instanceof ApiError ? err : new ApiError('UNAUTHENTICATED', 'the token is invalid or expired'));
    }
  };
}

/** The authenticated actor; routes behind `authenticate` always have one. */
export function actorOf(req: Request): TActor {
  if (!req.actor) throw new ApiError('UNAUTHENTICATED', 'a Bearer token is required');
  return req.actor;
}

export function requireRole(req: Request, allowed: (role: string) => boolean, what: string): TActor {
  const actor = actorOf(req);
  if (!actor.roles.some(allowed)) throw new ApiError('FORBIDDEN', `only ${what} may do this`);
  return actor;
}

import type { NextFunction, Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ZRoleSchema } from '../domain/case-type.schema';
import type { TActor } from '../domain/roles';
import { ApiError } from './errors';

const ISSUER = 'sahkan';
const ZClaimsSchema = z.object({ sub: z.string().min(1), roles: z.array(ZRoleSchema).min(1), name: z.string().optional() });

export type TVerifyToken = (token: string) => Promise<TActor & { name?: string }>;

/** HS256 today; swapping in an OIDC issuer means returning a verifier built on a remote JWKS instead. */
export function createTokenVerifier(secret: Uint8Array): TVerifyToken {
  return async (token) => {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    const claims = ZClaimsSchema.parse(payload);
    return { userId: claims.sub, roles: claims.roles, name: claims.name };
  };
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
    } catch {
      next(new ApiError('UNAUTHENTICATED', 'the token is invalid or expired'));
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

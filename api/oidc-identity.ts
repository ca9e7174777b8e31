import { ZRoleSchema } from '../domain/case-type.schema';
import type { TRole } from '../domain/case-type.schema';
import type { TOidcSettings } from '../config/env';
import type { TActor } from '../domain/roles';
import { ApiError } from './errors';

/** Who the identity provider says signed in, in Sahkan's terms: the office's user id, our roles, a display name. */
export type TOidcIdentity = TActor & { name: string };

/** The value at a dotted claim path (`roles`, `realm_access.roles`); a claim named with dots itself wins. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The role strings Sahkan knows, from an array or a space-separated string; anything else the IdP sends is dropped. */
export function knownRolesIn(value: unknown): TRole[] {
  const strings = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return [...new Set(strings.filter((r): r is TRole => ZRoleSchema.safeParse(r).success))];
}

const refusal = (claim: string, message: string) =>
  new ApiError('FORBIDDEN', `the identity provider's token is refused: ${claim}: ${message}`, [{ path: claim, message }]);

const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * The identity in a verified ID token, userinfo answer or access token. No user id, or none of our roles, is a
 * refusal (FORBIDDEN, naming the claim): signing such a person in would give them a session that can do nothing.
 */
export function identityFromClaims(claims: Record<string, unknown>, settings: Pick<TOidcSettings, 'rolesClaim' | 'userClaim'>): TOidcIdentity {
  const userId = nonEmptyString(claimAt(claims, settings.userClaim));
  if (!userId) throw refusal(settings.userClaim, 'no user id in this claim');
  const roles = knownRolesIn(claimAt(claims, settings.rolesClaim));
  if (roles.length === 0) throw refusal(settings.rolesClaim, "none of Sahkan's roles in this claim");
  const name = nonEmptyString(claims.name) ?? nonEmptyString(claims.preferred_username) ?? userId;
  return { userId, roles, name };
}

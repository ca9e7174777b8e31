/** Failure types that cross from activities to workflows; wire names, never renamed. */

/** A signing activity will never accept this grant (expired, spent, certificate revoked): sign again. */
export const SIGNING_REFUSED = 'SigningRefused';

import * as oidc from 'openid-client';
import type { TOidcSettings } from '../config/env';
import { ApiError } from './errors';

/** The regency's identity provider as the pages and the API use it: our settings and its discovered metadata. */
export interface TIdentityProvider {
  settings: TOidcSettings;
  /**
   * The provider's metadata with our client (openid-client), discovered from the issuer on first use and again
   * after a failed attempt, so that a provider that was down when Sahkan started does not need a restart.
   */
  client(): Promise<oidc.Configuration>;
}

const DISCOVERY_TIMEOUT_SECONDS = 10;

export function identityProvider(settings: TOidcSettings): TIdentityProvider {
  let discovered: Promise<oidc.Configuration> | undefined;
  return {
    settings,
    client() {
      discovered ??= discover(settings).catch((err: Error) => {
        discovered = undefined;
        throw new ApiError('UNAVAILABLE', `the identity provider ${settings.issuer} cannot be reached: ${err.message}`, undefined, 30);
      });
      return discovered;
    },
  };
}

function discover(settings: TOidcSettings): Promise<oidc.Configuration> {
  // client_secret_basic is the registration default (OIDC Dynamic Client Registration §2); without a secret the
  // client is public and PKCE alone binds the code to this sign-in.
  const auth = settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None();
  // The configuration allows plain http only for a provider on this machine (config/env.ts).
  const insecure = new URL(settings.issuer).protocol === 'http:';
  return oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, auth, {
    timeout: DISCOVERY_TIMEOUT_SECONDS,
    execute: insecure ? [oidc.allowInsecureRequests] : [],
  });
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { createApp } from '../../api/app';
import { tokenVerifierFor } from '../../api/auth';
import { identityProvider } from '../../api/identity-provider';
import type { TIdentityProvider } from '../../api/identity-provider';
import { loadConfig, oidcSettingsOf } from '../../config/env';
import { OIDC_CALLBACK_PATH } from '../../web/routes/oidc-sign-in.route';
import { harness } from './harness';

/** A person at the test identity provider: `roles` is what the provider puts in the `roles` claim. */
export interface TTestAccount {
  id: string;
  name: string;
  roles: string[];
}

/** A real OpenID Connect provider (oidc-provider) on a free port, with one confidential client for Sahkan. */
export interface TTestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A public client (no secret) with the same redirect URIs. */
  publicClientId: string;
  /** The resource indicator (RFC 8707) of Sahkan's API: access tokens for it are JWTs with this audience. */
  apiResource: string;
  /** Another resource server at the same provider, whose tokens Sahkan's API must refuse. */
  otherResource: string;
  /** The provider's own signing key, for tokens the provider would sign but did not (an expired one). */
  signingKey: { privateKey: CryptoKey; kid: string };
  /** Who the next login interaction signs in, as if that person typed a password there; `deny`: they cancel. */
  nextLogin(accountId: string | 'deny'): void;
  stop(): Promise<void>;
}

export async function startTestIdentityProvider(opts: { redirectUri: string; postLogoutRedirectUri: string; accounts: TTestAccount[] }): Promise<TTestIdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const apiResource = `${issuer.replace('localhost', 'sahkan.localhost')}/api/v1`;
  const otherResource = 'http://other.localhost/api';
  const kid = 'test-signing-key';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const accountOf = (id: string) => opts.accounts.find((a) => a.id === id);
  let next: string | 'deny' = opts.accounts[0]!.id;
  const clientSecret = 'test-client-secret-of-at-least-thirty-two-characters';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'sahkan',
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [opts.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      // The same registration as a public client: no secret, PKCE alone binds the code to the sign-in.
      {
        client_id: 'sahkan-public',
        token_endpoint_auth_method: 'none',
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [opts.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    findAccount: async (_ctx, id) => {
      const account = accountOf(id);
      return account && { accountId: id, claims: async () => ({ sub: id, name: account.name, roles: account.roles }) };
    },
    // Roles come with the `openid` scope, as a provider configured for Sahkan would release them.
    claims: { openid: ['sub', 'roles'], profile: ['name', 'preferred_username'] },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Access tokens carry the roles too, the way an API gateway or Keycloak's role mappers put them there.
    extraTokenClaims: async (_ctx, token) => (token.kind === 'AccessToken' && token.accountId ? { roles: accountOf(token.accountId)?.roles } : undefined),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== apiResource && indicator !== otherResource) throw new errors.InvalidTarget();
          return { scope: 'api', audience: indicator, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 300, Session: 3600, Grant: 3600 },
  });

  // The login and consent pages, answered at once: login as `next` (or the person cancels), consent to what was asked.
  async function interact(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const result = next === 'deny' ? { error: 'access_denied', error_description: 'the person cancelled' } : { login: { accountId: next } };
      return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    interact(req, res).catch((err: Error) => {
      res.statusCode = 500;
      res.end(err.message);
    });
  });
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => process.stderr.write(`test identity provider: ${err.stack}\n`));

  return {
    issuer,
    clientId: 'sahkan',
    clientSecret,
    publicClientId: 'sahkan-public',
    apiResource,
    otherResource,
    signingKey: { privateKey, kid },
    nextLogin: (accountId) => void (next = accountId),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The accounts of the OIDC suites: an applicant, a reviewer, and a colleague with none of Sahkan's roles. */
export const OIDC_TEST_ACCOUNTS: TTestAccount[] = [
  { id: 'oidc-siti', name: 'Siti Rahayu', roles: ['applicant', 'pegawai-kabupaten'] },
  { id: 'oidc-rina', name: 'Rina Wulandari', roles: ['reviewer:dinas-pupr'] },
  { id: 'oidc-tamu', name: 'Tamu Tanpa Peran', roles: ['pegawai-kabupaten', 'Reviewer'] },
];

/** Sahkan configured for the test provider, as api/main.ts builds it, served on a real port. */
export interface TOidcApp {
  provider: TTestIdentityProvider;
  idp: TIdentityProvider;
  /** `http://localhost:<port>`, also SAHKAN_PUBLIC_URL (the redirect URI registered at the provider). */
  appUrl: string;
  server: http.Server;
  /** The HS256 secret of the harness's development tokens. */
  jwtSecret: string;
  stop(): Promise<void>;
}

/**
 * The shared harness's records, Temporal client and catalogue behind an app whose sign-in and Bearer tokens go
 * through a fresh test provider (as its confidential client, or its public one); development users off, as in production.
 */
export async function startOidcApp(opts: { publicClient?: boolean; signInPerIp?: number } = {}): Promise<TOidcApp> {
  const h = harness();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const appUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const provider = await startTestIdentityProvider({ redirectUri: appUrl + OIDC_CALLBACK_PATH, postLogoutRedirectUri: `${appUrl}/`, accounts: OIDC_TEST_ACCOUNTS });
  const jwtSecret = new TextDecoder().decode(h.jwtSecret);
  const config = loadConfig({
    SAHKAN_DATA_DIR: h.dataDir,
    JWT_SECRET: jwtSecret,
    SAHKAN_OIDC_ISSUER: provider.issuer,
    SAHKAN_OIDC_CLIENT_ID: opts.publicClient ? provider.publicClientId : provider.clientId,
    SAHKAN_OIDC_CLIENT_SECRET: opts.publicClient ? undefined : provider.clientSecret,
    SAHKAN_OIDC_AUDIENCE: provider.apiResource,
  });
  const idp = identityProvider(oidcSettingsOf(config)!);
  // The harness's limits (raised), or a low sign-in limit for the test of that limit.
  const limits = opts.signInPerIp === undefined ? h.apiDeps.limits : { ...h.apiDeps.limits!, rate: { ...h.apiDeps.limits!.rate, signInPerIp: opts.signInPerIp } };
  const app = createApp({ ...h.apiDeps, limits, publicUrl: appUrl, verifyToken: tokenVerifierFor(config, idp), web: { ...h.apiDeps.web, devUsers: undefined, identityProvider: idp } });
  server.on('request', app);
  return {
    provider,
    idp,
    appUrl,
    server,
    jwtSecret,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await provider.stop();
    },
  };
}

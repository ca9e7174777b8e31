import type http from 'node:http';
import { expect } from 'chai';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { tokenVerifierFor } from '../../api/auth';
import { identityProvider } from '../../api/identity-provider';
import type { TIdentityProvider } from '../../api/identity-provider';
import { loadConfig } from '../../config/env';
import { OIDC_CALLBACK_PATH } from '../../web/routes/oidc-sign-in.route';
import { harness } from '../harness/harness';
import { startOidcApp } from '../harness/identity-provider';
import type { TOidcApp, TTestIdentityProvider } from '../harness/identity-provider';
import { csrfOf } from '../harness/web';

/**
 * A browser as plain HTTP: one cookie jar per origin (supertest agents), redirects followed by hand so that a test
 * can stop at any hop (the return to our callback) and look at it.
 */
class Browser {
  private readonly agents = new Map<string, supertest.Agent>();
  /** Every URL visited, in order. */
  readonly visited: string[] = [];

  async get(url: string): Promise<supertest.Response> {
    const target = new URL(url);
    this.visited.push(target.href);
    let agent = this.agents.get(target.origin);
    if (!agent) this.agents.set(target.origin, (agent = supertest.agent(target.origin)));
    return agent.get(target.pathname + target.search).redirects(0);
  }

  async post(url: string, form: Record<string, string>): Promise<supertest.Response> {
    const target = new URL(url);
    return this.agents.get(target.origin)!.post(target.pathname).type('form').send(form).redirects(0);
  }

  /** Follows redirects from `url` until an answer that is not one, or until `stopAt` says the next hop is far enough. */
  async follow(url: string, stopAt: (next: string) => boolean = () => false): Promise<{ url: string; res: supertest.Response }> {
    let current = url;
    for (let hop = 0; hop < 15; hop++) {
      const res = await this.get(current);
      const location = res.headers.location as string | undefined;
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      current = new URL(location, current).href;
      if (stopAt(current)) return { url: current, res };
    }
    throw new Error(`more than 15 redirects: ${this.visited.join(' → ')}`);
  }
}

/** From our sign-in link through the provider's login and consent: where the provider sends the person back. */
async function signInThroughProvider({ provider, appUrl }: TOidcApp, browser: Browser, accountId: string | 'deny', back: string): Promise<string> {
  provider.nextLogin(accountId);
  const signInPage = await browser.get(`${appUrl}/masuk?kembali=${encodeURIComponent(back)}`);
  expect(signInPage.status).to.equal(200);
  const link = /href="(\/masuk\/oidc\?[^"]+)" data-action="sign-in-oidc"/.exec(signInPage.text)?.[1];
  expect(link, 'the identity provider sign-in link').to.be.a('string');
  const { url } = await browser.follow(appUrl + link!.replace(/&amp;/g, '&'), (next) => next.startsWith(appUrl + OIDC_CALLBACK_PATH));
  expect(url.startsWith(appUrl + OIDC_CALLBACK_PATH), url).to.equal(true);
  return url;
}

describe('sign-in through the regency identity provider (OpenID Connect against a real oidc-provider)', function () {
  let oidcApp: TOidcApp;
  let provider: TTestIdentityProvider;
  let idp: TIdentityProvider;
  let server: http.Server;
  let appUrl: string;

  before(async () => {
    oidcApp = await startOidcApp();
    ({ provider, idp, server, appUrl } = oidcApp);
  });

  after(() => oidcApp?.stop());

  const throughProvider = (browser: Browser, accountId: string | 'deny', back: string) => signInThroughProvider(oidcApp, browser, accountId, back);

  describe('pages', () => {
    it('offers the regency account on /masuk (no development users), and signs an applicant in with PKCE, state and nonce, back where they started', async () => {
      const browser = new Browser();
      const start = await browser.get(`${appUrl}/permohonan`);
      expect(start.status).to.equal(303);
      const page = await browser.get(`${appUrl}/masuk?kembali=%2Fpermohonan`);
      expect(page.text).to.contain('Masuk dengan akun Pemerintah Kabupaten').and.not.contain('data-user=');

      const callback = await throughProvider(browser, 'oidc-siti', '/permohonan');
      const authorize = new URL(browser.visited.find((u) => u.startsWith(`${provider.issuer}/auth?`))!);
      expect(authorize.searchParams.get('code_challenge_method')).to.equal('S256');
      expect(authorize.searchParams.get('code_challenge')).to.match(/^[\w-]{43}$/);
      expect(authorize.searchParams.get('state')).to.have.length.above(20);
      expect(authorize.searchParams.get('nonce')).to.have.length.above(20);
      expect(authorize.searchParams.get('redirect_uri')).to.equal(appUrl + OIDC_CALLBACK_PATH);

      const done = await browser.follow(callback);
      expect(done.url).to.equal(`${appUrl}/permohonan`);
      expect(done.res.status).to.equal(200);
      expect(done.res.text).to.contain('Masuk sebagai Siti Rahayu');
      // The same callback a second time finds no sign-in waiting for it.
      const replay = await browser.get(callback);
      expect(replay.status).to.equal(400);
    });

    it('signs a reviewer in with the role of the claim, who then sees their tasks', async () => {
      const browser = new Browser();
      const done = await browser.follow(await throughProvider(browser, 'oidc-rina', '/tugas'));
      expect(done.url).to.equal(`${appUrl}/tugas`);
      expect(done.res.status).to.equal(200);
      expect(done.res.text).to.contain('Masuk sebagai Rina Wulandari');
    });

    it('refuses a forged state, a cancelled login and an account without any of our roles: the sign-in page with a message and 400', async () => {
      const forged = new Browser();
      const callback = new URL(await throughProvider(forged, 'oidc-siti', '/permohonan'));
      callback.searchParams.set('state', 'forged-state-value-0123456789');
      const refused = await forged.get(callback.href);
      expect(refused.status).to.equal(400);
      expect(refused.text).to.contain('Masuk melalui penyedia identitas tidak berhasil').and.not.match(/\bat .+\.(ts|js):\d+/);
      expect((await forged.get(`${appUrl}/permohonan`)).status, 'still signed out').to.equal(303);

      const cancelled = new Browser();
      const denied = await cancelled.get(await throughProvider(cancelled, 'deny', '/'));
      expect(denied.status).to.equal(400);
      expect(denied.text).to.contain('Masuk dibatalkan di penyedia identitas');

      const guest = new Browser();
      const noRoles = await guest.get(await throughProvider(guest, 'oidc-tamu', '/'));
      expect(noRoles.status).to.equal(400);
      expect(noRoles.text).to.contain('Akun Anda belum memiliki peran di Sahkan');
      expect((await guest.get(`${appUrl}/permohonan`)).status, 'still signed out').to.equal(303);
    });

    it('returns only to a path of this site after signing in', async () => {
      const browser = new Browser();
      const done = await browser.follow(await throughProvider(browser, 'oidc-siti', '//evil.example/permohonan'));
      expect(done.url).to.equal(`${appUrl}/`);
      expect(done.res.text).to.contain('Masuk sebagai Siti Rahayu');
    });

    it('signs out here, then at the provider with the ID token as a hint and our home page to come back to', async () => {
      const browser = new Browser();
      await browser.follow(await throughProvider(browser, 'oidc-siti', '/'));
      const home = await browser.get(`${appUrl}/`);
      expect(home.text).to.contain('Keluar');
      const out = await browser.post(`${appUrl}/keluar`, { _csrf: csrfOf(home.text) });
      expect(out.status).to.equal(303);
      const endSession = new URL(out.headers.location as string);
      expect(endSession.origin).to.equal(provider.issuer);
      const idToken = decodeJwt(endSession.searchParams.get('id_token_hint')!);
      expect(idToken.sub).to.equal('oidc-siti');
      // This provider keeps `profile` claims out of the ID token of a code flow: the page's "Siti Rahayu" came from
      // userinfo. The roles came in the ID token, the unknown string with them (Sahkan dropped it).
      expect(idToken.name).to.equal(undefined);
      expect(idToken.roles).to.deep.equal(['applicant', 'pegawai-kabupaten']);
      expect(endSession.searchParams.get('post_logout_redirect_uri')).to.equal(`${appUrl}/`);
      expect((await browser.get(`${appUrl}/permohonan`)).status, 'signed out here').to.equal(303);
      // The provider accepts the request: its confirmation page, not an error.
      const atProvider = await browser.get(endSession.href);
      expect(atProvider.status).to.equal(200);
      expect(home.headers['content-security-policy']).to.contain(`form-action 'self' ${provider.issuer}`);
    });
  });

  describe('API', () => {
    /** An access token for `resource` from a code flow at the provider (what a staff client or gateway would hold). */
    async function accessToken(accountId: string, resource: string): Promise<string> {
      const client = await idp.client();
      const browser = new Browser();
      provider.nextLogin(accountId);
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const start = oidc.buildAuthorizationUrl(client, {
        redirect_uri: appUrl + OIDC_CALLBACK_PATH,
        scope: 'openid api',
        resource,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
      });
      const { url } = await browser.follow(start.href, (next) => next.startsWith(appUrl));
      const tokens = await oidc.authorizationCodeGrant(client, new URL(url), { pkceCodeVerifier: codeVerifier, expectedState: state }, { resource });
      return tokens.access_token;
    }

    const api = () => supertest(server);

    it("accepts the provider's JWT access token for our API's audience, with the roles of its claim", async () => {
      const token = await accessToken('oidc-rina', provider.apiResource);
      const claims = decodeJwt(token);
      expect(claims.aud).to.equal(provider.apiResource);
      expect(claims.roles).to.deep.equal(['reviewer:dinas-pupr']);
      const res = await api().get('/api/v1/tasks').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body.items).to.be.an('array');
    });

    it('refuses a token for another audience, one signed by another key, an expired one (401) and one without our roles (403 naming the claim)', async () => {
      const expectRefused = async (token: string, status: number, message: RegExp) => {
        const res = await api().get('/api/v1/tasks').set('Authorization', `Bearer ${token}`).expect(status);
        expect(res.body.error.message).to.match(message);
        expect(JSON.stringify(res.body)).to.not.match(/\bat .+\.(ts|js):\d+/);
      };
      await expectRefused(await accessToken('oidc-rina', provider.otherResource), 401, /invalid or expired/);

      const claims = { roles: ['reviewer:dinas-pupr'] };
      const signed = (key: CryptoKey, kid: string, expiresAt: number) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid })
          .setIssuer(provider.issuer)
          .setAudience(provider.apiResource)
          .setSubject('oidc-rina')
          .setIssuedAt(expiresAt - 300)
          .setExpirationTime(expiresAt)
          .sign(key);
      const now = Math.floor(Date.now() / 1000);
      const stranger = await generateKeyPair('RS256');
      await expectRefused(await signed(stranger.privateKey, provider.signingKey.kid, now + 300), 401, /invalid or expired/);
      await expectRefused(await signed(provider.signingKey.privateKey, provider.signingKey.kid, now - 60), 401, /invalid or expired/);
      // The provider's key and a fresh expiry pass: the two refusals above were for the key and the time.
      await api().get('/api/v1/tasks').set('Authorization', `Bearer ${await signed(provider.signingKey.privateKey, provider.signingKey.kid, now + 300)}`).expect(200);

      await expectRefused(await accessToken('oidc-tamu', provider.apiResource), 403, /roles: none of Sahkan's roles/);
    });

    it("refuses Sahkan's own HS256 development tokens while development users are off, and takes both kinds when they are on", async () => {
      const h = harness();
      await api().get('/api/v1/tasks').set('Authorization', await h.token('rahmat')).expect(401);
      const withDevUsers = loadConfig({ SAHKAN_DATA_DIR: h.dataDir, JWT_SECRET: oidcApp.jwtSecret, SAHKAN_DEV_USERS: 'true', SAHKAN_OIDC_ISSUER: provider.issuer, SAHKAN_OIDC_CLIENT_ID: provider.clientId, SAHKAN_OIDC_AUDIENCE: provider.apiResource });
      const verify = tokenVerifierFor(withDevUsers, idp);
      expect((await verify((await h.token('rahmat')).slice('Bearer '.length))).userId).to.equal('rahmat');
      expect((await verify(await accessToken('oidc-rina', provider.apiResource))).userId).to.equal('oidc-rina');
    });
  });
});

describe('sign-in through the regency identity provider as a public client (no secret: PKCE alone)', () => {
  let oidcApp: TOidcApp;
  before(async () => void (oidcApp = await startOidcApp({ publicClient: true })));
  after(() => oidcApp?.stop());

  it('signs a reviewer in without a client secret', async () => {
    const browser = new Browser();
    const done = await browser.follow(await signInThroughProvider(oidcApp, browser, 'oidc-rina', '/tugas'));
    expect(done.url).to.equal(`${oidcApp.appUrl}/tugas`);
    expect(done.res.text).to.contain('Masuk sebagai Rina Wulandari');
  });
});

describe('sign-in through the regency identity provider while the provider is unreachable', () => {
  it('answers 503 with Retry-After, for the sign-in page and for a Bearer token, never 500', async () => {
    const h = harness();
    const settings = { issuer: 'http://localhost:9/realms/down', clientId: 'sahkan', rolesClaim: 'roles', userClaim: 'sub', audience: 'sahkan' };
    const down = identityProvider(settings);
    const config = loadConfig({ SAHKAN_DATA_DIR: h.dataDir, SAHKAN_OIDC_ISSUER: settings.issuer, SAHKAN_OIDC_CLIENT_ID: settings.clientId });
    const app = createApp({ ...h.apiDeps, verifyToken: tokenVerifierFor(config, down), web: { ...h.apiDeps.web, devUsers: undefined, identityProvider: down } });
    const page = await supertest(app).get('/masuk/oidc').expect(503).expect('Content-Type', /html/);
    expect(page.headers['retry-after']).to.equal('30');
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ roles: ['applicant'] }).setProtectedHeader({ alg: 'RS256' }).setSubject('u').setExpirationTime('5m').sign(privateKey);
    const api = await supertest(app).get('/api/v1/tasks').set('Authorization', `Bearer ${token}`).expect(503);
    expect(api.body.error.code).to.equal('UNAVAILABLE');
  });
});

describe('sign-in through the identity provider, rate-limited per address like the password sign-in', function () {
  let limited: TOidcApp;
  before(async () => {
    limited = await startOidcApp({ signInPerIp: 2 });
  });
  after(() => limited?.stop());

  it('sends two starts from one address on to the provider and answers the third with 429 and Retry-After', async () => {
    const start = () => supertest(limited.appUrl).get('/masuk/oidc?kembali=%2F').redirects(0);
    for (let i = 0; i < 2; i++) {
      const res = await start();
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.match(new RegExp(`^${limited.provider.issuer}`));
    }
    const refused = await start();
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    expect(refused.headers.location).to.equal(undefined);
  });
});

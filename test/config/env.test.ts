import path from 'node:path';
import { expect } from 'chai';
import { loadConfig, oidcSettingsOf } from '../../config/env';

describe('config/env', () => {
  it('leaves development users off unless SAHKAN_DEV_USERS=true (a production configuration never seeds signers)', () => {
    expect(loadConfig({}).SAHKAN_DEV_USERS).to.equal(false);
    expect(loadConfig({ SAHKAN_DEV_USERS: 'false' }).SAHKAN_DEV_USERS).to.equal(false);
    expect(loadConfig({ SAHKAN_DEV_USERS: 'true' }).SAHKAN_DEV_USERS).to.equal(true);
  });

  it('names SAHKAN_DEV_USERS when its value is neither true nor false', () => {
    expect(() => loadConfig({ SAHKAN_DEV_USERS: 'yes' })).to.throw(/SAHKAN_DEV_USERS: must be true or false/);
  });

  it('opens the records in SQLite under the data folder unless SAHKAN_DATABASE_URL names a PostgreSQL database', () => {
    expect(loadConfig({ SAHKAN_DATA_DIR: '/srv/sahkan' }).recordsLocation).to.equal(path.join('/srv/sahkan', 'records.db'));
    const url = 'postgres://sahkan:secret@db.internal:5432/sahkan';
    expect(loadConfig({ SAHKAN_DATABASE_URL: url }).recordsLocation).to.equal(url);
    expect(() => loadConfig({ SAHKAN_DATABASE_URL: 'mysql://db/sahkan' })).to.throw(/SAHKAN_DATABASE_URL: must be a postgres:\/\/… or postgresql:\/\/… URL/);
  });

  it('takes the identity provider settings together, with defaults for the claims and the audience', () => {
    expect(oidcSettingsOf(loadConfig({}))).to.equal(undefined);
    const issuer = 'https://sso.example-kabupaten.go.id/realms/pemkab';
    expect(oidcSettingsOf(loadConfig({ SAHKAN_OIDC_ISSUER: issuer, SAHKAN_OIDC_CLIENT_ID: 'sahkan' }))).to.deep.equal({
      issuer,
      clientId: 'sahkan',
      clientSecret: undefined,
      rolesClaim: 'roles',
      userClaim: 'sub',
      audience: 'sahkan',
    });
    const keycloak = loadConfig({ SAHKAN_OIDC_ISSUER: issuer, SAHKAN_OIDC_CLIENT_ID: 'sahkan', SAHKAN_OIDC_ROLES_CLAIM: 'realm_access.roles', SAHKAN_OIDC_AUDIENCE: 'sahkan-api' });
    expect(oidcSettingsOf(keycloak)).to.include({ rolesClaim: 'realm_access.roles', audience: 'sahkan-api' });
  });

  it('names the variable when the identity provider settings are incomplete or the issuer is plain http off this machine', () => {
    expect(() => loadConfig({ SAHKAN_OIDC_ISSUER: 'https://sso.example.go.id' })).to.throw(/SAHKAN_OIDC_CLIENT_ID: required when SAHKAN_OIDC_ISSUER is set/);
    expect(() => loadConfig({ SAHKAN_OIDC_CLIENT_ID: 'sahkan' })).to.throw(/SAHKAN_OIDC_ISSUER: required when SAHKAN_OIDC_CLIENT_ID is set/);
    expect(() => loadConfig({ SAHKAN_OIDC_ROLES_CLAIM: 'groups' })).to.throw(/SAHKAN_OIDC_ISSUER: required when SAHKAN_OIDC_ROLES_CLAIM is set/);
    expect(() => loadConfig({ SAHKAN_OIDC_ISSUER: 'http://sso.example.go.id', SAHKAN_OIDC_CLIENT_ID: 'sahkan' })).to.throw(/SAHKAN_OIDC_ISSUER: must be an https:\/\/ URL \(http only for localhost\)/);
    expect(() => loadConfig({ SAHKAN_OIDC_ISSUER: 'not a url', SAHKAN_OIDC_CLIENT_ID: 'sahkan' })).to.throw(/SAHKAN_OIDC_ISSUER: must be an https:\/\/ URL/);
    expect(loadConfig({ SAHKAN_OIDC_ISSUER: 'http://localhost:8080/realms/dev', SAHKAN_OIDC_CLIENT_ID: 'sahkan' }).SAHKAN_OIDC_ISSUER).to.equal('http://localhost:8080/realms/dev');
  });

  it('takes a metrics token of 32 characters or more, and worker metrics ports that differ', () => {
    expect(() => loadConfig({ SAHKAN_METRICS_TOKEN: 'short' })).to.throw(/SAHKAN_METRICS_TOKEN must be at least 32 characters/);
    expect(loadConfig({}).SAHKAN_WORKER_METRICS_PORT).to.equal(undefined);
    expect(loadConfig({}).SAHKAN_WORKER_METRICS_HOST).to.equal('127.0.0.1');
    expect(loadConfig({ SAHKAN_WORKER_METRICS_PORT: '9464', SAHKAN_WORKER_APP_METRICS_PORT: '9465' }).SAHKAN_WORKER_APP_METRICS_PORT).to.equal(9465);
    expect(() => loadConfig({ SAHKAN_WORKER_METRICS_PORT: '9464', SAHKAN_WORKER_APP_METRICS_PORT: '9464' })).to.throw(/must differ/);
    expect(() => loadConfig({ SAHKAN_WORKER_METRICS_PORT: '0' })).to.throw(/SAHKAN_WORKER_METRICS_PORT/);
    expect(() => loadConfig({ SAHKAN_WORKER_METRICS_HOST: 'localhost' })).to.throw(/SAHKAN_WORKER_METRICS_HOST: must be an IP address/);
  });

  it('bounds the worker’s workflow cache and heap by default, and refuses more running workflow tasks than the cache holds', () => {
    const defaults = loadConfig({});
    expect([defaults.SAHKAN_WORKER_MAX_CACHED_WORKFLOWS, defaults.SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS, defaults.SAHKAN_WORKER_WORKFLOW_HEAP_MB]).to.deep.equal([20, 10, 128]);
    expect(loadConfig({ SAHKAN_WORKER_MAX_CACHED_WORKFLOWS: '500', SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' }).SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS).to.equal(40);
    expect(() => loadConfig({ SAHKAN_WORKER_MAX_CACHED_WORKFLOWS: '5' })).to.throw(/SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed SAHKAN_WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => loadConfig({ SAHKAN_WORKER_MAX_CACHED_WORKFLOWS: '1' })).to.throw(/SAHKAN_WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => loadConfig({ SAHKAN_WORKER_WORKFLOW_HEAP_MB: '32' })).to.throw(/SAHKAN_WORKER_WORKFLOW_HEAP_MB/);
  });
});

describe('config/env with NODE_ENV=production', () => {
  const production = { NODE_ENV: 'production', SAHKAN_PUBLIC_URL: 'https://izin.example.go.id' };

  it('refuses development users, naming SAHKAN_DEV_USERS', () => {
    expect(loadConfig(production).SAHKAN_DEV_USERS).to.equal(false);
    expect(() => loadConfig({ ...production, SAHKAN_DEV_USERS: 'true' })).to.throw(/SAHKAN_DEV_USERS: development users cannot be enabled with NODE_ENV=production/);
  });

  it('requires SAHKAN_PUBLIC_URL, which the QR codes print (development keeps the localhost default)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/SAHKAN_PUBLIC_URL: required with NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'development' }).SAHKAN_PUBLIC_URL).to.equal('http://localhost:3000');
  });

  it('names NODE_ENV when its value is none of development, production and test', () => {
    expect(() => loadConfig({ NODE_ENV: 'prod' })).to.throw(/NODE_ENV: must be development, production or test/);
  });
});

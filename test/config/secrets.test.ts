import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../config/env';
import { loadGrantKey, loadJwtSecret, loadPayloadKeyRing, loadPkiKey, loadTrackingKey, loadSessionSecret } from '../../config/secrets';

describe('config/secrets', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-secrets-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('outside production generates each secret once into the data folder (mode 0600) and reads it back', () => {
    const config = loadConfig({ SAHKAN_DATA_DIR: dataDir });
    const first = Buffer.from(loadJwtSecret(config));
    expect(Buffer.from(loadJwtSecret(config)).equals(first)).to.equal(true);
    expect(fs.statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).to.equal(0o600);
    loadSessionSecret(config);
    loadPayloadKeyRing(config);
    expect(fs.readdirSync(dataDir).sort()).to.deep.equal(['jwt-secret', 'payload-key', 'session-secret']);
  });

  describe('with NODE_ENV=production', () => {
    const production = () => ({ NODE_ENV: 'production', SAHKAN_PUBLIC_URL: 'https://izin.example.go.id', SAHKAN_DATA_DIR: dataDir });

    it('stops naming the variable of each unset secret and writes nothing into the data folder', () => {
      const config = loadConfig(production());
      const loads: Array<[string, () => unknown]> = [
        ['JWT_SECRET', () => loadJwtSecret(config)],
        ['SAHKAN_SESSION_SECRET', () => loadSessionSecret(config)],
        ['SAHKAN_GRANT_SECRET', () => loadGrantKey(config)],
        ['SAHKAN_PKI_SECRET', () => loadPkiKey(config)],
        ['SAHKAN_TRACKING_SECRET', () => loadTrackingKey(config)],
        ['SAHKAN_PAYLOAD_KEYS', () => loadPayloadKeyRing(config)],
      ];
      for (const [variable, load] of loads) expect(load, variable).to.throw(new RegExp(`${variable}: required with NODE_ENV=production`));
      expect(fs.readdirSync(dataDir)).to.deep.equal([]);
    });

    it('uses the configured secrets', () => {
      const secret = 'a-production-secret-of-at-least-32-characters';
      const key = Buffer.alloc(32, 7).toString('base64');
      const config = loadConfig({ ...production(), JWT_SECRET: secret, SAHKAN_SESSION_SECRET: secret, SAHKAN_PAYLOAD_KEYS: `k1:${key}` });
      expect(Buffer.from(loadJwtSecret(config)).toString('utf8')).to.equal(secret);
      expect(loadSessionSecret(config)).to.equal(secret);
      expect(loadPayloadKeyRing(config).encryptWith).to.equal('k1');
      expect(fs.readdirSync(dataDir)).to.deep.equal([]);
    });
  });
});

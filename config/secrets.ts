import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TConfig } from './env';
import type { TPayloadKeyRing } from './payload-codec';

/** Each secret's environment variable and the file of the data folder it is generated into outside production. */
const GENERATED_FILES = {
  JWT_SECRET: 'jwt-secret',
  SAHKAN_GRANT_SECRET: 'grant-secret',
  SAHKAN_PKI_SECRET: 'pki-secret',
  SAHKAN_SESSION_SECRET: 'session-secret',
  SAHKAN_PAYLOAD_KEYS: 'payload-key',
  SAHKAN_TRACKING_SECRET: 'tracking-secret',
} as const;

/**
 * A secret from the environment, or outside production one generated once into the data folder (mode 0600), so that
 * the API and the worker of one installation share it without configuration. With NODE_ENV=production it must be
 * set: a generated one would differ between machines and would lie next to the records it protects in every backup.
 */
export function loadOrCreateSecret(config: TConfig, variable: keyof typeof GENERATED_FILES, fromEnv: string | undefined): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  if (config.NODE_ENV === 'production') {
    throw new Error(`Invalid configuration:\n  ${variable}: required with NODE_ENV=production (secrets are never generated into the data folder there)`);
  }
  const file = path.join(config.dataDir, GENERATED_FILES[variable]);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // Written aside, then linked into place: a process starting at the same moment never reads a half-written
    // (empty) secret, and link() fails with EEXIST when another process placed its secret first.
    const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process wrote it first
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}

export const loadJwtSecret = (config: TConfig): Uint8Array => loadOrCreateSecret(config, 'JWT_SECRET', config.JWT_SECRET);

/** The AES-256 key that seals signing grants: 32 bytes derived from the configured or generated secret. */
export const loadGrantKey = (config: TConfig): Buffer =>
  crypto.createHash('sha256').update(loadOrCreateSecret(config, 'SAHKAN_GRANT_SECRET', config.SAHKAN_GRANT_SECRET)).digest();

/**
 * The AES-256 key that seals the office CA's and seal's private keys in the records database: 32 bytes derived from
 * SAHKAN_PKI_SECRET, or in development from one generated into the data folder. Only the worker and scripts/pki.ts load it.
 */
export const loadPkiKey = (config: TConfig): Buffer =>
  crypto.createHash('sha256').update(loadOrCreateSecret(config, 'SAHKAN_PKI_SECRET', config.SAHKAN_PKI_SECRET)).digest();

/** Derives the applicants' tracking PINs (store/tracking-pin.ts): the API checks them, the worker mails them. */
export const loadTrackingKey = (config: TConfig): Buffer =>
  crypto.createHash('sha256').update(loadOrCreateSecret(config, 'SAHKAN_TRACKING_SECRET', config.SAHKAN_TRACKING_SECRET)).digest();

/** Signs the web session cookie; generated once into the data folder in development like the JWT secret. */
export const loadSessionSecret = (config: TConfig): string => loadOrCreateSecret(config, 'SAHKAN_SESSION_SECRET', config.SAHKAN_SESSION_SECRET).toString('utf8');

export const LOCAL_PAYLOAD_KEY_ID = 'local';

/**
 * The payload key ring (config/payload-codec.ts): SAHKAN_PAYLOAD_KEYS, or in development one key `local` generated
 * into the data folder, shared by the API, the workers and the test harness of that folder.
 */
export function loadPayloadKeyRing(config: TConfig): TPayloadKeyRing {
  if (config.SAHKAN_PAYLOAD_KEYS) return config.SAHKAN_PAYLOAD_KEYS;
  const key = Buffer.from(loadOrCreateSecret(config, 'SAHKAN_PAYLOAD_KEYS', undefined).toString('utf8'), 'base64url');
  return { keys: new Map([[LOCAL_PAYLOAD_KEY_ID, key]]), encryptWith: LOCAL_PAYLOAD_KEY_ID };
}

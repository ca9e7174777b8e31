import fs from 'node:fs';
import path from 'node:path';
import type { TOffice } from '../../domain/certificate-layout.schema';
import { createCrl, createRootCa, type CaMaterial, type RevokedEntry } from './pki';

const CERT_FILE = 'office-root-ca.pem';
const KEY_FILE = 'office-root-ca.key';
const CRL_FILE = 'office.crl.pem';
/** A published CRL promises the next one within this time; every worker start and every revocation republishes. */
const CRL_VALIDITY_MS = 7 * 86_400_000;

/** Who the office CA names (office.json): "<short name> Root CA" of the office's government. */
export type TOfficeCaIdentity = Pick<TOffice, 'shortName' | 'government'>;

export const officeCaSubject = (office: TOfficeCaIdentity) => ({
  commonName: `${office.shortName} Root CA`,
  organization: office.government,
  country: 'ID',
});

/**
 * The office's root CA, kept as two files in `dir`: created on first use (named after `office`) (key file mode 0600, written with
 * O_EXCL so two processes starting together keep one CA). In production the key belongs in an HSM or with a
 * certified provider; this is the development and single-office default.
 */
export function loadOrCreateOfficeCa(dir: string, office: TOfficeCaIdentity): CaMaterial {
  return loadOrCreateKeyFiles(dir, { certFile: CERT_FILE, keyFile: KEY_FILE }, () => createRootCa({ ...officeCaSubject(office), validityYears: 10 }));
}

/**
 * A certificate and its unencrypted key kept as two files in `dir`, created by `create` on first use: the key file
 * (mode 0600) first, both with O_EXCL, so that two processes starting together keep the first one's pair.
 */
export function loadOrCreateKeyFiles(dir: string, files: { certFile: string; keyFile: string }, create: () => CaMaterial): CaMaterial {
  const certFile = path.join(dir, files.certFile);
  const keyFile = path.join(dir, files.keyFile);
  if (!fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = create();
    try {
      fs.writeFileSync(keyFile, pair.keyPem, { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(certFile, pair.certPem, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      waitForFile(certFile); // another process is writing the same pair
    }
  }
  return { certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8') };
}

/** The root certificate alone (for verification), or undefined before the CA exists. */
export function readOfficeRootPem(dir: string): string | undefined {
  const certFile = path.join(dir, CERT_FILE);
  return fs.existsSync(certFile) ? fs.readFileSync(certFile, 'utf8') : undefined;
}

/** Signs and publishes the CRL (empty when nothing is revoked) next to the CA, replacing the previous one at once. */
export function writeOfficeCrl(dir: string, ca: CaMaterial, revoked: RevokedEntry[]): string {
  const crl = createCrl({ ca, revoked, nextUpdate: new Date(Date.now() + CRL_VALIDITY_MS) });
  const file = path.join(dir, CRL_FILE);
  const draft = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(draft, crl);
  fs.renameSync(draft, file);
  return file;
}

/** The published CRL, or undefined before the first one is written. */
export function readOfficeCrlPem(dir: string): string | undefined {
  const file = path.join(dir, CRL_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function waitForFile(file: string): void {
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

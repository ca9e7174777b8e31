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
  const certFile = path.join(dir, CERT_FILE);
  const keyFile = path.join(dir, KEY_FILE);
  if (!fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const ca = createRootCa({ ...officeCaSubject(office), validityYears: 10 });
    try {
      fs.writeFileSync(keyFile, ca.keyPem, { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(certFile, ca.certPem, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      waitForFile(certFile); // another process is writing the same CA
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

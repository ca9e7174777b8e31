import fs from 'node:fs';
import path from 'node:path';
import type { TOffice } from '../../domain/certificate-layout.schema';
import { createCrl, createRootCa, type CaMaterial, type RevokedEntry } from './pki';

/** Where an installation from before the records database held the CA (`<dataDir>/pki`), imported once (worker/office-pki.ts). */
export const OFFICE_CA_FILES = { certFile: 'office-root-ca.pem', keyFile: 'office-root-ca.key' };
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
 * A new office root CA named after `office` (ten years). It is kept in the records database (store/office-pki.ts); in
 * production the key belongs in an HSM or with a certified provider: this is the development and single-office default.
 */
export function createOfficeCa(office: TOfficeCaIdentity): CaMaterial {
  return createRootCa({ ...officeCaSubject(office), validityYears: 10 });
}

/** The office CRL (empty when nothing is revoked), signed now, promising the next within CRL_VALIDITY_MS. */
export function signOfficeCrl(ca: CaMaterial, revoked: RevokedEntry[], now = new Date()): string {
  return createCrl({ ca, revoked, thisUpdate: now, nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS) });
}

/** A certificate and its key from the files an older installation kept in `dir`, or undefined when they are not both there. */
export function readKeyFiles(dir: string, files: { certFile: string; keyFile: string }): CaMaterial | undefined {
  const certFile = path.join(dir, files.certFile);
  const keyFile = path.join(dir, files.keyFile);
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) return undefined;
  return { certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8') };
}

import crypto from 'node:crypto';
import { createOfficeCa, OFFICE_CA_FILES, readKeyFiles, signOfficeCrl, type TOfficeCaIdentity } from '../documents/signing/office-ca';
import { createOfficeSealPair, OFFICE_SEAL_FILES, officeSealOf, type TOfficeSeal } from '../documents/signing/office-seal';
import { issueSignerCertificate } from '../documents/signing/pki';
import type { CaMaterial } from '../documents/signing/pki';
import type { Records } from '../store/records';
import type { TSignerCertificate } from '../store/signers';

/** The development passphrase of every seeded signer (documented in the README; never for production). */
export const DEV_SIGNER_PASSPHRASE = 'rahasia-dev-2026';

export interface TSignerUser {
  id: string;
  name: string;
  email: string;
}

/** The organisation the office CA names (its subject's O), which every signer it certifies belongs to. */
function caOrganization(ca: CaMaterial): string | undefined {
  const subject = new crypto.X509Certificate(ca.certPem).subject;
  return /^O=(.*)$/m.exec(subject)?.[1];
}

/** Issues a signer certificate from the office CA (in the CA's organisation) and stores it with its encrypted key. */
export async function issueSigner(records: Records, ca: CaMaterial, user: TSignerUser, passphrase: string): Promise<TSignerCertificate> {
  const organization = caOrganization(ca);
  const issued = issueSignerCertificate({
    ca,
    subject: { commonName: user.name, ...(organization ? { organization } : {}), email: user.email },
    passphrase,
    validityYears: 3,
  });
  const cert: TSignerCertificate = {
    serial: issued.serial,
    userId: user.id,
    commonName: user.name,
    certPem: issued.certPem,
    encryptedKeyPem: issued.encryptedKeyPem,
    notAfter: new Date(new crypto.X509Certificate(issued.certPem).validTo).toISOString(),
    issuedAt: new Date().toISOString(),
    revokedAt: null,
    revocationReason: null,
  };
  await records.signers.save(cert);
  return cert;
}

/**
 * The office root CA from the records database, created there on the first start (named after `office`). An
 * installation whose worker kept it as files in `pkiDir` has them imported instead, so that the signer certificates
 * already issued keep chaining to it.
 */
export function loadOrCreateOfficeCa(records: Records, pkiDir: string, office: TOfficeCaIdentity): Promise<CaMaterial> {
  return records.officePki.loadOrCreate('root-ca', () => readKeyFiles(pkiDir, OFFICE_CA_FILES) ?? createOfficeCa(office));
}

/** The office seal from the records database, created (or imported from `pkiDir`'s files) on the first start, like the CA. */
export async function loadOrCreateOfficeSeal(records: Records, pkiDir: string, ca: CaMaterial, office: TOfficeCaIdentity): Promise<TOfficeSeal> {
  const pair = await records.officePki.loadOrCreate('seal', () => readKeyFiles(pkiDir, OFFICE_SEAL_FILES) ?? createOfficeSealPair(ca, office));
  return officeSealOf(pair, ca, office);
}

/** Signs and publishes the office CRL from the revoked certificates in the records (an empty CRL when none); returns it. */
export async function publishOfficeCrl(records: Records, ca: CaMaterial): Promise<string> {
  const signedAt = new Date();
  const crl = signOfficeCrl(ca, await records.signers.revoked(), signedAt);
  await records.officePki.publishCrl(crl, signedAt);
  return crl;
}

/**
 * Every start: the office CA exists (named after `office` when it is created; imported from `pkiDir` when an older
 * installation kept it there) and a fresh signed CRL is published (so `GET /public/crl.pem` answers from the first
 * start). `devSigners` (only when development users are enabled, never in production) each get a certificate under
 * the development passphrase when they have none.
 */
export async function ensureOfficePki(records: Records, pkiDir: string, office: TOfficeCaIdentity, devSigners: TSignerUser[]): Promise<CaMaterial> {
  const ca = await loadOrCreateOfficeCa(records, pkiDir, office);
  for (const user of devSigners) {
    if (!(await records.signers.active(user.id))) await issueSigner(records, ca, user, DEV_SIGNER_PASSPHRASE);
  }
  await publishOfficeCrl(records, ca);
  return ca;
}

/** Seeded users who sign: heads of office now, contract parties later. */
export function signerUsers(users: Array<TSignerUser & { roles: string[] }>): TSignerUser[] {
  return users.filter((u) => u.roles.some((r) => /^(approver|ppk|vendor):/.test(r)));
}

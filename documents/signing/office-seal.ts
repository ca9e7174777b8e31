import crypto from 'node:crypto';
import type { TOfficeCaIdentity } from './office-ca';
import { signPdf } from './pades-sign';
import { issueSignerCertificate, unlockSignerKey, type CaMaterial } from './pki';

/** Where an installation from before the records database held the seal, beside the CA; imported once (worker/office-pki.ts). */
export const OFFICE_SEAL_FILES = { certFile: 'office-seal.pem', keyFile: 'office-seal.key' };
const SEAL_VALIDITY_YEARS = 5;

/** The name the seal's certificate carries (its subject's CN). */
export const officeSealName = (office: Pick<TOfficeCaIdentity, 'shortName'>): string => `Segel Elektronik ${office.shortName}`;

/**
 * The office's electronic seal (segel elektronik): an organisation certificate issued by the office CA, whose key
 * the worker holds. It signs what the office itself attests, with no person's passphrase: a lapsed case's report
 * (Berita Acara) now, the transparency log's tree heads later. Sign bytes with `sealBytes`, a PDF with `sealPdf`.
 */
export interface TOfficeSeal {
  name: string;
  certPem: string;
  /** The office root, embedded in every sealed PDF so that verifiers can build the chain. */
  chainPems: string[];
  key: crypto.KeyObject;
}

/** A new seal certificate from the office CA, its key unencrypted: no person unlocks it (kept sealed in the records database). */
export function createOfficeSealPair(ca: CaMaterial, office: TOfficeCaIdentity): CaMaterial {
  // Issued like a signer's certificate (the same key usages), then its key taken out of the passphrase envelope.
  const passphrase = crypto.randomBytes(24).toString('base64url');
  const issued = issueSignerCertificate({ ca, subject: { commonName: officeSealName(office), organization: office.government }, passphrase, validityYears: SEAL_VALIDITY_YEARS });
  const keyPem = unlockSignerKey(issued.encryptedKeyPem, passphrase).export({ type: 'pkcs8', format: 'pem' }) as string;
  return { certPem: issued.certPem, keyPem };
}

/** The seal from its stored pair, with the office root as its chain. */
export function officeSealOf(pair: CaMaterial, ca: CaMaterial, office: TOfficeCaIdentity): TOfficeSeal {
  return { name: officeSealName(office), certPem: pair.certPem, chainPems: [ca.certPem], key: crypto.createPrivateKey(pair.keyPem) };
}

/** An RSA-SHA256 signature of `bytes` under the seal (verify with the seal's certificate). */
export function sealBytes(seal: TOfficeSeal, bytes: Uint8Array): Buffer {
  return crypto.sign('sha256', bytes, seal.key);
}

/** The PDF with the seal's PAdES signature added (an incremental update when it is signed already). */
export function sealPdf(seal: TOfficeSeal, pdf: Uint8Array, opts: { reason: string; location: string; signedAt: Date }): Promise<Uint8Array> {
  return signPdf({ pdf, signer: { key: seal.key, certPem: seal.certPem, chainPems: seal.chainPems }, name: seal.name, ...opts });
}

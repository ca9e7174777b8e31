import crypto from 'node:crypto';
import { loadOrCreateKeyFiles, type TOfficeCaIdentity } from './office-ca';
import { signPdf } from './pades-sign';
import { issueSignerCertificate, unlockSignerKey, type CaMaterial } from './pki';

const CERT_FILE = 'office-seal.pem';
const KEY_FILE = 'office-seal.key';
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

/**
 * The seal, kept as two files beside the office CA in `dir`: created on first use (key mode 0600, O_EXCL, so two
 * processes starting together keep one seal), like the CA. In production its key belongs in an HSM.
 */
export function loadOrCreateOfficeSeal(dir: string, ca: CaMaterial, office: TOfficeCaIdentity): TOfficeSeal {
  const name = officeSealName(office);
  const pair = loadOrCreateKeyFiles(dir, { certFile: CERT_FILE, keyFile: KEY_FILE }, () => {
    // Issued like a signer's certificate (the same key usages), then kept unencrypted like the CA's key: no person unlocks it.
    const passphrase = crypto.randomBytes(24).toString('base64url');
    const issued = issueSignerCertificate({ ca, subject: { commonName: name, organization: office.government }, passphrase, validityYears: SEAL_VALIDITY_YEARS });
    const keyPem = unlockSignerKey(issued.encryptedKeyPem, passphrase).export({ type: 'pkcs8', format: 'pem' }) as string;
    return { certPem: issued.certPem, keyPem };
  });
  return { name, certPem: pair.certPem, chainPems: [ca.certPem], key: crypto.createPrivateKey(pair.keyPem) };
}

/** An RSA-SHA256 signature of `bytes` under the seal (verify with the seal's certificate). */
export function sealBytes(seal: TOfficeSeal, bytes: Uint8Array): Buffer {
  return crypto.sign('sha256', bytes, seal.key);
}

/** The PDF with the seal's PAdES signature added (an incremental update when it is signed already). */
export function sealPdf(seal: TOfficeSeal, pdf: Uint8Array, opts: { reason: string; location: string; signedAt: Date }): Promise<Uint8Array> {
  return signPdf({ pdf, signer: { key: seal.key, certPem: seal.certPem, chainPems: seal.chainPems }, name: seal.name, ...opts });
}

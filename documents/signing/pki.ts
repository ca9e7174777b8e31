/**
 * The office PKI: a root CA, signer certificates with passphrase-encrypted keys, and CRLs.
 *
 * Keys come from node:crypto (OpenSSL); node-forge only lays out certificate structures.
 * Every private-key operation goes through crypto.sign: forge's RSA is ~100x slower
 * and blocks the event loop (DESIGN.md, "Signing facts measured").
 */
import * as crypto from 'node:crypto';
import forge from 'node-forge';
import {
  Asn1Error,
  TAG,
  bytesOf,
  child,
  childrenOf,
  contentOf,
  integerHex,
  normalizeSerial,
  pemBlocks,
  readCertificateParts,
  readDer,
  readOid,
  toPem,
  type DerNode,
} from './der';
import { InvalidCrlError, WrongPassphraseError } from './errors';
import {
  algorithm,
  bitString,
  fromDer,
  integer,
  oid,
  octets,
  seq,
  serialInteger,
  taggedPrimitive,
  tagged,
  time,
  toDer,
  type Asn1,
} from './asn1-build';

export { WrongPassphraseError, InvalidCrlError } from './errors';

const { asn1 } = forge;

export interface CaMaterial {
  certPem: string;
  /** Unencrypted PKCS#8 PEM; the caller keeps it out of reach (it signs every certificate). */
  keyPem: string;
}

export interface RootCaOptions {
  commonName: string;
  organization: string;
  validityYears: number;
  /** ISO 3166 two-letter code, e.g. 'ID'. */
  country?: string;
  /** Defaults to now. */
  notBefore?: Date;
  /** Defaults to 3072. */
  keyBits?: number;
}

export interface SignerSubject {
  commonName: string;
  organization?: string;
  email?: string;
}

export interface IssueSignerOptions {
  ca: CaMaterial;
  subject: SignerSubject;
  passphrase: string;
  validityYears?: number;
  /** Defaults to now. */
  notBefore?: Date;
  /** Defaults to 2048 (at least 2048). */
  keyBits?: number;
}

export interface IssuedSigner {
  certPem: string;
  /** Encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2) under the signer's passphrase. */
  encryptedKeyPem: string;
  /** Lowercase hex without leading zeros, the form used by CRLs and verification. */
  serial: string;
}

export interface RevokedEntry {
  serial: string;
  revokedAt: Date;
}

export interface CreateCrlOptions {
  ca: CaMaterial;
  revoked: RevokedEntry[];
  nextUpdate: Date;
  /** Defaults to now. */
  thisUpdate?: Date;
  /** Monotonic CRL number; defaults to thisUpdate in seconds since the epoch. */
  crlNumber?: number;
}

const OID = {
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  authorityKeyIdentifier: '2.5.29.35',
  cRLNumber: '2.5.29.20',
  documentSigning: '1.3.6.1.5.5.7.3.36', // RFC 9336
};

export function createRootCa(options: RootCaOptions): CaMaterial {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: options.keyBits ?? 3072 });
  const subject = nameAttributes({ ...options });
  const notBefore = wholeSeconds(options.notBefore ?? new Date());
  const certPem = buildCertificate({
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    serialHex: randomSerial(),
    notBefore,
    notAfter: addYears(notBefore, options.validityYears),
    subject,
    issuer: subject,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
    signingKey: privateKey,
  });
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

export function issueSignerCertificate(options: IssueSignerOptions): IssuedSigner {
  const { ca, subject, passphrase } = options;
  if (!passphrase) throw new Error('a signer key needs a non-empty passphrase');
  const keyBits = options.keyBits ?? 2048;
  if (keyBits < 2048) throw new Error('signer keys must be at least 2048 bits');

  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = crypto.createPrivateKey(ca.keyPem);
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: keyBits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
  });
  const notBefore = wholeSeconds(options.notBefore ?? new Date());
  const serialHex = randomSerial();
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // emailProtection: NSS (pdfsig, Firefox) checks it for signer certificates.
    { name: 'extKeyUsage', emailProtection: true, [OID.documentSigning]: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ];
  if (subject.email) extensions.push({ name: 'subjectAltName', altNames: [{ type: 1, value: subject.email }] });

  const certPem = buildCertificate({
    publicKeyPem: publicKey,
    serialHex,
    notBefore,
    notAfter: addYears(notBefore, options.validityYears ?? 3),
    subject: nameAttributes(subject),
    issuer: caCert.subject.attributes,
    extensions,
    signingKey: caKey,
  });
  return { certPem, encryptedKeyPem: privateKey, serial: normalizeSerial(serialHex) };
}

/** Opens an encrypted signer key; any decryption failure means a wrong passphrase. */
export function unlockSignerKey(encryptedKeyPem: string, passphrase: string): crypto.KeyObject {
  if (!encryptedKeyPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new Error('expected an encrypted PKCS#8 private key');
  }
  try {
    return crypto.createPrivateKey({ key: encryptedKeyPem, format: 'pem', passphrase });
  } catch {
    // "bad decrypt" mostly, but a wrong key occasionally passes the padding check and fails later in parsing.
    throw new WrongPassphraseError();
  }
}

/** A v2 CRL signed by the CA (forge has no CRL builder, so the structure is laid out by hand). */
export function createCrl(options: CreateCrlOptions): string {
  const { ca, revoked, nextUpdate } = options;
  const thisUpdate = wholeSeconds(options.thisUpdate ?? new Date());
  const caDer = pemBlocks(ca.certPem, 'CERTIFICATE')[0];
  if (!caDer) throw new Error('CA certificate PEM expected');
  const caParts = readCertificateParts(caDer);
  const caForge = forge.pki.certificateFromPem(ca.certPem);

  const tbsItems: Asn1[] = [
    integer(1), // v2
    algorithm(OID.sha256WithRSAEncryption, true),
    fromDer(bytesOf(caDer, caParts.subject)),
    time(thisUpdate),
    time(nextUpdate),
  ];
  if (revoked.length > 0) {
    // RFC 5280: the list is absent, not empty, when nothing is revoked.
    tbsItems.push(
      seq(revoked.map((r) => seq([serialInteger(r.serial), time(wholeSeconds(r.revokedAt))]))),
    );
  }
  const aki = seq([taggedPrimitive(0, caForge.generateSubjectKeyIdentifier().getBytes())]);
  tbsItems.push(
    tagged(0, [
      seq([
        extension(OID.authorityKeyIdentifier, aki),
        extension(OID.cRLNumber, integer(options.crlNumber ?? Math.floor(thisUpdate.getTime() / 1000))),
      ]),
    ]),
  );

  const tbsDer = toDer(seq(tbsItems));
  const signature = crypto.sign('sha256', tbsDer, crypto.createPrivateKey(ca.keyPem));
  const crl = seq([fromDer(tbsDer), algorithm(OID.sha256WithRSAEncryption, true), bitString(signature)]);
  return toPem(toDer(crl), 'X509 CRL');
}

/** Revoked serials of a CRL, after checking it was issued and signed by the given CA. */
export function parseCrlSerials(crlPem: string, caCertPem: string): Set<string> {
  const der = pemBlocks(crlPem, 'X509 CRL')[0];
  if (!der) throw new InvalidCrlError('no X509 CRL PEM block');
  const caDer = pemBlocks(caCertPem, 'CERTIFICATE')[0];
  if (!caDer) throw new Error('CA certificate PEM expected');
  try {
    const [tbs, sigAlg, sigValue] = childrenOf(readDer(der), TAG.SEQUENCE);
    if (!tbs || !sigAlg || !sigValue) throw new Asn1Error('incomplete CRL');
    const fields = childrenOf(tbs, TAG.SEQUENCE);
    let i = fields[0]?.tag === TAG.INTEGER ? 1 : 0;
    i++; // signature algorithm inside tbs
    const issuer = child(fields, i++);

    const caParts = readCertificateParts(caDer);
    if (!bytesOf(der, issuer).equals(bytesOf(caDer, caParts.subject))) {
      throw new InvalidCrlError('CRL issuer is not the CA');
    }
    const hash = rsaHashForOid(readOid(der, childrenOf(sigAlg)[0]));
    const bits = contentOf(der, sigValue, TAG.BIT_STRING);
    const ok = crypto.verify(hash, bytesOf(der, tbs), new crypto.X509Certificate(caDer).publicKey, bits.subarray(1));
    if (!ok) throw new InvalidCrlError('CRL signature does not verify against the CA');

    i++; // thisUpdate
    if (isTime(fields[i])) i++; // optional nextUpdate
    const serials = new Set<string>();
    const list = fields[i];
    if (list?.tag === TAG.SEQUENCE) {
      for (const entry of childrenOf(list)) {
        serials.add(integerHex(contentOf(der, childrenOf(entry)[0], TAG.INTEGER)));
      }
    }
    return serials;
  } catch (err) {
    if (err instanceof InvalidCrlError) throw err;
    throw new InvalidCrlError(`malformed CRL: ${(err as Error).message}`);
  }
}

// ---- helpers ---------------------------------------------------------------------------------

interface BuildCertificateInput {
  publicKeyPem: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  extensions: object[];
  signingKey: crypto.KeyObject;
}

function buildCertificate(input: BuildCertificateInput): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(input.publicKeyPem);
  cert.serialNumber = input.serialHex;
  cert.validity.notBefore = input.notBefore;
  cert.validity.notAfter = input.notAfter;
  cert.setSubject(input.subject);
  cert.setIssuer(input.issuer);
  cert.setExtensions(input.extensions as never[]);
  // What cert.sign() does, with the RSA operation in OpenSSL instead of forge.
  cert.signatureOid = cert.siginfo.algorithmOid = OID.sha256WithRSAEncryption;
  // getTBSCertificate exists in forge but is missing from @types/node-forge.
  const getTbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): Asn1 }).getTBSCertificate;
  cert.tbsCertificate = getTbs(cert);
  cert.signature = crypto.sign('sha256', toDer(cert.tbsCertificate), input.signingKey).toString('binary');
  return forge.pki.certificateToPem(cert);
}

function nameAttributes(s: { commonName: string; organization?: string; country?: string }): forge.pki.CertificateField[] {
  // UTF8String: names like "DPMPTSP Kab. X & Y" are not valid PrintableStrings.
  const utf8 = asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const attrs: forge.pki.CertificateField[] = [];
  if (s.country) attrs.push({ shortName: 'C', value: s.country }); // PrintableString per RFC 5280
  if (s.organization) attrs.push({ shortName: 'O', value: s.organization, valueTagClass: utf8 });
  attrs.push({ shortName: 'CN', value: s.commonName, valueTagClass: utf8 });
  return attrs;
}

/** 16 random bytes, positive and without a leading zero byte (so the hex is already normal). */
function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function addYears(d: Date, years: number): Date {
  const r = new Date(d);
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

function isTime(node: DerNode | undefined): boolean {
  return node?.tag === TAG.UTC_TIME || node?.tag === TAG.GENERALIZED_TIME;
}

function rsaHashForOid(dotted: string): string {
  const hash: Record<string, string> = {
    '1.2.840.113549.1.1.5': 'sha1',
    '1.2.840.113549.1.1.11': 'sha256',
    '1.2.840.113549.1.1.12': 'sha384',
    '1.2.840.113549.1.1.13': 'sha512',
  };
  const h = hash[dotted];
  if (!h) throw new Asn1Error(`unsupported signature algorithm ${dotted}`);
  return h;
}

function extension(extnId: string, value: Asn1): Asn1 {
  return seq([oid(extnId), octets(toDer(value))]);
}

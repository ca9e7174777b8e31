/**
 * Verifies the signatures of a PDF that may come from anyone (an applicant's upload).
 *
 * The PDF is never loaded as a document: we scan the raw bytes for signature dictionaries
 * (/ByteRange + /Contents), hash the signed ranges and check the CMS with node:crypto.
 * Nothing is inflated, every parse is bounded, and bad input raises MalformedPdfError.
 */
import * as crypto from 'node:crypto';
import {
  Asn1Error,
  TAG,
  bytesOf,
  child,
  childrenOf,
  contentOf,
  pemBlocks,
  readCertificateParts,
  readDer,
  readOid,
  readTime,
  type DerNode,
} from './der';
import { MalformedPdfError } from './errors';
import { isBoundary, parsePdfDict, parsePdfDate, decodePdfText, type PdfDict, type PdfValue } from './pdf-syntax';

export { MalformedPdfError } from './errors';

export interface VerifyPdfOptions {
  trustedRootPems: string[];
  /** Revoked serials (lowercase hex without leading zeros, as parseCrlSerials returns them). */
  revokedSerials?: Set<string>;
}

export interface PdfSignatureReport {
  /** Position in the file, 0 for the first signature. */
  index: number;
  signerName: string;
  certificateSerial: string;
  /** The signature dictionary's /M (or a CMS signingTime); claimed by the signer, not timestamped. */
  signedAt?: Date;
  byteRange: [number, number, number, number];
  /** The hash of the signed ranges equals the signed messageDigest. */
  digestMatches: boolean;
  /** The signed attributes verify with the signer certificate's key (and name that certificate). */
  signatureValid: boolean;
  /** Each certificate up to a trusted root verifies and is valid at the signing time. */
  chainTrusted: boolean;
  revoked: boolean;
  /** Signed everything but exactly its own /Contents <hex>, up to the end of the file. */
  coversWholeFile: boolean;
  certificateValidAtSigning: boolean;
}

export interface PdfVerificationReport {
  signatures: PdfSignatureReport[];
}

const MAX_SIGNATURES = 64;
/** Occurrences of the text /ByteRange we are willing to examine (each costs a backward scan). */
const MAX_BYTERANGE_MENTIONS = 256;
/** How far before /ByteRange a signature dictionary may start (its /Contents can come first). */
const MAX_DICT_BACKSCAN = 1024 * 1024;
const MAX_CHAIN = 8;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaPss: '1.2.840.113549.1.1.10',
};

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms: the hash they imply, or null when the SignerInfo's digest algorithm applies. */
const SIGNATURE_ALGORITHMS: Record<string, string | null> = {
  '1.2.840.113549.1.1.1': null, // rsaEncryption
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  [OID.rsaPss]: null,
  '1.2.840.10045.2.1': null, // ecPublicKey
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

export function verifyPdfSignatures(pdf: Uint8Array, options: VerifyPdfOptions): PdfVerificationReport {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw new MalformedPdfError('not a PDF (no %PDF- header)');
  const roots = options.trustedRootPems.flatMap((pem) => pemBlocks(pem, 'CERTIFICATE')).map((der) => new crypto.X509Certificate(der));

  try {
    const signatures: PdfSignatureReport[] = [];
    for (const dict of findSignatureDictionaries(bytes)) {
      signatures.push(verifyOne(bytes, dict, signatures.length, roots, options.revokedSerials ?? new Set()));
    }
    return { signatures };
  } catch (err) {
    if (err instanceof MalformedPdfError) throw err;
    // Whatever else hostile bytes provoke still surfaces as the one typed error.
    throw new MalformedPdfError(`cannot verify: ${(err as Error).message}`, { cause: err });
  }
}

/** Signature dictionaries in file order; a dictionary repeated by a later revision counts once. */
function findSignatureDictionaries(bytes: Buffer): PdfDict[] {
  const found: PdfDict[] = [];
  const seen = new Set<string>();
  let mentions = 0;
  for (let pos = bytes.indexOf('/ByteRange'); pos >= 0; pos = bytes.indexOf('/ByteRange', pos + 1)) {
    if (++mentions > MAX_BYTERANGE_MENTIONS) throw new MalformedPdfError('too many /ByteRange entries');
    if (!isBoundary(bytes[pos + '/ByteRange'.length])) continue;
    const dict = enclosingDictionary(bytes, pos);
    const range = dict?.entries.get('ByteRange');
    // Only a key of the dictionary counts (not the text inside a string or a stream).
    if (!dict || !range || range.start <= pos || bytes.subarray(pos + 10, range.start).toString('latin1').trim()) continue;
    const contents = dict.entries.get('Contents');
    const key = [range, contents].map((v) => (v ? bytes.subarray(v.start, v.end).toString('latin1').replace(/\s+/g, '') : '')).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    if (found.length === MAX_SIGNATURES) throw new MalformedPdfError(`more than ${MAX_SIGNATURES} signatures`);
    found.push(dict);
  }
  return found;
}

/** The innermost dictionary around `pos`: walk back to the unmatched "<<", then parse forward. */
function enclosingDictionary(bytes: Buffer, pos: number): PdfDict | undefined {
  let depth = 0;
  const floor = Math.max(0, pos - MAX_DICT_BACKSCAN);
  for (let i = pos - 1; i > floor; i--) {
    const pair = bytes[i - 1] === bytes[i] ? bytes[i] : undefined;
    if (pair === 0x3e /* >> */) {
      depth++;
      i--;
    } else if (pair === 0x3c /* << */) {
      i--;
      if (depth-- > 0) continue;
      try {
        const dict = parsePdfDict(bytes, i);
        return dict.start < pos && pos < dict.end ? dict : undefined;
      } catch (err) {
        if (err instanceof MalformedPdfError) return undefined; // "<<" inside a string or stream: not ours
        throw err;
      }
    }
  }
  return undefined;
}

function verifyOne(
  bytes: Buffer,
  dict: PdfDict,
  index: number,
  roots: crypto.X509Certificate[],
  revokedSerials: Set<string>,
): PdfSignatureReport {
  const at = `signature ${index + 1}`;
  const subFilter = dict.entries.get('SubFilter');
  if (subFilter?.type !== 'name' || !SUPPORTED_SUBFILTERS.has(subFilter.value)) {
    throw new MalformedPdfError(`${at}: unsupported SubFilter ${subFilter?.type === 'name' ? subFilter.value : '(none)'}`);
  }
  const byteRange = readByteRange(dict.entries.get('ByteRange'), bytes.length, at);
  const contents = dict.entries.get('Contents');
  if (contents?.type !== 'string' || !contents.hex) throw new MalformedPdfError(`${at}: /Contents is not a hex string`);
  const [a, b, c, d] = byteRange;
  const coversWholeFile = a === 0 && contents.start === b && contents.end === c && c + d === bytes.length;

  let cms: ParsedCms;
  try {
    cms = parseCms(contents.bytes);
  } catch (err) {
    if (err instanceof Asn1Error || err instanceof MalformedPdfError) {
      throw new MalformedPdfError(`${at}: bad CMS: ${err.message}`);
    }
    throw err;
  }

  const hash = crypto.createHash(cms.digestAlgorithm);
  hash.update(bytes.subarray(a, a + b)).update(bytes.subarray(c, c + d));
  const digestMatches = cms.messageDigest !== undefined && hash.digest().equals(cms.messageDigest);

  const m = dict.entries.get('M');
  const signedAt = (m?.type === 'string' ? parsePdfDate(decodePdfText(m.bytes)) : undefined) ?? cms.signingTime;
  const when = signedAt ?? new Date();
  const signer = cms.signer.x509;

  return {
    index,
    signerName: commonName(signer.subject),
    certificateSerial: cms.signer.serialHex,
    ...(signedAt ? { signedAt } : {}),
    byteRange,
    digestMatches,
    signatureValid: cms.signatureValid,
    chainTrusted: chainTrusted(signer, cms.certificates.map((x) => x.x509), roots, when),
    revoked: revokedSerials.has(cms.signer.serialHex),
    coversWholeFile,
    certificateValidAtSigning: validAt(signer, when),
  };
}

function readByteRange(value: PdfValue | undefined, fileLength: number, at: string): [number, number, number, number] {
  const items = value?.type === 'array' ? value.items : [];
  const n = items.map((v) => (v.type === 'number' && Number.isSafeInteger(v.value) && v.value >= 0 ? v.value : -1));
  const [a, b, c, d] = n;
  if (n.length !== 4 || n.includes(-1) || a! + b! > c! || c! + d! > fileLength) {
    throw new MalformedPdfError(`${at}: /ByteRange is not four offsets inside the file`);
  }
  return [a!, b!, c!, d!];
}

// ---- CMS ---------------------------------------------------------------------------------------

interface CmsCertificate {
  der: Buffer;
  serialHex: string;
  issuer: Buffer;
  serial: Buffer;
  x509: crypto.X509Certificate;
}

interface ParsedCms {
  digestAlgorithm: string;
  messageDigest?: Buffer;
  signingTime?: Date;
  signer: CmsCertificate;
  certificates: CmsCertificate[];
  signatureValid: boolean;
}

function parseCms(der: Buffer): ParsedCms {
  // The Contents gap is zero-padded after the DER; parse just the first element.
  const contentInfo = childrenOf(readDer(der), TAG.SEQUENCE);
  if (readOid(der, contentInfo[0]) !== OID.signedData) throw new Asn1Error('not a CMS SignedData');
  const signedData = childrenOf(child(childrenOf(child(contentInfo, 1), 0xa0), 0), TAG.SEQUENCE);

  const certificates: CmsCertificate[] = [];
  let signerInfos: DerNode[] = [];
  for (const node of signedData.slice(3)) {
    if (node.tag === 0xa0) {
      for (const c of childrenOf(node)) if (c.tag === TAG.SEQUENCE) certificates.push(readCmsCertificate(bytesOf(der, c)));
    } else if (node.tag === TAG.SET) {
      signerInfos = childrenOf(node);
    }
  }
  if (signerInfos.length !== 1) throw new Asn1Error(`expected one SignerInfo, found ${signerInfos.length}`);
  const si = childrenOf(signerInfos[0], TAG.SEQUENCE);

  const sid = child(si, 1);
  if (sid.tag !== TAG.SEQUENCE) throw new MalformedPdfError('signer identified by key identifier is not supported');
  const [sidIssuer, sidSerial] = childrenOf(sid);
  if (!sidIssuer || !sidSerial) throw new Asn1Error('incomplete signer identifier');
  const signer = certificates.find(
    (c) => c.issuer.equals(bytesOf(der, sidIssuer)) && c.serial.equals(contentOf(der, sidSerial, TAG.INTEGER)),
  );
  if (!signer) throw new MalformedPdfError('the signer certificate is not in the CMS');

  const digestAlgorithm = DIGESTS[readOid(der, childrenOf(child(si, 2))[0])];
  if (!digestAlgorithm) throw new MalformedPdfError('unsupported digest algorithm');
  const signedAttrsNode = child(si, 3);
  if (signedAttrsNode.tag !== 0xa0) throw new MalformedPdfError('CMS without signed attributes is not supported');
  const sigAlgNode = childrenOf(child(si, 4));
  const signature = contentOf(der, child(si, 5), TAG.OCTET_STRING);

  // Attribute type -> its values; a type present twice is recorded as ambiguous (no values).
  const attributes = new Map<string, DerNode[] | null>();
  for (const attr of childrenOf(signedAttrsNode)) {
    const [type, values] = childrenOf(attr, TAG.SEQUENCE);
    const oid = readOid(der, type);
    attributes.set(oid, attributes.has(oid) ? null : childrenOf(values, TAG.SET));
  }
  const single = (oid: string): DerNode | undefined => {
    const v = attributes.get(oid);
    return v && v.length === 1 ? v[0] : undefined;
  };
  const messageDigestNode = single(OID.messageDigest);
  const contentTypeNode = single(OID.contentType);
  const signingTimeNode = single(OID.signingTime);

  // The signature covers the attributes re-tagged as a universal SET (RFC 5652, 5.4).
  const signedAttrs = Buffer.from(bytesOf(der, signedAttrsNode));
  signedAttrs[0] = TAG.SET;
  const signatureValid =
    contentTypeNode !== undefined &&
    readOid(der, contentTypeNode) === OID.data &&
    essCertificateMatches(der, attributes, signer.der) &&
    verifySignature(der, sigAlgNode, digestAlgorithm, signedAttrs, signature, signer.x509);

  return {
    digestAlgorithm,
    ...(messageDigestNode ? { messageDigest: contentOf(der, messageDigestNode, TAG.OCTET_STRING) } : {}),
    ...(signingTimeNode ? { signingTime: readTime(der, signingTimeNode) } : {}),
    signer,
    certificates,
    signatureValid,
  };
}

function readCmsCertificate(der: Buffer): CmsCertificate {
  const parts = readCertificateParts(der);
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(der);
  } catch {
    throw new MalformedPdfError('unparseable certificate in the CMS');
  }
  return {
    der,
    serialHex: parts.serialHex,
    issuer: bytesOf(der, parts.issuer),
    serial: contentOf(der, parts.serial),
    x509,
  };
}

function verifySignature(
  der: Buffer,
  sigAlg: DerNode[],
  digestAlgorithm: string,
  signedAttrs: Buffer,
  signature: Buffer,
  cert: crypto.X509Certificate,
): boolean {
  const oid = readOid(der, sigAlg[0]);
  if (!(oid in SIGNATURE_ALGORITHMS)) return false;
  const hash = SIGNATURE_ALGORITHMS[oid] ?? digestAlgorithm;
  const key: crypto.VerifyKeyObjectInput =
    oid === OID.rsaPss
      ? { key: cert.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO }
      : { key: cert.publicKey };
  try {
    return crypto.verify(hash, signedAttrs, key, signature);
  } catch {
    return false; // e.g. an EC algorithm with an RSA certificate
  }
}

/** ESS signing-certificate(-v2), when present, must name the certificate that verifies the signature. */
function essCertificateMatches(der: Buffer, attributes: Map<string, DerNode[] | null>, certDer: Buffer): boolean {
  for (const [oid, v2] of [
    [OID.signingCertificateV2, true],
    [OID.signingCertificate, false],
  ] as const) {
    if (!attributes.has(oid)) continue;
    const values = attributes.get(oid);
    if (!values || values.length !== 1) return false;
    // SigningCertificate(V2) { certs SEQUENCE OF ESSCertID(v2) }: the first names the signer.
    const certId = childrenOf(child(childrenOf(child(childrenOf(values[0], TAG.SEQUENCE), 0), TAG.SEQUENCE), 0));
    let hashAlgorithm = v2 ? 'sha256' : 'sha1';
    let i = 0;
    if (v2 && certId[0]?.tag === TAG.SEQUENCE) {
      const alg = DIGESTS[readOid(der, childrenOf(certId[0])[0])];
      if (!alg) return false;
      hashAlgorithm = alg;
      i = 1;
    }
    const expected = contentOf(der, child(certId, i), TAG.OCTET_STRING);
    if (!crypto.createHash(hashAlgorithm).update(certDer).digest().equals(expected)) return false;
  }
  return true;
}

// ---- certificates --------------------------------------------------------------------------------

function validAt(cert: crypto.X509Certificate, when: Date): boolean {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  return Number.isFinite(from) && Number.isFinite(to) && from <= when.getTime() && when.getTime() <= to;
}

/** A path from the signer to a trusted root: every signature verifies, issuers are CAs, all valid at `when`. */
function chainTrusted(
  leaf: crypto.X509Certificate,
  pool: crypto.X509Certificate[],
  roots: crypto.X509Certificate[],
  when: Date,
): boolean {
  const issuedBy = (cert: crypto.X509Certificate, issuer: crypto.X509Certificate): boolean =>
    issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  let cert = leaf;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!validAt(cert, when)) return false;
    if (roots.some((r) => r.raw.equals(cert.raw))) return true;
    const root = roots.find((r) => issuedBy(cert, r));
    if (root) return validAt(root, when);
    const next = pool.find((c) => !c.raw.equals(cert.raw) && issuedBy(cert, c));
    if (!next) return false;
    cert = next;
  }
  return false;
}

/**
 * The display name in a subject as node:crypto prints it (one `CN=…` line among others). Values are escaped
 * as in RFC 4514 (`Abdullah\, M.Si.`, control bytes as `\0A`): people read the name, so the escapes go.
 */
export function commonName(subject: string): string {
  const cn = subject.split('\n').find((line) => line.startsWith('CN='));
  return cn ? unescapeDnValue(cn.slice(3)) : subject;
}

function unescapeDnValue(value: string): string {
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = () => {
    if (bytes.length) out.push(Buffer.from(bytes.splice(0)).toString('utf8'));
  };
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '\\' ? /^[0-9A-Fa-f]{2}/.exec(value.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
      continue;
    }
    flush();
    if (value[i] === '\\' && i + 1 < value.length) i++;
    out.push(value[i]!);
  }
  flush();
  return out.join('');
}

/**
 * The CMS SignedData of a PAdES B-B signature (built with forge's ASN.1), and its reuse: for one signer
 * certificate and chain everything but the document digest and the RSA signature is the same, so the DER is
 * built once and those two fixed-size fields are patched in for each document (the same bytes buildCms gives).
 */
import * as crypto from 'node:crypto';
import { algorithm, fromDer, integer, octets, oid, seq, set, tagged, toDer } from './asn1-build';
import { bytesOf, readCertificateParts } from './der';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
} as const;

/**
 * CMS SignedData (detached) with the PAdES B-B signed attributes: contentType, messageDigest and
 * ESS signing-certificate-v2, DER-sorted; no signingTime (the /M of the signature dictionary has it).
 */
export function buildCms(digest: Buffer, certDers: Buffer[], sign: (signedAttrsDer: Buffer) => Buffer): Buffer {
  const signerDer = certDers[0]!;
  const signer = readCertificateParts(signerDer);
  const issuerName = bytesOf(signerDer, signer.issuer);
  const serial = bytesOf(signerDer, signer.serial);
  const certHash = crypto.createHash('sha256').update(signerDer).digest();

  const attributes = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octets(digest)])]),
    seq([
      oid(OID.signingCertificateV2),
      // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash (SHA-256 is the default, so no
      // hashAlgorithm), issuerSerial { issuer: [directoryName [4] Name], serialNumber } }] }
      set([seq([seq([seq([octets(certHash), seq([seq([tagged(4, [fromDer(issuerName)])]), fromDer(serial)])])])])]),
    ]),
  ];
  // DER: the elements of a SET OF are ordered by their encodings.
  const sorted = attributes.map(toDer).sort(Buffer.compare);
  const signedAttrs = sorted.map(fromDer);
  const signature = sign(toDer(set(signedAttrs)));

  const signerInfo = seq([
    integer(1),
    seq([fromDer(issuerName), fromDer(serial)]),
    algorithm(OID.sha256, false),
    tagged(0, signedAttrs), // [0] IMPLICIT SET OF Attribute
    algorithm(OID.sha256WithRSAEncryption, true),
    octets(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([algorithm(OID.sha256, false)]),
    seq([oid(OID.data)]), // detached: no eContent
    tagged(0, certDers.map(fromDer)),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), tagged(0, [signedData])]));
}

/** A signer's CMS with two holes: where the document digest goes (twice) and where the signature goes. */
export interface CmsTemplate {
  /** The DER-sorted signed attributes as the SET that is signed. */
  signedAttrs: Buffer;
  attrsDigestAt: number;
  cms: Buffer;
  cmsDigestAt: number;
  signatureAt: number;
  signatureLength: number;
}

const DIGEST_LENGTH = 32;

/** Builds the template with random marks in the holes and finds them (each exactly once, or it refuses). */
export function cmsTemplate(certDers: Buffer[], signatureLength: number): CmsTemplate {
  const digestMark = crypto.randomBytes(DIGEST_LENGTH);
  const signatureMark = crypto.randomBytes(signatureLength);
  let signedAttrs: Buffer = Buffer.alloc(0);
  const cms = buildCms(digestMark, certDers, (attrs) => {
    signedAttrs = attrs;
    return signatureMark;
  });
  return {
    signedAttrs,
    attrsDigestAt: onlyOffset(signedAttrs, digestMark),
    cms,
    cmsDigestAt: onlyOffset(cms, digestMark),
    signatureAt: onlyOffset(cms, signatureMark),
    signatureLength,
  };
}

/** The CMS for one document: the template with `digest` and the signature over its signed attributes. */
export function cmsFromTemplate(t: CmsTemplate, digest: Buffer, sign: (signedAttrsDer: Buffer) => Buffer): Buffer {
  if (digest.length !== DIGEST_LENGTH) throw new Error('the document digest must be SHA-256');
  const signedAttrs = Buffer.from(t.signedAttrs);
  digest.copy(signedAttrs, t.attrsDigestAt);
  const signature = sign(signedAttrs);
  // RSA PKCS#1 v1.5 signatures are always as long as the modulus; anything else would not fit the hole.
  if (signature.length !== t.signatureLength) throw new Error(`signature of ${signature.length} bytes, expected ${t.signatureLength}`);
  const cms = Buffer.from(t.cms);
  digest.copy(cms, t.cmsDigestAt);
  signature.copy(cms, t.signatureAt);
  return cms;
}

function onlyOffset(haystack: Buffer, needle: Buffer): number {
  const at = haystack.indexOf(needle);
  if (at < 0 || haystack.indexOf(needle, at + 1) >= 0) throw new Error('CMS template: a mark is missing or repeated');
  return at;
}

/** Small builders over forge.asn1 for the structures we write (certificates, CRLs, CMS). */
import forge from 'node-forge';

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

const U = asn1.Class.UNIVERSAL;

export const seq = (items: Asn1[]): Asn1 => asn1.create(U, asn1.Type.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(U, asn1.Type.SET, true, items);
export const oid = (dotted: string): Asn1 => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
export const octets = (bytes: Uint8Array): Asn1 =>
  asn1.create(U, asn1.Type.OCTETSTRING, false, Buffer.from(bytes).toString('binary'));
export const nullValue = (): Asn1 => asn1.create(U, asn1.Type.NULL, false, '');
export const integer = (n: number): Asn1 => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
export const bitString = (bytes: Uint8Array): Asn1 =>
  asn1.create(U, asn1.Type.BITSTRING, false, '\x00' + Buffer.from(bytes).toString('binary'));

/** [n] context-specific tag around `items` (EXPLICIT wrapping, or IMPLICIT SET/SEQUENCE OF). */
export const tagged = (n: number, items: Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, true, items);
export const taggedPrimitive = (n: number, bytes: string): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, false, bytes);

/** AlgorithmIdentifier; RSA signature algorithms carry NULL parameters, SHA-2 digests none (RFC 5754). */
export const algorithm = (dotted: string, withNull: boolean): Asn1 =>
  seq(withNull ? [oid(dotted), nullValue()] : [oid(dotted)]);

/** A positive INTEGER from a hex serial. */
export function serialInteger(hexSerial: string): Asn1 {
  let hex = hexSerial.toLowerCase().replace(/^0+/, '') || '0';
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = '00' + hex;
  return asn1.create(U, asn1.Type.INTEGER, false, Buffer.from(hex, 'hex').toString('binary'));
}

/** RFC 5280 time: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(d: Date): Asn1 {
  return d.getUTCFullYear() < 2050
    ? asn1.create(U, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d))
    : asn1.create(U, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/** Embeds existing DER as-is (bit strings left opaque so forge re-encodes the same bytes). */
export function fromDer(der: Uint8Array): Asn1 {
  const fromDerWithOptions = asn1.fromDer as unknown as (b: string, o: object) => Asn1;
  return fromDerWithOptions(Buffer.from(der).toString('binary'), { strict: true, decodeBitStrings: false });
}

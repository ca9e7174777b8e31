/**
 * A small, bounded DER/BER reader that keeps byte offsets.
 *
 * Why not forge.asn1.fromDer for parsing: verification must hash the exact signed-attribute
 * bytes as they appear in the input, and the input is untrusted. This reader never re-encodes,
 * limits depth, and throws Asn1Error (callers turn it into their own typed error).
 */

export class Asn1Error extends Error {
  override readonly name = 'Asn1Error';
}

export interface DerNode {
  /** The identifier octet (class, constructed bit and low tag number). */
  tag: number;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
  /** Present for constructed nodes only. */
  children?: DerNode[];
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

const MAX_DEPTH = 40;

/** Parses one element starting at `offset` (constructed elements recursively). */
export function readDer(buf: Uint8Array, offset = 0, limit = buf.length): DerNode {
  return readNode(buf, offset, limit, 0);
}

function readNode(buf: Uint8Array, offset: number, limit: number, depth: number): DerNode {
  if (depth > MAX_DEPTH) throw new Asn1Error('ASN.1 nesting too deep');
  if (offset + 2 > limit) throw new Asn1Error('truncated ASN.1 header');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error('high tag numbers are not supported');
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++]!;

  if (first === 0x80) {
    // BER indefinite length: children up to an end-of-contents marker (00 00).
    if (!constructed) throw new Asn1Error('indefinite length on a primitive element');
    const children: DerNode[] = [];
    const contentStart = pos;
    for (;;) {
      if (pos + 2 > limit) throw new Asn1Error('missing end-of-contents');
      if (buf[pos] === 0 && buf[pos + 1] === 0) break;
      const child = readNode(buf, pos, limit, depth + 1);
      children.push(child);
      pos = child.end;
    }
    return { tag, start: offset, contentStart, contentEnd: pos, end: pos + 2, children };
  }

  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new Asn1Error('ASN.1 length too large');
    if (pos + count > limit) throw new Asn1Error('truncated ASN.1 length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
  }
  const contentStart = pos;
  const contentEnd = contentStart + length;
  if (contentEnd > limit) throw new Asn1Error('ASN.1 element runs past its container');

  const node: DerNode = { tag, start: offset, contentStart, contentEnd, end: contentEnd };
  if (constructed) {
    const children: DerNode[] = [];
    let p = contentStart;
    while (p < contentEnd) {
      const child = readNode(buf, p, contentEnd, depth + 1);
      children.push(child);
      p = child.end;
    }
    node.children = children;
  }
  return node;
}

/** The children of a constructed node, checking the node's tag. */
export function childrenOf(node: DerNode | undefined, tag?: number): DerNode[] {
  if (!node || !node.children) throw new Asn1Error('expected a constructed ASN.1 element');
  if (tag !== undefined && node.tag !== tag) throw new Asn1Error(`expected tag 0x${tag.toString(16)}`);
  return node.children;
}

/** Child `i`, or an Asn1Error when it is missing. */
export function child(nodes: DerNode[], i: number): DerNode {
  const n = nodes[i];
  if (!n) throw new Asn1Error('missing ASN.1 element');
  return n;
}

/** The content octets of a primitive node, checking its tag. */
export function contentOf(buf: Uint8Array, node: DerNode | undefined, tag?: number): Buffer {
  if (!node || node.children) throw new Asn1Error('expected a primitive ASN.1 element');
  if (tag !== undefined && node.tag !== tag) throw new Asn1Error(`expected tag 0x${tag.toString(16)}`);
  return Buffer.from(buf.buffer, buf.byteOffset + node.contentStart, node.contentEnd - node.contentStart);
}

/** The whole encoding (header and content) of a node. */
export function bytesOf(buf: Uint8Array, node: DerNode): Buffer {
  return Buffer.from(buf.buffer, buf.byteOffset + node.start, node.end - node.start);
}

export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new Asn1Error('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new Asn1Error('OID arc too large');
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  if (content[content.length - 1]! & 0x80) throw new Asn1Error('truncated OID');
  const first = parts.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

export function readOid(buf: Uint8Array, node: DerNode | undefined): string {
  return decodeOid(contentOf(buf, node, TAG.OID));
}

/** An INTEGER's magnitude as lowercase hex without leading zeros (the serial format we use everywhere). */
export function integerHex(content: Uint8Array): string {
  return normalizeSerial(Buffer.from(content).toString('hex'));
}

export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+/, '') || '0';
}

/** UTCTime / GeneralizedTime (the forms X.509 and CMS use: seconds, Z). */
export function readTime(buf: Uint8Array, node: DerNode | undefined): Date {
  const text = contentOf(buf, node).toString('latin1');
  const m =
    node?.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : node?.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!m) throw new Asn1Error('unsupported time encoding');
  let year = Number(m[1]);
  if (node?.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}

/** The parts of an X.509 certificate we need, as nodes into `der` (exact original bytes). */
export interface CertificateParts {
  tbs: DerNode;
  serial: DerNode;
  serialHex: string;
  issuer: DerNode;
  subject: DerNode;
}

export function readCertificateParts(der: Uint8Array): CertificateParts {
  const cert = readDer(der);
  const tbs = child(childrenOf(cert, TAG.SEQUENCE), 0);
  const fields = childrenOf(tbs, TAG.SEQUENCE);
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // optional [0] version
  const serial = child(fields, i);
  return {
    tbs,
    serial,
    serialHex: integerHex(contentOf(der, serial, TAG.INTEGER)),
    issuer: child(fields, i + 2),
    subject: child(fields, i + 4),
  };
}

/** DER bytes of every block of the given PEM type. */
export function pemBlocks(pem: string, type: string): Buffer[] {
  const re = new RegExp(`-----BEGIN ${type}-----([A-Za-z0-9+/=\\s]*?)-----END ${type}-----`, 'g');
  return [...pem.matchAll(re)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

export function toPem(der: Uint8Array, type: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** Reading signed PDFs back in tests (our own output, so plain regexes are fine here). */
import { childrenOf, contentOf, readDer, readOid, TAG, type DerNode } from '../../documents/signing/der';

export interface SignatureBytes {
  byteRange: number[];
  cms: Buffer;
}

export function signaturesIn(pdf: Uint8Array): SignatureBytes[] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange \[([\d ]+)\]\s*\/Contents <([0-9a-fA-F]+)>/g)].map((m) => ({
    byteRange: m[1]!.trim().split(/\s+/).map(Number),
    cms: Buffer.from(m[2]!, 'hex'),
  }));
}

export interface CmsSummary {
  signedAttributeOids: string[];
  signedAttributeDers: Buffer[];
  certificateCount: number;
  essCertHash: Buffer;
  signatureAlgorithm: string;
  digestAlgorithm: string;
}

export function summarizeCms(cms: Buffer): CmsSummary {
  const [, content] = childrenOf(readDer(cms));
  const signedData = childrenOf(childrenOf(content)[0]);
  const certs = signedData.find((n) => n.tag === 0xa0)!;
  const signerInfo = childrenOf(childrenOf(signedData[signedData.length - 1])[0]);
  const attrs = childrenOf(signerInfo[3]);
  const oidOf = (a: DerNode): string => readOid(cms, childrenOf(a)[0]);
  const ess = attrs.find((a) => oidOf(a) === '1.2.840.113549.1.9.16.2.47')!;
  const essCertId = childrenOf(childrenOf(childrenOf(childrenOf(childrenOf(ess)[1])[0])[0])[0]);
  return {
    signedAttributeOids: attrs.map(oidOf),
    signedAttributeDers: attrs.map((a) => cms.subarray(a.start, a.end)),
    certificateCount: childrenOf(certs).length,
    essCertHash: contentOf(cms, essCertId[0], TAG.OCTET_STRING),
    digestAlgorithm: readOid(cms, childrenOf(signerInfo[2])[0]),
    signatureAlgorithm: readOid(cms, childrenOf(signerInfo[4])[0]),
  };
}

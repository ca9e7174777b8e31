import { expect } from 'chai';
import { signPdf } from '../../documents/signing/pades-sign';
import { MalformedPdfError, verifyPdfSignatures, type PdfVerificationReport } from '../../documents/signing/pades-verify';
import { samplePdf, testPki, type TestPki } from './fixtures';

/** Deterministic PRNG so a failing mutation can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('documents/pades-verify on hostile input', () => {
  let pki: TestPki;
  let signed: Buffer;
  const verify = (pdf: Uint8Array): PdfVerificationReport => verifyPdfSignatures(pdf, { trustedRootPems: [pki.ca.certPem] });
  /** Either a report or MalformedPdfError; anything else is a crash. */
  const verifyOrMalformed = (pdf: Uint8Array): PdfVerificationReport | MalformedPdfError => {
    try {
      return verify(pdf);
    } catch (err) {
      if (err instanceof MalformedPdfError) return err;
      throw err;
    }
  };

  before(async function () {
    this.timeout(30_000);
    pki = testPki();
    signed = Buffer.from(await signPdf({ pdf: await samplePdf(), signer: pki.kepala.signer, signedAt: new Date() }));
  });

  function replaceOnce(pdf: Buffer, from: RegExp, to: (m: string) => string): Buffer {
    const text = pdf.toString('latin1');
    const m = from.exec(text);
    if (!m) throw new Error(`pattern ${from} not found`);
    const replacement = to(m[0]);
    expect(replacement.length, 'same length keeps offsets').to.equal(m[0].length);
    return Buffer.from(text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length), 'latin1');
  }

  it('rejects what is not a PDF', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('hello world'), Buffer.from('<html>%PDF</html>')]) {
      expect(() => verify(bytes)).to.throw(MalformedPdfError);
    }
  });

  it('rejects a ByteRange that points outside the file', () => {
    const bad = replaceOnce(signed, /\/ByteRange \[ 0 \d+ \d+ \d+ *\]/, (m) => '/ByteRange [ 0 10 20 9999999999'.padEnd(m.length - 1) + ']');
    expect(() => verify(bad)).to.throw(MalformedPdfError, /ByteRange/);
  });

  it('rejects /Contents that is not a CMS', () => {
    const bad = replaceOnce(signed, /\/Contents <[0-9a-f]+>/i, (m) => '/Contents <' + 'ab'.repeat((m.length - 12) / 2) + '>');
    expect(() => verify(bad)).to.throw(MalformedPdfError, /CMS/);
  });

  it('rejects a signature type it does not support', () => {
    const bad = replaceOnce(signed, /\/SubFilter \/ETSI\.CAdES\.detached/, (m) => '/SubFilter /ETSI.RFC3161'.padEnd(m.length));
    expect(() => verify(bad)).to.throw(MalformedPdfError, /SubFilter/);
  });

  it('ignores the text /ByteRange outside a signature dictionary', () => {
    const text = Buffer.from('%PDF-1.7\n1 0 obj\n(talks about /ByteRange [0 1 2 3] and << >>)\nendobj\n/ByteRange\n%%EOF\n');
    expect(verify(text).signatures).to.deep.equal([]);
  });

  it('survives deep nesting and truncation', () => {
    const deep = Buffer.from(`%PDF-1.7\n${'<< /A '.repeat(5000)}/ByteRange [0 1 2 3] /Contents <00>${' >>'.repeat(5000)}`);
    expect(verifyOrMalformed(deep)).to.satisfy((r: unknown) => r instanceof MalformedPdfError || (r as PdfVerificationReport).signatures.length === 0);
    const deepCms = Buffer.from(`%PDF-1.7\n<< /SubFilter /ETSI.CAdES.detached /ByteRange [0 1 2 3] /Contents <${'3080'.repeat(3000)}> >>`);
    expect(() => verify(deepCms)).to.throw(MalformedPdfError);
    for (let cut = 64; cut < signed.length; cut += 97) {
      const result = verifyOrMalformed(signed.subarray(0, cut));
      if (!(result instanceof MalformedPdfError)) {
        for (const s of result.signatures) expect(s.coversWholeFile && s.digestMatches, `cut at ${cut}`).to.equal(false);
      }
    }
  });

  it('never crashes on random byte changes, and never passes a change inside the signed ranges', () => {
    const random = prng(20250602);
    const [report] = verify(signed).signatures;
    const [, b, c] = report!.byteRange;
    const dictStart = signed.lastIndexOf('<<', b);
    const dictEnd = signed.indexOf('>>', c) + 2;
    for (let i = 0; i < 600; i++) {
      const mutated = Buffer.from(signed);
      // Half the mutations hit the signature dictionary and the CMS, half anywhere.
      const at = i % 2 ? dictStart + Math.floor(random() * (dictEnd - dictStart)) : Math.floor(random() * signed.length);
      mutated[at] = Math.floor(random() * 256);
      if (mutated[at] === signed[at]) continue;
      const result = verifyOrMalformed(mutated);
      const outsideDict = at < dictStart || at >= dictEnd;
      if (outsideDict && !(result instanceof MalformedPdfError)) {
        for (const s of result.signatures) expect(s.digestMatches, `byte ${at}`).to.equal(false);
      }
    }
  });
});

import { expect } from 'chai';
import * as crypto from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { signPdf, signPdfBatch } from '../../documents/signing/pades-sign';
import { commonName, verifyPdfSignatures, type PdfSignatureReport } from '../../documents/signing/pades-verify';
import { createCrl, issueSignerCertificate, parseCrlSerials, unlockSignerKey } from '../../documents/signing/pki';
import { samplePdf, testPki, type TestPki, type TestSigner } from './fixtures';
import { signaturesIn, summarizeCms } from './helpers';

const ALL_GOOD = {
  digestMatches: true,
  signatureValid: true,
  chainTrusted: true,
  revoked: false,
  coversWholeFile: true,
  certificateValidAtSigning: true,
};

describe('documents/pades-sign and pades-verify', () => {
  let pki: TestPki;
  let unsigned: Uint8Array;
  let signedOnce: Uint8Array;
  let signedAt: Date;

  const sign = (pdf: Uint8Array, who: TestSigner, at?: Date): Promise<Uint8Array> =>
    signPdf({ pdf, signer: who.signer, signedAt: at ?? signedAt, reason: 'Persetujuan izin', location: 'Kab. Contoh' });
  const verify = (pdf: Uint8Array, extra: { revokedSerials?: Set<string>; roots?: string[] } = {}): PdfSignatureReport[] =>
    verifyPdfSignatures(pdf, {
      trustedRootPems: extra.roots ?? [pki.ca.certPem],
      ...(extra.revokedSerials ? { revokedSerials: extra.revokedSerials } : {}),
    }).signatures;

  before(async function () {
    this.timeout(30_000);
    pki = testPki();
    // After the certificates were issued; whole seconds because /M has no milliseconds.
    signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    unsigned = await samplePdf();
    signedOnce = await sign(unsigned, pki.kepala);
  });

  it('signs a PDF so that every check passes', () => {
    const [report, ...rest] = verify(signedOnce);
    expect(rest).to.have.length(0);
    expect(report).to.include({ index: 0, signerName: 'Kepala Dinas', certificateSerial: pki.kepala.serial, ...ALL_GOOD });
    expect(report!.signedAt?.toISOString()).to.equal(signedAt.toISOString());
  });

  it('finds no signatures in an unsigned PDF', () => {
    expect(verify(unsigned)).to.deep.equal([]);
  });

  it('lays the placeholder out as PAdES wants: <hex> gap only, last range to end of file, no object streams', () => {
    const [sig] = signaturesIn(signedOnce);
    const [a, b, c, d] = sig!.byteRange as [number, number, number, number];
    expect(a).to.equal(0);
    expect(c + d).to.equal(signedOnce.length);
    expect(String.fromCharCode(signedOnce[b]!, signedOnce[c - 1]!)).to.equal('<>');
    expect(/^<[0-9a-f]+>$/i.test(Buffer.from(signedOnce.subarray(b, c)).toString('latin1'))).to.equal(true);
    expect(Buffer.from(signedOnce).includes('/ObjStm')).to.equal(false);
  });

  it('adds an invisible signature widget on page 1 in an AcroForm with SigFlags 3', async () => {
    const doc = await PDFDocument.load(signedOnce);
    const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(acroForm.lookup(PDFName.of('SigFlags'), PDFNumber).asNumber()).to.equal(3);
    const fields = acroForm.lookup(PDFName.of('Fields'), PDFArray);
    expect(fields.size()).to.equal(1);
    const widgetRef = fields.get(0) as PDFRef;
    const widget = doc.context.lookup(widgetRef, PDFDict);
    expect(widget.get(PDFName.of('FT'))).to.equal(PDFName.of('Sig'));
    expect(widget.get(PDFName.of('Subtype'))).to.equal(PDFName.of('Widget'));
    expect(widget.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber())).to.deep.equal([0, 0, 0, 0]);
    expect(widget.lookup(PDFName.of('T'), PDFString).decodeText()).to.equal('Signature1');
    expect(doc.getPage(0).node.Annots()?.asArray()).to.include(widgetRef);
    const sigDict = widget.lookup(PDFName.of('V'), PDFDict);
    expect(sigDict.get(PDFName.of('Filter'))).to.equal(PDFName.of('Adobe.PPKLite'));
    expect(sigDict.get(PDFName.of('SubFilter'))).to.equal(PDFName.of('ETSI.CAdES.detached'));
    expect(sigDict.lookup(PDFName.of('M'), PDFString).decodeDate().toISOString()).to.equal(signedAt.toISOString());
  });

  it('builds a B-B CMS: contentType, messageDigest and signing-certificate-v2 only, DER-sorted, chain included', () => {
    const cms = summarizeCms(signaturesIn(signedOnce)[0]!.cms);
    expect([...cms.signedAttributeOids].sort()).to.deep.equal([
      '1.2.840.113549.1.9.16.2.47', // signing-certificate-v2
      '1.2.840.113549.1.9.3', // contentType
      '1.2.840.113549.1.9.4', // messageDigest
    ]);
    expect(cms.signedAttributeOids).not.to.include('1.2.840.113549.1.9.5'); // signingTime
    const ders = cms.signedAttributeDers;
    expect([...ders].sort(Buffer.compare)).to.deep.equal(ders);
    expect(cms.certificateCount).to.equal(2);
    const certDer = new crypto.X509Certificate(pki.kepala.certPem).raw;
    expect(cms.essCertHash.equals(crypto.createHash('sha256').update(certDer).digest())).to.equal(true);
    expect(cms.digestAlgorithm).to.equal('2.16.840.1.101.3.4.2.1');
    expect(cms.signatureAlgorithm).to.equal('1.2.840.113549.1.1.11');
  });

  it('reports a changed byte inside either signed range as a digest mismatch', () => {
    const [a, b, c, d] = verify(signedOnce)[0]!.byteRange;
    for (const at of [a + Math.floor(b / 2), c + Math.floor(d / 2)]) {
      const tampered = Buffer.from(signedOnce);
      tampered[at] = tampered[at]! ^ 0x20;
      const [report] = verify(tampered);
      expect(report, `byte ${at}`).to.include({ digestMatches: false, signatureValid: true });
    }
  });

  it('reports a signature made with a key that does not match the certificate as invalid', async () => {
    const forged = await signPdf({
      pdf: unsigned,
      signer: { ...pki.kepala.signer, key: pki.sekretaris.key },
      signedAt,
    });
    expect(verify(forged)[0]).to.include({ digestMatches: true, signatureValid: false, signerName: 'Kepala Dinas' });
  });

  it('reports a certificate expired at the claimed signing time, and accepts one signed inside its validity', async () => {
    const late = verify(await sign(unsigned, pki.expired, new Date()))[0];
    expect(late).to.include({ digestMatches: true, signatureValid: true, certificateValidAtSigning: false, chainTrusted: false });
    const inTime = new Date(pki.expiredWindow.notBefore.getTime() + 30 * 86_400_000);
    expect(verify(await sign(unsigned, pki.expired, inTime))[0]).to.include(ALL_GOOD);
  });

  it('reports a certificate revoked by the CA CRL', async () => {
    const crl = createCrl({
      ca: pki.ca,
      revoked: [{ serial: pki.sekretaris.serial, revokedAt: new Date() }],
      nextUpdate: new Date(Date.now() + 86_400_000),
    });
    const revokedSerials = parseCrlSerials(crl, pki.ca.certPem);
    expect(verify(await sign(unsigned, pki.sekretaris), { revokedSerials })[0]).to.include({ revoked: true, signatureValid: true });
    expect(verify(signedOnce, { revokedSerials })[0]).to.include({ revoked: false });
  });

  it('trusts only the configured roots', async () => {
    const strangers = await sign(unsigned, pki.stranger);
    expect(verify(strangers)[0]).to.include({ signatureValid: true, digestMatches: true, chainTrusted: false });
    expect(verify(strangers, { roots: [pki.ca.certPem, pki.otherCa.certPem] })[0]).to.include(ALL_GOOD);
    expect(verify(signedOnce, { roots: [pki.otherCa.certPem] })[0]).to.include({ chainTrusted: false });
  });

  it('appends later signatures as incremental updates that leave earlier ones valid', async () => {
    const twice = await sign(signedOnce, pki.sekretaris);
    const thrice = await sign(twice, pki.kepala);
    expect(Buffer.from(twice.subarray(0, signedOnce.length)).equals(Buffer.from(signedOnce))).to.equal(true);
    expect(Buffer.from(thrice.subarray(0, twice.length)).equals(Buffer.from(twice))).to.equal(true);

    const reports = verify(thrice);
    expect(reports.map((r) => r.signerName)).to.deep.equal(['Kepala Dinas', 'Sekretaris Dinas', 'Kepala Dinas']);
    for (const r of reports) expect(r).to.include({ digestMatches: true, signatureValid: true, chainTrusted: true, revoked: false });
    expect(reports.map((r) => r.coversWholeFile)).to.deep.equal([false, false, true]);

    const doc = await PDFDocument.load(thrice);
    const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
    const names = fields.asArray().map((f) => doc.context.lookup(f, PDFDict).lookup(PDFName.of('T'), PDFString).decodeText());
    expect(names).to.deep.equal(['Signature1', 'Signature2', 'Signature3']);
    expect(doc.getPage(0).node.Annots()?.size()).to.equal(3);
  });

  it('notices bytes appended after the last signature', () => {
    const extended = Buffer.concat([Buffer.from(signedOnce), Buffer.from('\n% appended later\n')]);
    expect(verify(extended)[0]).to.include({ digestMatches: true, signatureValid: true, coversWholeFile: false });
  });

  it('reports the signer display name unescaped: commas, quotes and non-ASCII as written (issue 8, finding 9)', async () => {
    const name = 'Drs. H. Syarif Abdullah, M.Si. "Pak Haji" + Ñoño; #1';
    const issued = issueSignerCertificate({ ca: pki.ca, subject: { commonName: name, organization: 'DPMPTSP', email: 'ttd@contoh.go.id' }, passphrase: 'rahasia-uji-2026' });
    const key = unlockSignerKey(issued.encryptedKeyPem, 'rahasia-uji-2026');
    const signed = await signPdf({ pdf: unsigned, signer: { key, certPem: issued.certPem, chainPems: [pki.ca.certPem] }, signedAt, reason: 'Uji', location: 'Kab. Contoh' });
    expect(verify(signed)[0]).to.include({ signerName: name, digestMatches: true, signatureValid: true });
    expect(commonName('C=ID\nO=DPMPTSP\nCN=Abdullah\\, M.Si.\\0A\\\\x')).to.equal('Abdullah, M.Si.\n\\x');
  });

  it('signs a batch with one unlocked key: each document its own valid signature, a bad one reported without stopping the rest', async () => {
    const other = await samplePdf('Surat Izin Reklame No. 503/002/2025');
    const results = await signPdfBatch(
      [
        { pdf: unsigned, signedAt },
        { pdf: Buffer.from('not a pdf'), signedAt },
        { pdf: other, signedAt, reason: 'Persetujuan izin' },
      ],
      pki.kepala.signer,
    );
    expect(results.map((r) => r.ok)).to.deep.equal([true, false, true]);
    const signed = results.flatMap((r) => (r.ok ? [r.pdf] : []));
    for (const pdf of signed) expect(verify(pdf)).to.have.length(1).and.to.satisfy((rs: PdfSignatureReport[]) => rs.every((r) => r.digestMatches && r.signatureValid && r.chainTrusted && r.coversWholeFile));
    // Two documents, two signatures: not one CMS pasted into both.
    const [a, b] = signed.map((pdf) => Buffer.concat(summarizeCms(signaturesIn(pdf)[0]!.cms).signedAttributeDers));
    expect(a!.equals(b!)).to.equal(false);
  });
});

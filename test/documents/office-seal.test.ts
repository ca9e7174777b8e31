import crypto from 'node:crypto';
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { createOfficeCa } from '../../documents/signing/office-ca';
import { createOfficeSealPair, officeSealName, officeSealOf, sealBytes, sealPdf } from '../../documents/signing/office-seal';
import { verifyPdfSignatures } from '../../documents/signing/pades-verify';
import { loadOffice } from '../../store/certificate-layouts';

describe('office seal (segel elektronik): an organisation certificate from the office CA, held by the worker', function () {
  this.timeout(120_000);
  const office = loadOffice();
  const ca = createOfficeCa(office);

  it('is named after the office and issued by the office CA', () => {
    const seal = officeSealOf(createOfficeSealPair(ca, office), ca, office);
    const cert = new crypto.X509Certificate(seal.certPem);
    expect(cert.subject).to.include(`CN=${officeSealName(office)}`);
    expect(cert.subject).to.include(`O=${office.government}`);
    expect(cert.verify(new crypto.X509Certificate(ca.certPem).publicKey)).to.equal(true);
    expect(seal.chainPems).to.deep.equal([ca.certPem]);
  });

  it('signs bytes and PDFs that verify against the office root', async () => {
    const seal = officeSealOf(createOfficeSealPair(ca, office), ca, office);
    const bytes = Buffer.from('tree head 42');
    expect(crypto.verify('sha256', bytes, new crypto.X509Certificate(seal.certPem).publicKey, sealBytes(seal, bytes))).to.equal(true);

    const doc = await PDFDocument.create();
    doc.addPage();
    const sealed = await sealPdf(seal, await doc.save({ useObjectStreams: false }), { reason: 'uji', location: office.regency, signedAt: new Date() });
    const [signature] = verifyPdfSignatures(sealed, { trustedRootPems: [ca.certPem] }).signatures;
    expect(signature).to.include({ digestMatches: true, signatureValid: true, chainTrusted: true, coversWholeFile: true, signerName: officeSealName(office) });
  });
});

import { expect } from 'chai';
import * as crypto from 'node:crypto';
import forge from 'node-forge';
import { createCrl, InvalidCrlError, parseCrlSerials, unlockSignerKey, WrongPassphraseError } from '../../documents/signing/pki';
import { PASSPHRASE, testPki, type TestPki } from './fixtures';

function extension(certPem: string, name: string): Record<string, unknown> | undefined {
  return forge.pki.certificateFromPem(certPem).getExtension(name) as Record<string, unknown> | undefined;
}

describe('documents/signing/pki', () => {
  let pki: TestPki;
  before(function () {
    this.timeout(30_000);
    pki = testPki();
  });

  describe('root CA', () => {
    it('is a self-signed CA limited to certificate and CRL signing', () => {
      const root = new crypto.X509Certificate(pki.ca.certPem);
      expect(root.ca).to.equal(true);
      expect(root.checkIssued(root)).to.equal(true);
      expect(root.verify(root.publicKey)).to.equal(true);
      expect(root.subject).to.include('CN=Sahkan Test Root CA');
      expect(extension(pki.ca.certPem, 'basicConstraints')).to.include({ cA: true, critical: true });
      expect(extension(pki.ca.certPem, 'keyUsage')).to.include({ keyCertSign: true, cRLSign: true, critical: true, digitalSignature: false });
    });
  });

  describe('signer certificates', () => {
    it('are RSA-2048 end-entity certificates for signing, issued by the CA', () => {
      const root = new crypto.X509Certificate(pki.ca.certPem);
      const cert = new crypto.X509Certificate(pki.kepala.certPem);
      expect(cert.ca).to.equal(false);
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).to.be.at.least(2048);
      expect(cert.checkIssued(root)).to.equal(true);
      expect(cert.verify(root.publicKey)).to.equal(true);
      expect(cert.subject).to.include('CN=Kepala Dinas');
      expect(cert.subjectAltName).to.equal('email:ttd@contoh.go.id');
      expect(extension(pki.kepala.certPem, 'keyUsage')).to.include({
        digitalSignature: true,
        nonRepudiation: true,
        critical: true,
        keyCertSign: false,
      });
      expect(extension(pki.kepala.certPem, 'extKeyUsage')).to.include({ emailProtection: true });
    });

    it('report their serial in the normal form and never repeat it', () => {
      const signers = [pki.kepala, pki.sekretaris, pki.expired, pki.stranger];
      for (const s of signers) {
        expect(s.serial).to.match(/^[1-9a-f][0-9a-f]*$/);
        expect(s.serial).to.equal(new crypto.X509Certificate(s.certPem).serialNumber.toLowerCase().replace(/^0+/, ''));
      }
      expect(new Set(signers.map((s) => s.serial)).size).to.equal(signers.length);
    });

    it('honour notBefore and validityYears', () => {
      const cert = new crypto.X509Certificate(pki.expired.certPem);
      expect(new Date(cert.validFrom).getTime()).to.equal(pki.expiredWindow.notBefore.getTime());
      expect(new Date(cert.validTo).getTime()).to.equal(pki.expiredWindow.notAfter.getTime());
    });
  });

  describe('signer keys', () => {
    it('are encrypted PKCS#8 and unlock to the certified key', () => {
      expect(pki.kepala.encryptedKeyPem).to.match(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      const key = unlockSignerKey(pki.kepala.encryptedKeyPem, PASSPHRASE);
      const data = Buffer.from('halo');
      const signature = crypto.sign('sha256', data, key);
      expect(crypto.verify('sha256', data, new crypto.X509Certificate(pki.kepala.certPem).publicKey, signature)).to.equal(true);
    });

    it('refuse a wrong passphrase with WrongPassphraseError', () => {
      for (const wrong of ['', 'kata sandi', PASSPHRASE + ' ', 'x'.repeat(200)]) {
        expect(() => unlockSignerKey(pki.kepala.encryptedKeyPem, wrong)).to.throw(WrongPassphraseError);
      }
    });

    it('refuse an unencrypted key outright (not as a wrong passphrase)', () => {
      const plain = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      expect(() => unlockSignerKey(plain, 'anything')).to.throw(Error, /encrypted/).and.not.to.be.instanceOf(WrongPassphraseError);
    });
  });

  describe('CRL', () => {
    const nextUpdate = new Date(Date.now() + 7 * 86_400_000);

    it('round-trips revoked serials, including ones with the high bit set', () => {
      const crl = createCrl({
        ca: pki.ca,
        revoked: [
          { serial: pki.sekretaris.serial, revokedAt: new Date() },
          { serial: 'FF01', revokedAt: new Date() },
        ],
        nextUpdate,
      });
      expect(crl).to.match(/^-----BEGIN X509 CRL-----/);
      expect([...parseCrlSerials(crl, pki.ca.certPem)].sort()).to.deep.equal([pki.sekretaris.serial, 'ff01'].sort());
    });

    it('may revoke nothing', () => {
      expect(parseCrlSerials(createCrl({ ca: pki.ca, revoked: [], nextUpdate }), pki.ca.certPem).size).to.equal(0);
    });

    it('is rejected when another CA signed it', () => {
      const crl = createCrl({ ca: pki.otherCa, revoked: [{ serial: pki.kepala.serial, revokedAt: new Date() }], nextUpdate });
      expect(() => parseCrlSerials(crl, pki.ca.certPem)).to.throw(InvalidCrlError);
    });

    it('is rejected when a byte changed or it is not a CRL', () => {
      const crl = createCrl({ ca: pki.ca, revoked: [{ serial: pki.kepala.serial, revokedAt: new Date() }], nextUpdate });
      const der = Buffer.from(crl.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      der[der.length - 300]! ^= 0x01; // inside the signed part
      const tampered = `-----BEGIN X509 CRL-----\n${der.toString('base64')}\n-----END X509 CRL-----\n`;
      expect(() => parseCrlSerials(tampered, pki.ca.certPem)).to.throw(InvalidCrlError);
      expect(() => parseCrlSerials('-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n', pki.ca.certPem)).to.throw(InvalidCrlError);
      expect(() => parseCrlSerials('hello', pki.ca.certPem)).to.throw(InvalidCrlError);
    });
  });
});

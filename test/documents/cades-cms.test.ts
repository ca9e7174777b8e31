import { expect } from 'chai';
import * as crypto from 'node:crypto';
import { buildCms, cmsFromTemplate, cmsTemplate } from '../../documents/signing/cades-cms';
import { testPki } from './fixtures';

describe('documents/cades-cms: the signer CMS built once and patched per document', () => {
  const certDers = () => {
    const { kepala, ca } = testPki();
    return [kepala.certPem, ca.certPem].map((pem) => Buffer.from(new crypto.X509Certificate(pem).raw));
  };

  it('gives the same bytes as building the CMS afresh, for several documents from one template', function () {
    this.timeout(30_000);
    const { kepala } = testPki();
    const ders = certDers();
    const template = cmsTemplate(ders, 256);
    // RSA PKCS#1 v1.5 is deterministic, so both ways sign the same attributes into the same bytes.
    const sign = (attrs: Buffer) => crypto.sign('sha256', attrs, kepala.key);
    for (let i = 0; i < 3; i++) {
      const digest = crypto.randomBytes(32);
      expect(cmsFromTemplate(template, digest, sign).equals(buildCms(digest, ders, sign))).to.equal(true);
    }
  });

  it('refuses a signature that would not fit its place and a digest that is not SHA-256', () => {
    const template = cmsTemplate(certDers(), 256);
    expect(() => cmsFromTemplate(template, crypto.randomBytes(32), () => Buffer.alloc(384))).to.throw(/expected 256/);
    expect(() => cmsFromTemplate(template, crypto.randomBytes(48), () => Buffer.alloc(256))).to.throw(/SHA-256/);
  });
});

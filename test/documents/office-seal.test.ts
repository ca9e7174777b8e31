import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { loadOrCreateOfficeCa } from '../../documents/signing/office-ca';
import { loadOrCreateOfficeSeal, officeSealName, sealBytes, sealPdf } from '../../documents/signing/office-seal';
import { verifyPdfSignatures } from '../../documents/signing/pades-verify';
import { loadOffice } from '../../store/certificate-layouts';

const SEAL_MODULE = path.join(__dirname, '../../documents/signing/office-seal.ts');
const CA_MODULE = path.join(__dirname, '../../documents/signing/office-ca.ts');

/** Another process loading (or creating) the seal in `dir`: it prints the seal certificate's fingerprint. */
function sealInChild(dir: string): Promise<string> {
  const code = `
    const { loadOrCreateOfficeCa } = require(${JSON.stringify(CA_MODULE)});
    const { loadOrCreateOfficeSeal } = require(${JSON.stringify(SEAL_MODULE)});
    const office = { shortName: 'DPMPTSP Uji', government: 'Pemerintah Kabupaten Uji' };
    const seal = loadOrCreateOfficeSeal(${JSON.stringify(dir)}, loadOrCreateOfficeCa(${JSON.stringify(dir)}, office), office);
    process.stdout.write(new (require('node:crypto').X509Certificate)(seal.certPem).fingerprint256);
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (status) => (status === 0 ? resolve(out) : reject(new Error(`child exited ${status}: ${err}`))));
  });
}

describe('office seal (segel elektronik): an organisation certificate from the office CA, held by the worker', function () {
  this.timeout(120_000);
  let dir: string;
  const office = loadOffice();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-seal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created once, named after the office, issued by the office CA, its key file private', () => {
    const ca = loadOrCreateOfficeCa(dir, office);
    const seal = loadOrCreateOfficeSeal(dir, ca, office);
    const again = loadOrCreateOfficeSeal(dir, ca, office);
    expect(again.certPem).to.equal(seal.certPem);
    const cert = new crypto.X509Certificate(seal.certPem);
    expect(cert.subject).to.include(`CN=${officeSealName(office)}`);
    expect(cert.subject).to.include(`O=${office.government}`);
    expect(cert.verify(new crypto.X509Certificate(ca.certPem).publicKey)).to.equal(true);
    expect(fs.statSync(path.join(dir, 'office-seal.key')).mode & 0o777).to.equal(0o600);
  });

  it('signs bytes and PDFs that verify against the office root', async () => {
    const ca = loadOrCreateOfficeCa(dir, office);
    const seal = loadOrCreateOfficeSeal(dir, ca, office);
    const bytes = Buffer.from('tree head 42');
    expect(crypto.verify('sha256', bytes, new crypto.X509Certificate(seal.certPem).publicKey, sealBytes(seal, bytes))).to.equal(true);

    const doc = await PDFDocument.create();
    doc.addPage();
    const sealed = await sealPdf(seal, await doc.save({ useObjectStreams: false }), { reason: 'uji', location: office.regency, signedAt: new Date() });
    const [signature] = verifyPdfSignatures(sealed, { trustedRootPems: [ca.certPem] }).signatures;
    expect(signature).to.include({ digestMatches: true, signatureValid: true, chainTrusted: true, coversWholeFile: true, signerName: officeSealName(office) });
  });

  it('two processes starting together keep one seal', async () => {
    loadOrCreateOfficeCa(dir, office); // the CA exists already, as at any worker start after the first
    const [a, b] = await Promise.all([sealInChild(dir), sealInChild(dir)]);
    expect(a).to.match(/^[0-9A-F:]+$/);
    expect(b).to.equal(a);
  });
});

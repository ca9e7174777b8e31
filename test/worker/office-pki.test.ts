import crypto from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadDevUsers } from '../../config/dev-users';
import { createOfficeCa, OFFICE_CA_FILES } from '../../documents/signing/office-ca';
import { createOfficeSealPair, OFFICE_SEAL_FILES } from '../../documents/signing/office-seal';
import { parseCrlSerials, type CaMaterial } from '../../documents/signing/pki';
import { loadOffice } from '../../store/certificate-layouts';
import { openRecords, type Records } from '../../store/records';
import { ensureOfficePki, loadOrCreateOfficeSeal, publishOfficeCrl, signerUsers } from '../../worker/office-pki';

describe('office PKI at worker start, in the records database (issue 8 finding 6, issue 7 development PKI, issue 11 §1)', function () {
  this.timeout(60_000);
  let dir: string;
  let records: Records;
  const pkiKey = crypto.randomBytes(32);
  /** Making a CA (an RSA-3072 key) is the slow part: one is made here for the tests that import files. */
  let filesCa: CaMaterial | undefined;
  const writeLegacyFiles = (pair: CaMaterial, files: { certFile: string; keyFile: string }) => {
    fs.writeFileSync(path.join(dir, files.certFile), pair.certPem);
    fs.writeFileSync(path.join(dir, files.keyFile), pair.keyPem, { mode: 0o600 });
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sahkan-office-pki-'));
    records = await openRecords(':memory:', { pkiKey });
  });

  afterEach(async () => {
    await records.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the CA in the database and publishes a signed, empty CRL there from the first start, without dev users no certificates', async () => {
    expect(await records.officePki.crlPem()).to.equal(undefined);
    const ca = await ensureOfficePki(records, dir, loadOffice(), []);
    const root = new crypto.X509Certificate(ca.certPem);
    expect(root.ca).to.equal(true);
    expect(root.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(3072);
    expect(await records.officePki.certPem('root-ca')).to.equal(ca.certPem);
    const crl = await records.officePki.crlPem();
    expect(crl).to.match(/^-----BEGIN X509 CRL-----/);
    expect(parseCrlSerials(crl!, ca.certPem).size).to.equal(0); // throws unless signed by the office CA
    expect(await records.signers.list()).to.deep.equal([]);
    expect(fs.readdirSync(dir)).to.deep.equal([]); // nothing written to the data folder
    expect((await ensureOfficePki(records, dir, loadOffice(), [])).certPem).to.equal(ca.certPem); // a restart keeps it
  });

  it('imports the CA and seal files of an older installation once: the certificates it issued keep chaining to it', async () => {
    filesCa ??= createOfficeCa(loadOffice());
    const sealFiles = createOfficeSealPair(filesCa, loadOffice());
    writeLegacyFiles(filesCa, OFFICE_CA_FILES);
    writeLegacyFiles(sealFiles, OFFICE_SEAL_FILES);
    const kepala = signerUsers(loadDevUsers())[0]!;
    const ca = await ensureOfficePki(records, dir, loadOffice(), [kepala]);
    expect(ca).to.deep.equal(filesCa);
    const cert = await records.signers.active(kepala.id);
    expect(new crypto.X509Certificate(cert!.certPem).verify(new crypto.X509Certificate(filesCa.certPem).publicKey)).to.equal(true);
    const seal = await loadOrCreateOfficeSeal(records, dir, ca, loadOffice());
    expect(seal.certPem).to.equal(sealFiles.certPem);
    // Once in the database, the files are not read again: another folder's files change nothing.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    expect((await ensureOfficePki(records, dir, loadOffice(), [])).certPem).to.equal(filesCa.certPem);
    expect((await loadOrCreateOfficeSeal(records, dir, ca, loadOffice())).certPem).to.equal(sealFiles.certPem);
  });

  it('issues development certificates only for the signers it is given, once, and republishes the CRL with a revocation', async () => {
    filesCa ??= createOfficeCa(loadOffice());
    writeLegacyFiles(filesCa, OFFICE_CA_FILES); // the fast way to a CA here
    const signers = signerUsers(loadDevUsers());
    expect(signers.length).to.be.greaterThan(0);
    const ca = await ensureOfficePki(records, dir, loadOffice(), signers);
    const first = await records.signers.list();
    expect(first.map((c) => c.userId).sort()).to.deep.equal(signers.map((s) => s.id).sort());
    await ensureOfficePki(records, dir, loadOffice(), signers);
    expect((await records.signers.list()).length).to.equal(first.length);

    const cert = await records.signers.active(signers[0]!.id);
    expect(await records.signers.revoke(cert!.serial, 'kunci hilang')).to.equal(true);
    const crl = await publishOfficeCrl(records, ca);
    expect([...parseCrlSerials(crl, ca.certPem)]).to.deep.equal([cert!.serial]);
    expect(await records.officePki.crlPem()).to.equal(crl);
    // a restart keeps the revocation in the list it republishes
    await ensureOfficePki(records, dir, loadOffice(), []);
    expect([...parseCrlSerials((await records.officePki.crlPem())!, ca.certPem)]).to.deep.equal([cert!.serial]);
  });
});

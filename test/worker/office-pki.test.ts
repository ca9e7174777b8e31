import crypto from 'node:crypto';
import { loadOffice } from '../../store/certificate-layouts';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadDevUsers } from '../../config/dev-users';
import { loadOrCreateOfficeCa, readOfficeCrlPem } from '../../documents/signing/office-ca';
import { parseCrlSerials } from '../../documents/signing/pki';
import { openRecords, type Records } from '../../store/records';
import { ensureOfficePki, publishOfficeCrl, signerUsers } from '../../worker/office-pki';

describe('office PKI at worker start (issue 8 finding 6, issue 7 development PKI)', function () {
  this.timeout(60_000);
  let dir: string;
  let records: Records;
  /**
   * Making the office CA (an RSA-3072 key) is the slow part: the first test makes one from nothing (a first
   * start) and keeps a copy here; the others start from that CA, as a restarted worker does.
   */
  let keptCa: string | undefined;
  const isCaFile = (name: string) => name.startsWith('office-root-ca.');
  const keepCa = (from: string) => {
    if (keptCa) return;
    keptCa = fs.mkdtempSync(path.join(tmpdir(), 'sahkan-office-ca-'));
    for (const name of fs.readdirSync(from).filter(isCaFile)) fs.copyFileSync(path.join(from, name), path.join(keptCa, name));
  };
  const withKeptCa = (to: string) => {
    if (!keptCa) {
      const fresh = fs.mkdtempSync(path.join(tmpdir(), 'sahkan-office-ca-'));
      loadOrCreateOfficeCa(fresh, loadOffice());
      keepCa(fresh);
      fs.rmSync(fresh, { recursive: true, force: true });
    }
    for (const name of fs.readdirSync(keptCa!).filter(isCaFile)) fs.copyFileSync(path.join(keptCa!, name), path.join(to, name));
  };
  after(() => keptCa && fs.rmSync(keptCa, { recursive: true, force: true }));

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sahkan-office-pki-'));
    records = await openRecords(':memory:');
  });

  afterEach(async () => {
    await records.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes a signed, empty CRL from the first start and issues no development certificates without dev users', async () => {
    expect(readOfficeCrlPem(dir)).to.equal(undefined);
    const ca = await ensureOfficePki(records, dir, loadOffice(), []);
    const root = new crypto.X509Certificate(ca.certPem);
    expect(root.ca).to.equal(true);
    expect(root.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(3072);
    const crl = readOfficeCrlPem(dir);
    expect(crl).to.match(/^-----BEGIN X509 CRL-----/);
    expect(parseCrlSerials(crl!, ca.certPem).size).to.equal(0); // throws unless signed by the office CA
    expect(await records.signers.list()).to.deep.equal([]);
    keepCa(dir);
  });

  it('issues development certificates only for the signers it is given, once', async () => {
    const signers = signerUsers(loadDevUsers());
    expect(signers.length).to.be.greaterThan(0);
    withKeptCa(dir);
    await ensureOfficePki(records, dir, loadOffice(), signers);
    const first = await records.signers.list();
    expect(first.map((c) => c.userId).sort()).to.deep.equal(signers.map((s) => s.id).sort());
    await ensureOfficePki(records, dir, loadOffice(), signers);
    expect((await records.signers.list()).length).to.equal(first.length);
  });

  it('republishes the CRL with a revoked certificate', async () => {
    const kepala = signerUsers(loadDevUsers())[0]!;
    withKeptCa(dir);
    const ca = await ensureOfficePki(records, dir, loadOffice(), [kepala]);
    const cert = await records.signers.active(kepala.id);
    expect(await records.signers.revoke(cert!.serial, 'kunci hilang')).to.equal(true);
    const file = await publishOfficeCrl(records, dir, ca);
    expect([...parseCrlSerials(fs.readFileSync(file, 'utf8'), ca.certPem)]).to.deep.equal([cert!.serial]);
    // a restart keeps the revocation in the list it republishes
    await ensureOfficePki(records, dir, loadOffice(), []);
    expect([...parseCrlSerials(readOfficeCrlPem(dir)!, ca.certPem)]).to.deep.equal([cert!.serial]);
  });
});

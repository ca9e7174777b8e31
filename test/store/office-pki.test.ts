import { expect } from 'chai';
import crypto from 'node:crypto';
import { OfficeKeyLocked } from '../../store/office-pki';
import { openDatabase } from '../../store/database';
import { openRecords, type Records } from '../../store/records';
import { DIALECTS, testDatabase, type TTestDatabase } from '../harness/databases';

/** Stand-ins for a certificate and its key: the store keeps text, the worker's suite uses real ones. */
const pair = (tag: string) => ({ certPem: `-----BEGIN CERTIFICATE-----\n${tag}\n-----END CERTIFICATE-----\n`, keyPem: `-----BEGIN PRIVATE KEY-----\nkey of ${tag}\n-----END PRIVATE KEY-----\n` });

for (const dialect of DIALECTS) describe(`store/office-pki: the office's keys and CRL in the records database (${dialect})`, () => {
  let database: TTestDatabase;
  const pkiKey = crypto.randomBytes(32);
  const open: Records[] = [];
  /** `null`: without a PKI key, as the API opens them. */
  const records = async (key: Buffer | null = pkiKey): Promise<Records> => {
    const r = await openRecords(database.location, key ? { pkiKey: key } : {});
    open.push(r);
    return r;
  };

  beforeEach(async () => {
    database = await testDatabase(dialect, { migrated: true });
  });
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
    await database.dispose();
  });

  it('keeps the private key sealed at rest and gives it back to another instance with the same secret', async () => {
    const first = await records();
    expect(await first.officePki.loadOrCreate('root-ca', () => pair('ca'))).to.deep.equal(pair('ca'));
    const second = await records();
    let created = 0;
    expect(await second.officePki.loadOrCreate('root-ca', () => (created++, pair('other')))).to.deep.equal(pair('ca'));
    expect(created).to.equal(0);

    const db = openDatabase(database.location);
    try {
      const row = await db.selectFrom('office_keys').selectAll().where('name', '=', 'root-ca').executeTakeFirstOrThrow();
      expect(row.cert_pem).to.equal(pair('ca').certPem);
      expect(row.sealed_key).not.to.include('key of ca');
      expect(row.sealed_key).not.to.include('PRIVATE KEY');
    } finally {
      await db.destroy();
    }
  });

  it('keeps one CA when instances race to create it', async () => {
    const racers: Records[] = [];
    for (let i = 0; i < 4; i++) racers.push(await records()); // opened in turn: the race is the creation
    const got = await Promise.all(racers.map((r, i) => r.officePki.loadOrCreate('root-ca', async () => pair(`ca ${i}`))));
    expect(new Set(got.map((g) => g.certPem)).size).to.equal(1);
    expect(got.every((g) => g.keyPem === got[0]!.keyPem)).to.equal(true);
    expect(await racers[0]!.officePki.certPem('root-ca')).to.equal(got[0]!.certPem);
  });

  it('refuses clearly, naming the secret, a key sealed under another secret; reads certificates without any secret', async () => {
    await (await records()).officePki.loadOrCreate('seal', () => pair('seal'));
    const wrong = await (await records(crypto.randomBytes(32))).officePki.loadOrCreate('seal', () => pair('never')).catch((e: unknown) => e);
    expect(wrong).to.be.instanceOf(OfficeKeyLocked);
    expect((wrong as Error).message).to.include('SAHKAN_PKI_SECRET').and.include('"seal"');
    const api = await records(null); // the API has no PKI key: certificates and the CRL only
    expect(await api.officePki.certPem('seal')).to.equal(pair('seal').certPem);
    expect(await api.officePki.certPem('root-ca')).to.equal(undefined);
    expect(String(await api.officePki.loadOrCreate('seal', () => pair('x')).catch((e: unknown) => e))).to.include('SAHKAN_PKI_SECRET');
  });

  it('publishes the CRL as one row the API reads, never replaced by one signed earlier', async () => {
    const worker = await records();
    const api = await records(null);
    expect(await api.officePki.crlPem()).to.equal(undefined);
    await worker.officePki.publishCrl('crl at 10:00', new Date('2026-12-02T10:00:00Z'));
    expect(await api.officePki.crlPem()).to.equal('crl at 10:00');
    await worker.officePki.publishCrl('crl at 11:00', new Date('2026-12-02T11:00:00Z'));
    await worker.officePki.publishCrl('crl at 10:30, late', new Date('2026-12-02T10:30:00Z'));
    expect(await api.officePki.crlPem()).to.equal('crl at 11:00');
  });
});

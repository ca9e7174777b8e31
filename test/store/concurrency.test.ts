import crypto from 'node:crypto';
import { expect } from 'chai';
import { openRecords, type Records } from '../../store/records';
import { DIALECTS, testDatabase, type TTestDatabase } from '../harness/databases';

/**
 * What must hold when several processes share the records: on PostgreSQL two stores (two connection pools) race
 * here, as an API and a worker, or two workers, would. SQLite runs the same races on one connection: its
 * processes take turns through the database's write lock (`begin immediate`), which one process cannot show
 * (better-sqlite3 waits for a lock synchronously, so two connections in one process would wait on each other).
 */
for (const dialect of DIALECTS) describe(`store: correctness when two processes share the records (${dialect})`, () => {
  let database: TTestDatabase;
  let a: Records;
  let b: Records;

  beforeEach(async () => {
    database = await testDatabase(dialect, { migrated: true });
    const grantKey = crypto.randomBytes(32);
    a = await openRecords(database.location, { grantKey });
    b = dialect === 'postgres' ? await openRecords(database.location, { grantKey }) : a;
  });

  afterEach(async () => {
    await a.close();
    if (b !== a) await b.close();
    await database.dispose();
  });

  const both = <T>(n: number, work: (records: Records, i: number) => Promise<T>) =>
    Promise.allSettled(Array.from({ length: n }, (_, i) => work(i % 2 === 0 ? a : b, i)));

  it('numbers registrations from both gaplessly, each case once, even when both register the same case at once', async () => {
    const registration = (caseId: string) => ({ caseId, kind: 'permit' as const, typeId: 'pbg', typeCode: 'PBG', applicantId: 'siti', submittedAt: '2026-12-02T02:00:00.000Z', year: 2026 });
    // 60 registrations of 40 cases: cases 0..19 are registered twice, once through each store, at the same moment.
    const results = await both(60, (records, i) => records.registerCase(registration(`c${i < 40 ? i : i - 40}`)));
    expect(results.filter((r) => r.status === 'rejected')).to.deep.equal([]);
    const numbers = results.map((r) => (r as PromiseFulfilledResult<{ registrationNumber: string }>).value.registrationNumber);
    const byCase = new Map<string, string>();
    numbers.forEach((n, i) => {
      const caseId = `c${i < 40 ? i : i - 40}`;
      expect(byCase.get(caseId) ?? n, caseId).to.equal(n);
      byCase.set(caseId, n);
    });
    const sequence = [...byCase.values()].map((n) => Number(n.split('/').pop())).sort((x, y) => x - y);
    expect(sequence).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('reserves a document number once per key when both reserve it at once, and the series goes on without a gap', async () => {
    const format = (seq: number) => `IZIN/${String(seq).padStart(4, '0')}`;
    const results = await both(10, (records) => records.issuance.reserveNumber('case-9:permit-number', 'izin-2026', format));
    expect(results.filter((r) => r.status === 'rejected')).to.deep.equal([]);
    const numbers = new Set(results.map((r) => (r as PromiseFulfilledResult<{ number: string }>).value.number));
    expect([...numbers]).to.deep.equal(['IZIN/0001']);
    expect((await b.issuance.reserveNumber('case-10:permit-number', 'izin-2026', format)).number).to.equal('IZIN/0002');
  });

  it('redeems a signing grant once when both stores redeem it at the same moment', async () => {
    const grantId = await a.signers.createGrant({ userId: 'kepala', caseId: 'case-1', serial: '01', passphrase: 'rahasia', ttlMs: 60_000 });
    const record = (step: string) => ({ caseId: 'case-1', step, inputSha256: 'a'.repeat(64), outputSha256: 'b'.repeat(64), userId: 'kepala', signerName: 'Kepala', serial: '01', signedAt: new Date().toISOString() });
    // Two different steps, so that the loser cannot be answered with the winner's record (a retry of the same step is).
    const results = await Promise.allSettled([a.signers.redeemGrant(grantId, record('certificate')), b.signers.redeemGrant(grantId, record('seal'))]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).to.contain('already spent');
    const signed = await Promise.all(['certificate', 'seal'].map((step) => a.signers.signature('case-1', step)));
    expect(signed.filter(Boolean)).to.have.length(1);
    expect(await b.signers.unsealGrant(grantId)).to.equal(undefined);
  });

  it('counts every passphrase attempt made through both stores at once (the throttle cannot be outrun)', async () => {
    const config = { freeFailures: 100, baseDelayMs: 600_000, maxFailures: 200, lockMs: 60_000 };
    const gates = await both(12, (records) => records.security.beginAttempt('kepala', config));
    expect(gates.every((g) => g.status === 'fulfilled' && g.value.allowed)).to.equal(true);
    await both(12, (records) => records.security.attemptFailed('kepala', config));
    // 12 attempts begun, each counted: with 12 free failures the 13th must wait ten minutes (a lost count would let it through;
    // the long wait keeps a slow machine from letting it through by time alone).
    expect(await a.security.beginAttempt('kepala', { ...config, freeFailures: 12 })).to.include({ allowed: false });
  });

  it('numbers calendar changes made through both stores at once 1..n, none refused', async () => {
    const dates = Array.from({ length: 8 }, (_, i) => `2027-01-${String(i + 4).padStart(2, '0')}`);
    const changes = await both(dates.length, (records, i) => records.calendarClosures.add({ date: dates[i]!, reason: 'Cuti bersama', by: 'admin' }));
    expect(changes.filter((c) => c.status === 'rejected')).to.deep.equal([]);
    const revisions = changes.map((c) => (c as PromiseFulfilledResult<{ change: { revision: number } }>).value.change.revision).sort((x, y) => x - y);
    expect(revisions).to.deep.equal(dates.map((_, i) => i + 1));
  });

  it('gives each outbox message to exactly one of two dispatchers claiming at once', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `case-1:notice-${i}`);
    for (const key of keys) await a.outbox.enqueue({ key, caseId: 'case-1', recipient: 'siti@example.id', subject: 's', body: 'b' });
    const claims = await Promise.all([
      ...[0, 1, 2].map((round) => a.outbox.claim(keys, `a${round}`, 60_000)),
      ...[0, 1, 2].map((round) => b.outbox.claim(keys, `b${round}`, 60_000)),
    ]);
    const all = claims.flatMap((set) => [...set]);
    expect(all.sort()).to.deep.equal([...keys].sort()); // every message claimed, none twice
    expect(await a.outbox.pending(100)).to.deep.equal([]); // held: nobody else sees them

    // A claim that ran out (a dispatcher that died) is taken over; a live one is not.
    const later = new Date(Date.now() + 61_000);
    expect((await b.outbox.claim(keys.slice(0, 5), 'c', 60_000, later)).size).to.equal(5);
    expect((await a.outbox.claim(keys.slice(0, 5), 'd', 60_000, later)).size).to.equal(0);
  });
});

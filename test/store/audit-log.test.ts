import { expect } from 'chai';
import { sql, type Kysely } from 'kysely';
import type { TCaseEvent, TCaseProjection } from '../../domain/case';
import { canonicalJson } from '../../domain/transparency/log-entry';
import { adminActionItem } from '../../store/admin-items';
import { leafHashOf, type TLogItem } from '../../store/audit-log';
import { openDatabase, type TDatabase } from '../../store/database';
import { fromHex, logMerkle, sha256Hex, toHex } from '../../store/log-merkle';
import { openRecords, type Records } from '../../store/records';
import { DIALECTS, testDatabase, type TTestDatabase } from '../harness/databases';

const event = (caseId: string, seq: number, comment: string | null = null): TCaseEvent => ({
  caseId,
  seq,
  at: new Date(Date.UTC(2026, 11, 2, 1, seq)).toISOString(),
  actorId: 'reviewer-1',
  role: 'reviewer',
  action: seq === 0 ? 'submitted' : 'approve',
  stageId: seq === 0 ? null : 'review',
  comment,
});

const projection = (caseId: string, version: number, events: TCaseEvent[]): TCaseProjection => ({
  caseId,
  version,
  status: 'in_review',
  stageId: 'review',
  stageName: 'Review',
  fields: {},
  facts: { kind: 'permit', flags: [] },
  documents: {},
  stageDueAt: null,
  caseDueAt: null,
  closedAt: null,
  outcomeReason: null,
  tasks: [],
  events,
});

const item = (key: string): TLogItem => ({ key, at: '2026-12-02T00:00:00.000Z', kind: 'security', action: 'test', actor: 'system', subjects: { key }, content: { key } });

/** A tree head as the publisher signs it (the signature itself is the worker's, not this suite's). */
async function headOf(records: Records) {
  const treeSize = await records.auditLog.size();
  return { treeSize, rootHash: await records.auditLog.rootHash(treeSize), timestamp: new Date().toISOString(), signature: 'test' };
}

/** The tampering tests run against the database directly, as someone with database access would. */
for (const dialect of DIALECTS) describe(`store/audit-log: the transparency log (${dialect})`, () => {
  let database: TTestDatabase;
  let records: Records;
  let db: Kysely<TDatabase>;
  beforeEach(async () => {
    database = await testDatabase(dialect, { migrated: true });
    records = await openRecords(database.location);
    db = openDatabase(database.location);
  });
  afterEach(async () => {
    await db.destroy();
    await records.close();
    await database.dispose();
  });

  async function caseWithEvents(caseId: string, count: number) {
    await records.registerCase({ caseId, kind: 'permit', typeId: 'pbg', typeCode: 'PBG', applicantId: 'applicant-1', submittedAt: '2026-12-02T00:00:00.000Z', year: 2026 });
    await records.projectCase(projection(caseId, 1, Array.from({ length: count }, (_, i) => event(caseId, i, i === 1 ? 'Budi Santoso, NIK 6171010101010001' : null))));
  }

  it('logs each case event once, in order, by id only: a repeated projection appends nothing', async () => {
    await caseWithEvents('case-a', 3);
    await records.projectCase(projection('case-a', 2, [event('case-a', 2), event('case-a', 3)]));
    await records.projectCase(projection('case-a', 2, [event('case-a', 2), event('case-a', 3)])); // a retried activity
    const entries = await records.auditLog.entries(0, 100);
    expect(entries.map((e) => [e.seq, e.key, e.action])).to.deep.equal([
      [0, 'case-event:case-a:0', 'submitted'],
      [1, 'case-event:case-a:1', 'approve'],
      [2, 'case-event:case-a:2', 'approve'],
      [3, 'case-event:case-a:3', 'approve'],
    ]);
    expect(entries[1]).to.deep.include({ kind: 'case-event', actor: 'reviewer-1', subjects: { caseId: 'case-a', stageId: 'review' } });
    // The comment's personal data is in the hash of the event, never in the log.
    const stored = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
    expect(stored).not.to.match(/Budi|6171010101010001/);
    for (const e of entries) expect(leafHashOf(e)).to.equal(e.leafHash);
  });

  it('keeps one event and one log entry each when two writers project the same versions at once (the API and the projector)', async () => {
    // PostgreSQL: a second pool, as another process has. SQLite serialises writers on the file's lock (begin
    // immediate); two connections in one thread would wait for each other synchronously, so they share one.
    const second = dialect === 'postgres' ? await openRecords(database.location) : records;
    try {
      await records.registerCase({ caseId: 'case-w', kind: 'permit', typeId: 'pbg', typeCode: 'PBG', applicantId: 'applicant-1', submittedAt: '2026-12-02T00:00:00.000Z', year: 2026 });
      const events = (upTo: number, from = 0) => Array.from({ length: upTo - from + 1 }, (_, i) => event('case-w', from + i));
      for (let version = 1; version <= 6; version++) {
        const last = 3 * version;
        // The API writes every event the projector has not confirmed (from 0 here), the projector those since its last write.
        await Promise.all([
          records.projectCase({ ...projection('case-w', version, events(last)), status: version === 6 ? 'approved' : 'in_review' }),
          second.projectCase({ ...projection('case-w', version, events(last, last - 2)), status: version === 6 ? 'approved' : 'in_review' }),
        ]);
      }
      expect((await records.listEvents('case-w')).map((e) => e.seq)).to.deep.equal(events(18).map((e) => e.seq));
      expect(await records.getCase('case-w')).to.include({ version: 6, status: 'approved' });
      const entries = await records.auditLog.entries(0, 1000);
      expect(entries.map((e) => e.key)).to.have.members(events(18).map((e) => `case-event:case-w:${e.seq}`));
      expect(await records.auditLog.audit()).to.deep.include({ alteredRows: [], firstGap: null, brokenHeads: [] });
    } finally {
      if (second !== records) await second.close();
    }
  });

  it('numbers concurrent appends without gaps or duplicates, each key once', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    // Each key twice, interleaved, in batches of one to three: racing writers through the connection pool.
    const batches = [...keys, ...keys].map((k, i) => [item(k), ...(i % 3 === 0 ? [item(`${k}-b`)] : []), ...(i % 5 === 0 ? [item(`${k}-c`)] : [])]);
    await Promise.all(batches.map((batch) => records.auditLog.append(batch)));
    const entries = await records.auditLog.entries(0, 1000);
    expect(entries.map((e) => e.seq)).to.deep.equal(entries.map((_, i) => i));
    expect(new Set(entries.map((e) => e.key)).size).to.equal(entries.length);
    expect(entries.length).to.equal(new Set(batches.flat().map((i) => i.key)).size);
    expect(await records.auditLog.audit()).to.deep.include({ alteredRows: [], firstGap: null, brokenHeads: [] });
  });

  it('detects a past row edited in the database: its leaf no longer recomputes, and once recomputed the signed root breaks', async () => {
    await caseWithEvents('case-b', 6);
    const head = await headOf(records);
    await records.auditLog.saveTreeHead(head);
    const entry = (await records.auditLog.entries(2, 3))[0]!;
    const proof = logMerkle.inclusionProof(await records.auditLog.leafHashes(head.treeSize), 2);
    const included = (leafHash: string) => logMerkle.verifyInclusion({ leafHash: fromHex(leafHash), index: 2, treeSize: head.treeSize, proof, root: fromHex(head.rootHash) });
    expect(included(leafHashOf(entry))).to.equal(true);

    // Someone with database access changes who decided.
    await db.updateTable('audit_log').set({ actor: 'someone-else' }).where('seq', '=', 2).execute();
    const edited = (await records.auditLog.entries(2, 3))[0]!;
    expect(included(leafHashOf(edited)), 'the edited entry against the signed head').to.equal(false);
    expect(await records.auditLog.audit()).to.deep.include({ alteredRows: [2], brokenHeads: [] });

    // … and rewrites its leaf hash to match: the row checks out, the signed head does not.
    await db.updateTable('audit_log').set({ leaf_hash: leafHashOf(edited) }).where('seq', '=', 2).execute();
    const audit = await records.auditLog.audit();
    expect(audit.alteredRows).to.deep.equal([]);
    expect(audit.brokenHeads.map((h) => h.rootHash)).to.deep.equal([head.rootHash]);
    const rewritten = await records.auditLog.leafHashes(head.treeSize);
    expect(logMerkle.verifyInclusion({ leafHash: rewritten[2]!, index: 2, treeSize: head.treeSize, proof: logMerkle.inclusionProof(rewritten, 2), root: fromHex(head.rootHash) })).to.equal(false);
  });

  it('detects a truncated log: the consistency proof to the old signed head fails, even after the log grew past it', async () => {
    await caseWithEvents('case-c', 7);
    const head = await headOf(records);
    await records.auditLog.saveTreeHead(head);

    await sql`delete from audit_log where seq >= 4`.execute(db);
    expect((await records.auditLog.audit()).brokenHeads).to.have.length(1);
    // New entries take the freed places: the log is as long as before and longer, but not the one that was signed.
    await records.auditLog.append([item('x1'), item('x2'), item('x3'), item('x4'), item('x5')]);
    const size = await records.auditLog.size();
    expect(size).to.be.greaterThan(head.treeSize);
    const leaves = await records.auditLog.leafHashes(size);
    const consistent = logMerkle.verifyConsistency({
      first: head.treeSize,
      second: size,
      firstRoot: fromHex(head.rootHash),
      secondRoot: logMerkle.rootHash(leaves),
      proof: logMerkle.consistencyProof(leaves, head.treeSize),
    });
    expect(consistent).to.equal(false);
    expect(toHex(logMerkle.rootHash(leaves.slice(0, head.treeSize)))).not.to.equal(head.rootHash);
    // The subtrees this process kept of the signed log are dropped: what it answers now is the stored log's.
    expect(await records.auditLog.rootHash(size)).to.equal(toHex(logMerkle.rootHash(leaves)));
    expect(await records.auditLog.rootHash(head.treeSize)).to.equal(toHex(logMerkle.rootHash(leaves.slice(0, head.treeSize))));
  });

  it('answers roots and proofs from the subtrees it keeps exactly as from all the leaf hashes, as the log grows', async () => {
    for (const batch of [3, 1, 4, 9, 2]) {
      const from = await records.auditLog.size();
      await records.auditLog.append(Array.from({ length: batch }, (_, i) => item(`grow-${from + i}`)));
      const size = await records.auditLog.size();
      const leaves = await records.auditLog.leafHashes(size);
      const tree = await records.auditLog.tree(size);
      expect(toHex(logMerkle.rootOf(tree))).to.equal(toHex(logMerkle.rootHash(leaves)));
      expect(await records.auditLog.rootHash(from || 1)).to.equal(toHex(logMerkle.rootHash(leaves.slice(0, from || 1))));
      for (const index of [0, size - 1, Math.floor(size / 2)]) expect(logMerkle.inclusionProofOf(tree, index).map(toHex)).to.deep.equal(logMerkle.inclusionProof(leaves, index).map(toHex));
      expect(logMerkle.consistencyProofOf(tree, from || 1).map(toHex)).to.deep.equal(logMerkle.consistencyProof(leaves, from || 1).map(toHex));
    }
  });

  it('logs signatures, issuance, revocation, certificates and calendar changes with their actors', async () => {
    await records.signers.save({ serial: 'ab01', userId: 'signer-1', commonName: 'Ibu Kepala', certPem: 'PEM', encryptedKeyPem: 'SECRET-KEY', notAfter: '2029-01-01T00:00:00.000Z', issuedAt: '2026-12-02T00:00:00.000Z', revokedAt: null, revocationReason: null });
    await records.signers.revoke('ab01', 'key lost', new Date('2026-12-02T01:00:00.000Z'), 'admin-1');
    await records.signers.revoke('ab01', 'again', new Date('2026-12-02T02:00:00.000Z'), 'admin-1'); // already revoked: nothing new
    const doc = { number: 'PBG/2026/1', caseId: 'case-d', kind: 'permit' as const, typeId: 'pbg', title: 'PBG', holderName: 'Budi Santoso', sha256: 'c'.repeat(64), issuedAt: '2026-12-02T03:00:00.000Z', signerName: 'Ibu Kepala', serial: 'ab01' };
    await records.issuance.register(doc);
    await records.issuance.register(doc);
    expect(await records.issuance.changeStatus(doc.number, 'revoked', 'error', new Date('2026-12-02T04:00:00.000Z'), 'data_error', 'admin-1')).to.equal(true);
    await records.calendarClosures.add({ date: '2026-12-24', reason: 'Banjir', by: 'admin-2' });
    const entries = await records.auditLog.entries(0, 100);
    expect(entries.map((e) => [e.kind, e.action, e.actor])).to.deep.equal([
      ['pki', 'certificate_issued', 'system'],
      ['pki', 'certificate_revoked', 'admin-1'],
      ['issuance', 'issued', 'system'],
      ['document-status', 'revoked', 'admin-1'],
      ['calendar-change', 'added', 'admin-2'],
      ['admin', 'calendar_closure_added', 'admin-2'],
    ]);
    expect(entries[2]!.subjects).to.deep.equal({ caseId: 'case-d', number: 'PBG/2026/1', documentSha256: 'c'.repeat(64) });
    expect(JSON.stringify(entries)).not.to.match(/Budi|Ibu Kepala|SECRET-KEY/);
  });

  it("logs an administrator's action with the change, in its transaction, once per request, the request hashed", async () => {
    const hashOf = (action: string, target: string, request: unknown) => sha256Hex(canonicalJson({ action, target, request }));
    const added = await records.calendarClosures.add({ date: '2026-12-28', reason: 'Banjir rob', by: 'admin-3' });
    await records.calendarClosures.add({ date: '2026-12-28', reason: 'Banjir rob', by: 'admin-3' }).catch(() => undefined); // refused: already there
    await records.calendarClosures.remove({ date: '2026-12-28', by: 'admin-3' });
    const doc = { number: 'PBG/2026/7', caseId: 'case-e', kind: 'permit' as const, typeId: 'pbg', title: 'PBG', holderName: 'Siti Aminah', sha256: 'd'.repeat(64), issuedAt: '2026-12-02T03:00:00.000Z', signerName: 'Ibu Kepala', serial: 'ab01' };
    await records.issuance.register(doc);
    const revocation = (at: string) =>
      records.issuance.changeStatus(doc.number, 'revoked', 'catatan internal', new Date(at), 'data_error', 'admin-3', [
        adminActionItem({ action: 'permit_revoked', actorId: 'admin-3', target: doc.number, ids: { caseId: doc.caseId }, request: { reasonCode: 'data_error', reason: 'catatan internal' }, once: doc.number, at }),
      ]);
    expect(await revocation('2026-12-02T05:00:00.000Z')).to.equal(true);
    expect(await revocation('2026-12-02T06:00:00.000Z')).to.equal(false);
    const admin = (await records.auditLog.entries(0, 100)).filter((e) => e.kind === 'admin');
    expect(admin.map((e) => [e.action, e.actor, e.subjects.target])).to.deep.equal([
      ['calendar_closure_added', 'admin-3', '2026-12-28'],
      ['calendar_closure_removed', 'admin-3', '2026-12-28'],
      ['permit_revoked', 'admin-3', doc.number],
    ]);
    expect(admin[0]).to.deep.include({ key: `admin:calendar_closure_added:${added.change.changeId}`, contentSha256: hashOf('calendar_closure_added', '2026-12-28', { date: '2026-12-28', reason: 'Banjir rob' }) });
    expect(admin[1]!.contentSha256).to.equal(hashOf('calendar_closure_removed', '2026-12-28', { date: '2026-12-28' }));
    expect(admin[2]!.contentSha256).to.equal(hashOf('permit_revoked', doc.number, { reasonCode: 'data_error', reason: 'catatan internal' }));
    expect(JSON.stringify(admin)).not.to.match(/Banjir rob|catatan internal|Siti Aminah/);
  });
});

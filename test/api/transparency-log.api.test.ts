import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'kysely';
import { logEntryBytes, treeHeadBytes } from '../../domain/transparency/log-entry';
import { publishTreeHead } from '../../activities/tree-head.activity';
import { createApp } from '../../api/app';
import { sealBytes, type TOfficeSeal } from '../../documents/signing/office-seal';
import { verifyLog } from '../../scripts/log-verify';
import type { TLogItem } from '../../store/audit-log';
import { openDatabase } from '../../store/database';
import { openRecords, type Records } from '../../store/records';
import { fromHex, logMerkle } from '../../store/log-merkle';
import { submit } from '../harness/api-client';
import { decideAll, signAsHead, view } from '../harness/cases';
import { testDatabase, type TTestDatabase } from '../harness/databases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

const listen = (app: http.RequestListener) =>
  new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = (app as unknown as { listen: (port: number, host: string, cb: () => void) => http.Server }).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });

/** The office seal the worker holds (the test reads its key from the records, as the worker does). */
async function theSeal(): Promise<TOfficeSeal> {
  const pair = await harness().records.officePki.loadOrCreate('seal', () => {
    throw new Error('the worker created no seal');
  });
  return { name: 'seal', certPem: pair.certPem, chainPems: [], key: crypto.createPrivateKey(pair.keyPem) };
}

describe('transparency log over the API (issue 13 §1)', function () {
  this.timeout(120_000);
  const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-log-verify-')), 'head.json');

  it('signs a head on demand in the worker, proves a case event in it, and log:verify follows the chain from outside', async () => {
    const res = await submit('reklame');
    expect(res.status).to.equal(201);
    const caseId = res.body.id as string;
    const submitted = await until(() => harness().records.auditLog.entryByKey(`case-event:${caseId}:1`), 'the submission in the log');
    const admin = await harness().token('admin');
    const first = await harness().http().post('/api/v1/admin/log/tree-head').set('Authorization', admin);
    expect(first.status).to.equal(201);
    expect(first.body.treeSize).to.be.greaterThan(submitted.seq);
    const certPem = (await harness().http().get('/api/v1/public/log/seal.pem')).text;
    expect(crypto.verify('sha256', treeHeadBytes(first.body), new crypto.X509Certificate(certPem).publicKey, Buffer.from(first.body.signature, 'base64'))).to.equal(true);
    // A head is also an administrator's action, logged.
    const after = await harness().records.auditLog.entries(first.body.treeSize, (await harness().records.auditLog.size()) + 1);
    expect(after.find((e) => e.kind === 'admin' && e.subjects.timestamp === first.body.timestamp)).to.include({ actor: 'admin', action: 'tree_head_requested' });

    const server = await listen(harness().app);
    try {
      // A case event is no public act: outside, its published leaf proves into the head; an auditor recomputes it.
      const run1 = await verifyLog({ baseUrl: server.url, statePath: state, entry: submitted.leafHash });
      expect(run1.ok, run1.lines.join('\n')).to.equal(true);
      expect(run1.lines.join('\n')).to.match(/ok {2}tree head signature/).and.match(/ok {2}inclusion: entry \d+ \(not a public act: its fields are withheld/).and.match(/first run/);
      expect(run1.lines.join('\n')).not.to.include(caseId);
      const audited = await verifyLog({ baseUrl: server.url, entry: submitted.leafHash, auditorToken: (await harness().token('inspektur')).slice('Bearer '.length) });
      expect(audited.ok, audited.lines.join('\n')).to.equal(true);
      expect(audited.lines.join('\n')).to.match(/ok {2}inclusion: entry \d+ \(case-event submitted by budi .*\), leaf [0-9a-f]{64} recomputed from its fields/);

      await submit('reklame');
      const second = await harness().http().post('/api/v1/admin/log/tree-head').set('Authorization', admin);
      expect(second.body.treeSize).to.be.greaterThan(first.body.treeSize);
      const run2 = await verifyLog({ baseUrl: server.url, statePath: state, entry: String(submitted.seq), certPem });
      expect(run2.ok, run2.lines.join('\n')).to.equal(true);
      expect(run2.lines.join('\n')).to.match(/ok {2}consistency: the head of .* \(size \d+\) is a prefix of this one/).and.match(/\(pinned\)/);
    } finally {
      await server.close();
    }
  });

  it('publishes public acts whole and every other entry as its place and leaf hash; auditors read the log whole, logged', async () => {
    const caseId = (await submit('reklame')).body.id as string;
    const event = await until(() => harness().records.auditLog.entryByKey(`case-event:${caseId}:1`), 'the submission in the log');
    const calendarKey = `calendar-test:${crypto.randomUUID()}`;
    await harness().records.auditLog.append([{ key: calendarKey, at: new Date().toISOString(), kind: 'calendar-change', action: 'holiday_added', actor: 'admin', subjects: { date: '2026-12-31' }, content: { date: '2026-12-31' } }]);
    const calendar = (await harness().records.auditLog.entryByKey(calendarKey))!;
    const range = `start=${Math.min(event.seq, calendar.seq)}&end=${Math.max(event.seq, calendar.seq) + 1}`;

    const open = await harness().http().get(`/api/v1/public/log/entries?${range}`);
    expect(open.status).to.equal(200);
    const bySeq = new Map<number, Record<string, unknown>>(open.body.items.map((e: { seq: number }) => [e.seq, e]));
    expect(bySeq.get(event.seq)).to.deep.equal({ seq: event.seq, leafHash: event.leafHash, withheld: true });
    expect(JSON.stringify(open.body)).not.to.include(caseId).and.not.to.include('"budi"');
    expect(bySeq.get(calendar.seq)).to.deep.include({ kind: 'calendar-change', actor: 'admin', leafHash: calendar.leafHash });
    const proof = await harness().http().get(`/api/v1/public/log/proof/inclusion?leafHash=${event.leafHash}&treeSize=${event.seq + 1}`);
    expect(proof.body.entry).to.deep.equal({ seq: event.seq, leafHash: event.leafHash, withheld: true });

    const auditor = await harness().token('inspektur');
    const whole = await harness().http().get(`/api/v1/audit/log/entries?${range}`).set('Authorization', auditor);
    expect(whole.status).to.equal(200);
    const entry = whole.body.items.find((e: { seq: number }) => e.seq === event.seq);
    expect(entry).to.deep.include({ kind: 'case-event', action: 'submitted', actor: 'budi', subjects: event.subjects });
    expect(Buffer.from(logMerkle.leafHash(logEntryBytes(entry))).toString('hex')).to.equal(event.leafHash);
    const read = await until(async () => (await harness().records.auditLog.entries(event.seq, await harness().records.auditLog.size())).find((e) => e.kind === 'audit-read' && e.subjects.target === '/audit/log/entries'), "the auditor's read in the log");
    expect(read.actor).to.equal('inspektur');
    for (const who of ['admin', 'budi']) {
      expect((await harness().http().get(`/api/v1/audit/log/entries?${range}`).set('Authorization', await harness().token(who))).status, who).to.equal(403);
    }
  });

  it("shows an issued document's issuance entry with its audit path to the latest signed head (JSON and page)", async () => {
    const caseId = (await submit('reklame')).body.id as string;
    for (let round = 0; round < 6 && (await view(caseId)).status !== 'awaiting_signature'; round++) await decideAll(caseId, 'approve');
    await signAsHead(caseId);
    const issued = await until(() => harness().records.issuance.byCase(caseId), 'the permit issued');
    const verify = () => harness().http().get(`/api/v1/public/verify/${encodeURIComponent(issued.number)}`);
    expect((await verify()).body.transparencyLog, 'no signed head covers it yet').to.equal(null);

    const head = await harness().http().post('/api/v1/admin/log/tree-head').set('Authorization', await harness().token('admin'));
    const { transparencyLog: log } = (await verify()).body;
    expect(log.treeHead).to.deep.include({ treeSize: head.body.treeSize, rootHash: head.body.rootHash });
    expect(log.entry).to.deep.include({ kind: 'issuance', subjects: { caseId, number: issued.number, documentSha256: issued.sha256 } });
    const proven = logMerkle.verifyInclusion({ leafHash: logMerkle.leafHash(logEntryBytes(log.entry)), index: log.leafIndex, treeSize: log.treeHead.treeSize, proof: log.auditPath.map(fromHex), root: fromHex(head.body.rootHash) });
    expect(proven).to.equal(true);
    const page = await harness().http().get(`/v/${issued.number}`).set('Accept', 'text/html');
    expect(page.text).to.include(`data-log-entry="${log.leafIndex}"`).and.include('log transparansi');
  });

  it('refuses bad input with the field path, and sizes beyond the log', async () => {
    const get = (query: string) => harness().http().get(`/api/v1/public/log/${query}`);
    const cases: Array<[string, string]> = [
      ['proof/inclusion?treeSize=1', 'leafIndex'],
      ['proof/inclusion?leafIndex=0&leafHash=' + 'a'.repeat(64), 'leafIndex'],
      ['proof/inclusion?leafHash=XYZ&treeSize=1', 'leafHash'],
      ['proof/inclusion?leafIndex=-1&treeSize=1', 'leafIndex'],
      ['proof/inclusion?leafIndex=0&treeSize=999999999', 'treeSize'],
      ['proof/inclusion?leafIndex=5&treeSize=2', 'leafIndex'],
      ['proof/consistency?first=3&second=2', 'first'],
      ['proof/consistency?first=1&second=abc', 'second'],
      ['proof/consistency?first=1&second=999999999', 'second'],
      ['entries?start=0&end=1000', 'end'],
      ['entries?start=-1&end=3', 'start'],
    ];
    for (const [query, field] of cases) {
      const res = await get(query);
      expect(res.status, query).to.equal(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path), query).to.include(field);
    }
    expect((await get(`proof/inclusion?leafHash=${'0'.repeat(64)}&treeSize=1`)).status).to.equal(404);
  });

  describe('tampering, seen from outside by log:verify (a log of its own, signed with the office seal)', () => {
    let database: TTestDatabase;
    let records: Records;
    let server: { url: string; close: () => Promise<void> };
    const item = (key: string): TLogItem => ({ key, at: new Date().toISOString(), kind: 'admin', action: 'test', actor: 'admin-1', subjects: { key }, content: { key } });
    before(async () => {
      database = await testDatabase('sqlite', { migrated: true });
      records = await openRecords(database.location);
      await records.auditLog.append(Array.from({ length: 8 }, (_, i) => item(`t${i}`)));
      server = await listen(createApp({ ...harness().apiDeps, records }));
    });
    after(async () => {
      await server.close();
      await records.close();
      await database.dispose();
    });

    it('finds a past entry edited in the database, then a truncated log whose new head is not consistent with the old', async () => {
      const seal = await theSeal();
      const own = path.join(path.dirname(state), 'own-head.json');
      await publishTreeHead({ records, seal });
      const clean = await verifyLog({ baseUrl: server.url, statePath: own, entry: '3', certPem: seal.certPem });
      expect(clean.ok, clean.lines.join('\n')).to.equal(true);

      const db = openDatabase(database.location);
      try {
        await db.updateTable('audit_log').set({ actor: 'someone-else' }).where('seq', '=', 3).execute();
        // Entry 3 (an administrator's action) is withheld from the public: the auditor's run recomputes its leaf.
        const edited = await verifyLog({ baseUrl: server.url, entry: '3', certPem: seal.certPem, auditorToken: (await harness().token('inspektur')).slice('Bearer '.length) });
        expect(edited.ok).to.equal(false);
        expect(edited.lines.join('\n')).to.match(/FAILED {2}inclusion: entry 3 .* by someone-else/);
        // The worker refuses to sign over it, as does an administrator's request.
        const refused = await publishTreeHead({ records, seal }).catch((e: unknown) => e);
        expect(String(refused)).to.match(/entries 3 no longer hash to their leaves/);
        await db.updateTable('audit_log').set({ actor: 'admin-1' }).where('seq', '=', 3).execute();

        // Truncated, refilled past the old size, and a head signed over it by someone holding the seal key.
        await sql`delete from audit_log where seq >= 5`.execute(db);
        await records.auditLog.append(Array.from({ length: 6 }, (_, i) => item(`u${i}`)));
        const size = await records.auditLog.size();
        const head = { treeSize: size, rootHash: await records.auditLog.rootHash(size), timestamp: new Date(Date.now() + 1000).toISOString() };
        await records.auditLog.saveTreeHead({ ...head, signature: sealBytes(seal, treeHeadBytes(head)).toString('base64') });
        const truncated = await verifyLog({ baseUrl: server.url, statePath: own, certPem: seal.certPem });
        expect(truncated.ok).to.equal(false);
        expect(truncated.lines.join('\n')).to.match(/ok {2}tree head signature/).and.match(/FAILED {2}consistency: the head of .* \(size 8\)/);
        expect(JSON.parse(fs.readFileSync(own, 'utf8')).treeSize, 'the saved head is kept after a failure').to.equal(8);
      } finally {
        await db.destroy();
      }
    });
  });
});

import crypto from 'node:crypto';
import { expect } from 'chai';
import { treeHeadBytes } from '../../domain/transparency/log-entry';
import type { TOfficeSeal } from '../../documents/signing/office-seal';
import type { Records } from '../../store/records';
import { publishDueTreeHead, TREE_HEAD_MAX_AGE_MS } from '../../worker/tree-head-publisher';
import { DIALECTS, recordsForSuite } from '../harness/databases';

/** A key pair standing in for the office seal: the publisher only signs with its key. */
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const seal: TOfficeSeal = { name: 'test seal', certPem: '', chainPems: [], key: privateKey };

for (const dialect of DIALECTS) describe(`worker/tree-head-publisher: a signed head at least daily (${dialect})`, () => {
  let records: Records;
  recordsForSuite(dialect, (opened) => (records = opened), { eachTest: true });
  const append = (key: string) => records.auditLog.append([{ key, at: '2026-12-02T00:00:00.000Z', kind: 'admin', action: 'test', actor: 'admin-1', subjects: {}, content: { key } }]);

  it('signs the first head at once, then only when the latest is a day old, each under the seal', async () => {
    await append('a');
    const t0 = new Date('2026-12-02T08:00:00.000Z');
    const first = await publishDueTreeHead({ records, seal }, t0);
    expect(first).to.include({ treeSize: 1, timestamp: t0.toISOString() });
    expect(crypto.verify('sha256', treeHeadBytes(first!), publicKey, Buffer.from(first!.signature, 'base64'))).to.equal(true);
    await append('b');
    expect(await publishDueTreeHead({ records, seal }, new Date(t0.getTime() + TREE_HEAD_MAX_AGE_MS - 1))).to.equal(null);
    const next = await publishDueTreeHead({ records, seal }, new Date(t0.getTime() + TREE_HEAD_MAX_AGE_MS));
    expect(next).to.include({ treeSize: 2 });
    expect(await records.auditLog.latestTreeHead()).to.deep.equal(next);
  });

  it('signs nothing over a log that no longer gives its last head', async () => {
    await append('a');
    await append('b');
    const t0 = new Date('2026-12-02T08:00:00.000Z');
    await publishDueTreeHead({ records, seal }, t0);
    // The last head says two entries; a head whose root the entries never had is the same as a rewritten log.
    await records.auditLog.saveTreeHead({ treeSize: 2, rootHash: '0'.repeat(64), timestamp: new Date(t0.getTime() + 1).toISOString(), signature: 'x' });
    const refused = await publishDueTreeHead({ records, seal }, new Date(t0.getTime() + 2 * TREE_HEAD_MAX_AGE_MS)).catch((e: unknown) => e);
    expect(refused).to.have.property('type', 'LogInconsistent');
    expect(String((refused as Error).message)).to.match(/size 2\) no longer matches the stored entries/);
  });
});

import crypto from 'node:crypto';
import { expect } from 'chai';
import { caseIdFor } from '../../api/case-ids';
import { canonicalJson } from '../../domain/transparency/log-entry';
import type { TStoredLogEntry } from '../../store/audit-log';
import { submit } from '../harness/api-client';
import { decideAll, signAsHead, view } from '../harness/cases';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

/**
 * Every administrator action in the transparency log (issue 13 §1): each request leaves one `admin` entry with the
 * administrator's id, the action, the target id and the SHA-256 of the request's content; a repeated request
 * leaves no second one; no entry carries personal data. Runs on SQLite and on PostgreSQL (.mocharc.postgres.yml).
 * The administrator's task on a lapsed case is in test/workflows/deemed-approval.workflow.test.ts.
 */

const http = () => harness().http();
const requestHash = (action: string, target: string, request: unknown) => crypto.createHash('sha256').update(canonicalJson({ action, target, request })).digest('hex');

/** The entries of one action on one target, wherever they sit in the shared log. */
async function adminEntries(action: string, target: string): Promise<TStoredLogEntry[]> {
  const size = await harness().records.auditLog.size();
  return (await harness().records.auditLog.entries(0, size)).filter((e) => e.kind === 'admin' && e.action === action && e.subjects.target === target);
}

describe('administrator actions in the transparency log (issue 13 §1)', function () {
  this.timeout(120_000);

  it('logs a closure declared and withdrawn once each, with the request hashed; the refused repeats log nothing', async () => {
    const admin = await harness().token('admin');
    // Far ahead of every case's deadlines, and a day no other suite declares.
    const date = new Date(Date.now() + 690 * 86_400_000).toISOString().slice(0, 10);
    const body = { date, reason: 'Uji log administrator' };
    const added = await http().post('/api/v1/admin/calendar/closures').set('Authorization', admin).send(body);
    expect(added.status).to.equal(201);
    expect((await http().post('/api/v1/admin/calendar/closures').set('Authorization', admin).send(body)).status).to.equal(409);
    const removed = await http().delete(`/api/v1/admin/calendar/closures/${date}`).set('Authorization', admin);
    expect(removed.status).to.equal(200);
    expect((await http().delete(`/api/v1/admin/calendar/closures/${date}`).set('Authorization', admin)).status).to.equal(404);

    const [add] = await adminEntries('calendar_closure_added', date);
    expect(await adminEntries('calendar_closure_added', date)).to.have.length(1);
    expect(add).to.deep.include({ key: `admin:calendar_closure_added:${added.body.change.changeId}`, actor: 'admin', contentSha256: requestHash('calendar_closure_added', date, body) });
    expect(add!.subjects).to.deep.equal({ target: date, changeId: added.body.change.changeId });
    const removals = await adminEntries('calendar_closure_removed', date);
    expect(removals).to.have.length(1);
    expect(removals[0]).to.deep.include({ actor: 'admin', contentSha256: requestHash('calendar_closure_removed', date, { date }) });
    expect(JSON.stringify([add, removals])).not.to.include('Uji log administrator');
  });

  it('logs a revocation once, by the administrator, with the note hashed and no personal data of the holder', async () => {
    const caseId = (await submit('reklame')).body.id as string;
    for (let round = 0; round < 6 && (await view(caseId)).status !== 'awaiting_signature'; round++) await decideAll(caseId, 'approve');
    await signAsHead(caseId);
    const issued = await until(() => harness().records.issuance.byCase(caseId), 'the permit issued');
    const body = { reasonCode: 'pelanggaran_ketentuan', reason: 'Reklame berdiri di atas saluran air' };
    const revoke = async () => http().post(`/api/v1/admin/permits/${caseId}/revocation`).set('Authorization', await harness().token('admin')).send(body);
    expect((await revoke()).status).to.equal(200);
    expect((await revoke()).status).to.equal(409);

    const entries = await adminEntries('permit_revoked', issued.number);
    expect(entries).to.have.length(1);
    expect(entries[0]).to.deep.include({ key: `admin:permit_revoked:${issued.number}`, actor: 'admin', contentSha256: requestHash('permit_revoked', issued.number, body) });
    expect(entries[0]!.subjects).to.deep.equal({ target: issued.number, caseId });
    // In the same transaction as the status: the document's status entry sits right before it.
    const [status] = await harness().records.auditLog.entries(entries[0]!.seq - 1, entries[0]!.seq);
    expect(status).to.deep.include({ kind: 'document-status', action: 'revoked', actor: 'admin' });

    const applicant = (await harness().records.getApplicant(caseId))!;
    const text = JSON.stringify(entries);
    for (const secret of [applicant.name, applicant.nik, applicant.email, applicant.phone, applicant.address, body.reason]) expect(text).not.to.include(secret);
  });

  it('signs one head per Idempotency-Key and logs it once; a request without a key is a new head each time', async () => {
    const admin = await harness().token('admin');
    const key = `head-${crypto.randomUUID()}`;
    const first = await http().post('/api/v1/admin/log/tree-head').set('Authorization', admin).set('Idempotency-Key', key);
    expect(first.status).to.equal(201);
    const again = await http().post('/api/v1/admin/log/tree-head').set('Authorization', admin).set('Idempotency-Key', key);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    const requestId = caseIdFor({ userId: 'admin', roles: ['admin'] }, key);
    const entry = await harness().records.auditLog.entryByKey(`admin:tree_head_requested:${requestId}`);
    expect(entry).to.deep.include({ kind: 'admin', actor: 'admin', contentSha256: requestHash('tree_head_requested', String(first.body.treeSize), {}) });
    expect(entry!.subjects).to.deep.equal({ target: String(first.body.treeSize), timestamp: first.body.timestamp });
    expect((await adminEntries('tree_head_requested', String(first.body.treeSize))).filter((e) => e.subjects.timestamp === first.body.timestamp)).to.have.length(1);

    const unkeyed = await http().post('/api/v1/admin/log/tree-head').set('Authorization', admin);
    expect(unkeyed.body.timestamp).not.to.equal(first.body.timestamp);
    expect((await adminEntries('tree_head_requested', String(unkeyed.body.treeSize))).filter((e) => e.subjects.timestamp === unkeyed.body.timestamp)).to.have.length(1);
    expect((await http().post('/api/v1/admin/log/tree-head').set('Authorization', admin).set('Idempotency-Key', 'spasi tidak boleh')).status).to.equal(400);
  });
});

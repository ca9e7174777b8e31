import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type express from 'express';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import type { TCaseLapse } from '../../domain/engine/case-lapse';
import { seedCase } from '../../scripts/seed-cases';
import { openDatabase } from '../../store/database';
import { openRecords, type Records } from '../../store/records';
import { harness } from '../harness/harness';
import { signInAs } from '../harness/web';

const DAY = 86_400_000;

/**
 * The administrators' case list marks a permit past its legal deadline: deemed approved, lapse recorded, or the
 * deadline passed before the lapse is recorded. Its own records database, so the list holds only these cases.
 */
describe('the admin case list marks lapsed permits (page, JSON and CSV)', () => {
  let dir: string;
  let records: Records;
  let app: express.Express;
  const now = Date.now();
  const at = (offset: number) => new Date(now + offset);
  const lapse = (deemedApproved: boolean, policy: TCaseLapse['policy']): TCaseLapse => ({
    at: at(-2 * DAY).toISOString(),
    recordedAt: at(-2 * DAY + 60_000).toISOString(),
    policy,
    report: { sha256: '0'.repeat(64) },
    deemedApproved,
    taskId: null,
  });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-admin-lapse-'));
    const location = path.join(dir, 'records.db');
    records = await openRecords(location);
    const kelengkapan = { id: 'kelengkapan', name: 'Pemeriksaan kelengkapan berkas' };
    const seed = (caseId: string, caseDueAt: Date, status: 'in_review' | 'awaiting_signature' = 'in_review') =>
      seedCase(records, {
        caseId,
        typeId: 'reklame',
        typeCode: 'REK',
        applicantId: 'budi',
        submittedAt: at(-10 * DAY),
        status,
        stage: status === 'in_review' ? { ...kelengkapan, dueAt: caseDueAt } : null,
        caseDueAt,
      });
    await seed('lapse-deemed', at(-2 * DAY), 'awaiting_signature');
    await seed('lapse-flagged', at(-2 * DAY));
    await seed('lapse-unrecorded', at(-1 * DAY));
    await seed('lapse-none', at(3 * DAY));
    // The lapse lives on the case's clock, as the engine projects it.
    const db = openDatabase(location);
    try {
      for (const [caseId, value] of [['lapse-deemed', lapse(true, 'auto_approve')], ['lapse-flagged', lapse(false, 'flag')]] as const) {
        await db.updateTable('cases').set({ clock: JSON.stringify({ pauses: [], stages: [], lapse: value }) }).where('case_id', '=', caseId).execute();
      }
    } finally {
      await db.destroy();
    }
    app = createApp({ ...harness().apiDeps, records });
  });
  after(async () => {
    await records.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives each case its lapse state in the JSON list', async () => {
    const res = await supertest(app).get('/api/v1/admin/cases').query({ limit: 50 }).set('Authorization', await harness().token('admin'));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const byId = new Map((res.body.items as Array<{ id: string; lapse: unknown }>).map((c) => [c.id, c.lapse]));
    expect(byId.get('lapse-deemed')).to.deep.equal({ state: 'deemed_approved', at: at(-2 * DAY).toISOString(), policy: 'auto_approve' });
    expect(byId.get('lapse-flagged')).to.deep.include({ state: 'lapsed', policy: 'flag' });
    expect(byId.get('lapse-unrecorded')).to.deep.equal({ state: 'past_deadline', at: at(-1 * DAY).toISOString(), policy: null });
    expect(byId.get('lapse-none')).to.equal(null);
  });

  it('shows "Lewat batas waktu" on the page, with "Dianggap dikabulkan" or "belum dicatat", and the state in the CSV', async () => {
    const agent = supertest.agent(app);
    await signInAs(agent, 'admin');
    const page = (await agent.get('/dasbor/kasus').expect(200)).text;
    const rowOf = (number: string) => new RegExp(`<tr>(?:(?!</tr>).)*${number.replace(/\//g, '\\/')}(?:(?!</tr>).)*</tr>`, 's').exec(page)?.[0] ?? '';
    const numberOf = async (caseId: string) => (await records.getCase(caseId))!.registrationNumber;
    const deemed = rowOf(await numberOf('lapse-deemed'));
    expect(deemed).to.contain('data-lapse="deemed_approved"').and.contain('Lewat batas waktu').and.contain('Dianggap dikabulkan');
    expect(rowOf(await numberOf('lapse-flagged'))).to.contain('data-lapse="lapsed"').and.contain('Lewat batas waktu').and.not.contain('Dianggap dikabulkan');
    expect(rowOf(await numberOf('lapse-unrecorded'))).to.contain('data-lapse="past_deadline"').and.contain('belum dicatat');
    const none = await numberOf('lapse-none');
    expect(rowOf(none)).to.contain(none).and.not.contain('data-lapse').and.not.contain('Lewat batas waktu');

    const csv = (await agent.get('/dasbor/kasus.csv').expect(200)).text;
    expect(csv.split('\r\n')[0]).to.contain('Lewat batas waktu');
    const line = (number: string) => csv.split('\r\n').find((l) => l.startsWith(number)) ?? '';
    expect(line(await numberOf('lapse-deemed'))).to.contain('Dianggap dikabulkan');
    expect(line(await numberOf('lapse-unrecorded'))).to.contain('belum dicatat');
  });
});

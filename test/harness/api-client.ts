import { expect } from 'chai';
import type supertest from 'supertest';
import type { TCaseType } from '../../domain/case-type.schema';
import { sampleApplicant, sampleFields } from './cases';

export { sampleApplicant };
import { harness } from './harness';

import { SAMPLE_PDF, SAMPLE_PNG } from './sample-files';

/** Real, parseable files: uploads are parsed, not sniffed. */
export { SAMPLE_PDF, SAMPLE_PNG };


/** Where requests go: the harness's in-process app by default, or a running API instance (test/cluster). */
export interface TApiTarget {
  http(): supertest.Agent;
  token(userId: string, roles?: string[]): Promise<string>;
}

export async function upload(userId: string, bytes = SAMPLE_PDF, name = 'dokumen.pdf', target: TApiTarget = harness()): Promise<string> {
  const res = await target
    .http()
    .post('/api/v1/documents')
    .set('Authorization', await target.token(userId))
    .attach('file', bytes, name);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

/** A complete, valid submission body for a type: sample fields and an upload per document requirement. */
export async function submissionBody(type: TCaseType, userId: string, target: TApiTarget = harness()) {
  const documents: Record<string, string> = {};
  for (const requirement of type.documents) {
    const pdf = requirement.mediaTypes.includes('application/pdf');
    documents[requirement.id] = await upload(userId, pdf ? SAMPLE_PDF : SAMPLE_PNG, pdf ? 'dokumen.pdf' : 'scan.png', target);
  }
  return { typeId: type.id, applicant: sampleApplicant(), fields: sampleFields(type), documents };
}

export async function submit(typeId: string, userId = 'budi', idempotencyKey?: string) {
  const type = harness().catalog.get(typeId)!;
  const req = harness()
    .http()
    .post('/api/v1/permits')
    .set('Authorization', await harness().token(userId));
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(await submissionBody(type, userId));
}

/** A user with exactly the given role, for acting on a task. */
export async function as(role: string) {
  return harness().token(`staff-${role.replace(/[^a-z0-9]/g, '-')}`, [role]);
}

/**
 * The inbox tasks `userId` sees of one case, through `GET /tasks` filtered by the case's registration number: the
 * shared test store holds more open tasks than a page, so a test never looks for its own on the first page only.
 */
export async function inboxTasksOf(userId: string, caseId: string): Promise<Array<{ id: string; kind: string; role: string; caseId: string; status: string; registrationNumber: string; dueAt: string }>> {
  const row = await harness().records.getCase(caseId);
  if (!row) return []; // not registered yet (an addendum's child workflow starting): no task either
  const res = await harness().http().get('/api/v1/tasks').query({ number: row.registrationNumber, limit: 200 }).set('Authorization', await harness().token(userId));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.items.filter((t: { caseId: string }) => t.caseId === caseId);
}

/** Takes a permit through every review and approval (each by a user of the task's role) to its open sign task. */
export async function signTaskOf(caseId: string): Promise<string> {
  for (let round = 0; round < 10; round++) {
    const open = (await harness().records.listTasksForCase(caseId)).filter((t) => t.status === 'open' || t.status === 'claimed');
    const sign = open.find((t) => t.kind === 'sign');
    if (sign) return sign.id;
    for (const task of open) {
      const res = await harness().http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', await as(task.role)).send({ outcome: 'approve' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
  }
  throw new Error('no sign task');
}

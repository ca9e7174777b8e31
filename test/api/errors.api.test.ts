import { expect } from 'chai';
import type { Response } from 'supertest';
import { as, SAMPLE_PDF, submissionBody, submit, upload } from '../harness/api-client';
import { harness } from '../harness/harness';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

function expectError(res: Response, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.body.error.code).to.equal(code);
  expect(res.body.error.message).to.be.a('string');
  expect(JSON.stringify(res.body)).not.to.match(/at [\w.]+ \(|node_modules/); // never a stack trace
}

describe('API errors: one shape, the right status, never a 500 for bad input', () => {
  it('401 without a token, with a malformed one, and with one signed by another secret', async () => {
    expectError(await http().get('/api/v1/permits'), 401, 'UNAUTHENTICATED');
    expectError(await http().get('/api/v1/permits').set('Authorization', 'Bearer nonsense'), 401, 'UNAUTHENTICATED');
    const forged =
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJidWRpIiwicm9sZXMiOlsiYWRtaW4iXSwiaXNzIjoic2Foa2FuIn0.' +
      'c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ';
    expectError(await http().get('/api/v1/permits').set('Authorization', forged), 401, 'UNAUTHENTICATED');
  });

  it('400 with field paths for an invalid submission', async () => {
    const type = harness().catalog.get('pbg')!;
    const body = await submissionBody(type, 'budi');
    const numberField = type.fields.find((f) => f.type === 'integer' || f.type === 'number')!;
    const requiredDoc = type.documents.find((d) => d.required)!;
    const res = await http()
      .post('/api/v1/permits')
      .set('Authorization', await token('budi'))
      .send({
        ...body,
        applicant: { ...body.applicant, nik: '12', email: 'not-an-email' },
      });
    expectError(res, 400, 'INVALID_INPUT');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).to.include.members(['applicant.nik', 'applicant.email']);

    const badFields = await http()
      .post('/api/v1/permits')
      .set('Authorization', await token('budi'))
      .send({ ...body, fields: { ...body.fields, [numberField.id]: 'banyak' } });
    expectError(badFields, 400, 'INVALID_INPUT');
    expect(badFields.body.error.details.map((d: { path: string }) => d.path)).to.include(`fields.${numberField.id}`);

    const { [requiredDoc.id]: _dropped, ...fewerDocs } = body.documents;
    const missingDoc = await http()
      .post('/api/v1/permits')
      .set('Authorization', await token('budi'))
      .send({ ...body, documents: fewerDocs });
    expectError(missingDoc, 400, 'INVALID_INPUT');
    expect(missingDoc.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal([`documents.${requiredDoc.id}`]);

    const unknownType = await http().post('/api/v1/permits').set('Authorization', await token('budi')).send({ ...body, typeId: 'izin-tambang' });
    expectError(unknownType, 400, 'INVALID_INPUT');
    expect(unknownType.body.error.details[0].path).to.equal('typeId');
  });

  it('400 for a document that belongs to another applicant, as if it did not exist', async () => {
    const type = harness().catalog.get('reklame')!;
    const body = await submissionBody(type, 'budi');
    const sitisDoc = await upload('siti');
    const firstDoc = type.documents[0]!;
    const res = await http()
      .post('/api/v1/permits')
      .set('Authorization', await token('budi'))
      .send({ ...body, documents: { ...body.documents, [firstDoc.id]: sitisDoc } });
    expectError(res, 400, 'INVALID_INPUT');
    expect(res.body.error.details[0]).to.deep.equal({ path: `documents.${firstDoc.id}`, message: `document ${sitisDoc} not found` });
  });

  it('400 for malformed JSON and for a bad Idempotency-Key', async () => {
    const res = await http()
      .post('/api/v1/permits')
      .set('Authorization', await token('budi'))
      .set('Content-Type', 'application/json')
      .send('{"typeId": ');
    expectError(res, 400, 'INVALID_INPUT');
    const type = harness().catalog.get('reklame')!;
    const badKey = await http()
      .post('/api/v1/permits')
      .set('Authorization', await token('budi'))
      .set('Idempotency-Key', 'x'.repeat(201))
      .send(await submissionBody(type, 'budi'));
    expectError(badKey, 400, 'INVALID_INPUT');
  });

  it('403 when a reviewer submits or a reader acts on a task of another role; 404 for an agency with no part in the case', async () => {
    const type = harness().catalog.get('reklame')!;
    expectError(
      await http().post('/api/v1/permits').set('Authorization', await as('reviewer:pupr')).send(await submissionBody(type, 'budi')),
      403,
      'FORBIDDEN',
    );
    const submitted = await submit('pbg', 'budi');
    const detail = await http().get(`/api/v1/permits/${submitted.body.id}`).set('Authorization', await token('admin'));
    const task = detail.body.openTasks[0];
    // The fire service has no part in the completeness check: for it the task does not exist (need to know).
    const unrelated = await http()
      .post(`/api/v1/tasks/${task.id}/decision`)
      .set('Authorization', await as('reviewer:damkar'))
      .send({ outcome: 'approve' });
    expectError(unrelated, 404, 'NOT_FOUND');
    // The administrator sees the case but lacks the task's role: refused by the workflow's validator.
    const wrong = await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', await token('admin')).send({ outcome: 'approve' });
    expectError(wrong, 403, 'FORBIDDEN');
  });

  it('404 for tasks asked about by an applicant, and for unknown tasks and routes', async () => {
    const submitted = await submit('pbg', 'budi');
    const detail = await http().get(`/api/v1/permits/${submitted.body.id}`).set('Authorization', await token('admin'));
    const task = detail.body.openTasks[0];
    expectError(await http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await token('budi')), 404, 'NOT_FOUND');
    expectError(await http().post('/api/v1/tasks/nope/claim').set('Authorization', await token('admin')), 404, 'NOT_FOUND');
    expectError(await http().get('/api/v1/nothing-here').set('Authorization', await token('budi')), 404, 'NOT_FOUND');
    const list = await http().get('/api/v1/tasks').set('Authorization', await token('budi'));
    expect(list.body.items).to.deep.equal([]);
  });

  it('409 for a decision on a closed task and for a task claimed by someone else', async () => {
    const submitted = await submit('pbg', 'budi');
    const detail = await http().get(`/api/v1/permits/${submitted.body.id}`).set('Authorization', await token('admin'));
    const task = detail.body.openTasks[0];
    const first = await harness().token('reviewer-one', [task.role]);
    const second = await harness().token('reviewer-two', [task.role]);
    expect((await http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', first)).status).to.equal(200);
    expectError(await http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', second), 409, 'TASK_CLOSED');
    expect((await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', first).send({ outcome: 'approve' })).status).to.equal(200);
    expectError(
      await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', first).send({ outcome: 'approve' }),
      409,
      'TASK_CLOSED',
    );
  });

  it('400 for a decision without a valid outcome or without a reason to reject', async () => {
    const submitted = await submit('reklame', 'budi');
    const detail = await http().get(`/api/v1/permits/${submitted.body.id}`).set('Authorization', await token('admin'));
    const task = detail.body.openTasks[0];
    const auth = await as(task.role);
    const bad = await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', auth).send({ outcome: 'maybe' });
    expectError(bad, 400, 'INVALID_INPUT');
    expect(bad.body.error.details[0].path).to.equal('outcome');
    expectError(await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', auth).send({ outcome: 'reject' }), 400, 'INVALID_INPUT');
  });

  it('413 for an oversize upload and 415 for a file that is not PDF, PNG or JPEG by content', async () => {
    const big = Buffer.concat([SAMPLE_PDF, Buffer.alloc(3 * 1024 * 1024)]);
    expectError(
      await http().post('/api/v1/documents').set('Authorization', await token('budi')).attach('file', big, 'besar.pdf'),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectError(
      await http().post('/api/v1/documents').set('Authorization', await token('budi')).attach('file', Buffer.from('MZ\x90\x00 not a pdf'), 'virus.pdf'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(await http().post('/api/v1/documents').set('Authorization', await token('budi')), 400, 'INVALID_INPUT');
  });
});

import { expect } from 'chai';
import { harness } from '../harness/harness';
import { as, SAMPLE_PDF, sampleApplicant, submissionBody, submit, upload } from '../harness/api-client';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

/** Decides every open task of a case over HTTP, each as a user holding its role. */
async function decideOpenTasks(caseId: string, outcome: string, comment?: string) {
  const detail = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await token('admin'));
  for (const task of detail.body.openTasks as Array<{ id: string; role: string }>) {
    const auth = await as(task.role);
    const claim = await http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', auth);
    expect(claim.status, JSON.stringify(claim.body)).to.equal(200);
    const res = await http().post(`/api/v1/tasks/${task.id}/decision`).set('Authorization', auth).send({ outcome, comment });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }
}

describe('permit API over HTTP with the real worker', () => {
  it('takes a PBG application from submission to approval, with inbox, timeline and due dates', async () => {
    const submitted = await submit('pbg', 'budi');
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    expect(submitted.body.registrationNumber).to.match(/^REG\/PBG\/\d{4}\/\d{6}$/);
    expect(submitted.body).to.include({ status: 'in_review' });
    expect(submitted.body.stage.id).to.equal('kelengkapan');
    const caseId = submitted.body.id as string;

    // The completeness reviewer sees the task in the inbox, earliest due first.
    const inbox = await http().get('/api/v1/tasks').query({ number: submitted.body.registrationNumber }).set('Authorization', await token('rahmat'));
    expect(inbox.status).to.equal(200);
    const mine = inbox.body.items.find((t: { caseId: string }) => t.caseId === caseId);
    expect(mine).to.include({ role: 'reviewer:dpmptsp', status: 'open', registrationNumber: submitted.body.registrationNumber });
    const dues = inbox.body.items.map((t: { dueAt: string }) => t.dueAt);
    expect(dues).to.deep.equal([...dues].sort());

    await decideOpenTasks(caseId, 'approve');
    const review = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await token('budi'));
    expect(review.body.stage.id).to.equal('kajian_teknis');
    expect(review.body.openTasks.map((t: { role: string }) => t.role)).to.have.members(['reviewer:pupr', 'reviewer:damkar']);

    await decideOpenTasks(caseId, 'approve');
    await decideOpenTasks(caseId, 'approve');

    const done = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await token('budi'));
    expect(done.status).to.equal(200);
    expect(done.body.status).to.equal('awaiting_signature');
    expect(done.body.applicant.nik).to.equal(sampleApplicant().nik);
    expect(done.body.openTasks.map((t: { kind: string }) => t.kind)).to.deep.equal(['sign']);
    expect(done.body.dueAt).to.be.a('string');
    const actions = done.body.timeline.map((e: { action: string }) => e.action);
    expect(actions[0]).to.equal('submitted');
    expect(actions.slice(-2)).to.deep.equal(['approved', 'stage_opened']);
    expect(actions.filter((a: string) => a === 'approve')).to.have.length(4);
    for (const e of done.body.timeline) expect(e).to.have.keys('seq', 'at', 'actorId', 'role', 'action', 'stageId', 'comment');
  });

  it('lists an applicant’s own permits only, and lets staff filter all of them', async () => {
    const mine = await submit('reklame', 'siti');
    const list = await http().get('/api/v1/permits').set('Authorization', await token('siti'));
    expect(list.status).to.equal(200);
    expect(list.body.items.length).to.be.greaterThan(0);
    expect(list.body.items.map((p: { id: string }) => p.id)).to.include(mine.body.id);
    const budis = await http().get('/api/v1/permits').set('Authorization', await token('budi'));
    expect(budis.body.items.map((p: { id: string }) => p.id)).not.to.include(mine.body.id);
    const staff = await http().get('/api/v1/permits?typeId=reklame&status=in_review').set('Authorization', await token('admin'));
    expect(staff.body.items.map((p: { id: string }) => p.id)).to.include(mine.body.id);
    expect(staff.body.items.every((p: { typeId: string }) => p.typeId === 'reklame')).to.equal(true);
  });

  it('hides applicant A’s case from applicant B as not found', async () => {
    const a = await submit('reklame', 'budi');
    const auth = await token('siti');
    for (const res of [
      await http().get(`/api/v1/permits/${a.body.id}`).set('Authorization', auth),
      await http().post(`/api/v1/permits/${a.body.id}/withdrawal`).set('Authorization', auth).send({}),
      await http().post(`/api/v1/permits/${a.body.id}/revisions`).set('Authorization', auth).send({ fields: {} }),
    ]) {
      expect(res.status).to.equal(404);
      expect(res.body.error.code).to.equal('NOT_FOUND');
    }
  });

  it('returns the same case for a repeated Idempotency-Key, and another case for another applicant', async () => {
    // A retry sends the same request again (the same uploads); a different body is refused (hardening test).
    const body = await submissionBody(harness().catalog.get('sip')!, 'budi');
    const send = async () => http().post('/api/v1/permits').set('Authorization', await token('budi')).set('Idempotency-Key', 'form-7f3a').send(body);
    const first = await send();
    const again = await send();
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.body.id).to.equal(first.body.id);
    expect(again.body.registrationNumber).to.equal(first.body.registrationNumber);
    const other = await submit('sip', 'siti', 'form-7f3a');
    expect(other.body.id).not.to.equal(first.body.id);
    const list = await http().get('/api/v1/permits').set('Authorization', await token('budi'));
    expect(list.body.items.filter((p: { id: string }) => p.id === first.body.id)).to.have.length(1);
  });

  it('gives 20 concurrent submissions of one type 20 distinct, gapless numbers', async () => {
    const type = harness().catalog.get('sip')!;
    const body = await submissionBody(type, 'budi');
    const auth = await token('budi');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => http().post('/api/v1/permits').set('Authorization', auth).send(body)),
    );
    responses.forEach((r) => expect(r.status, JSON.stringify(r.body)).to.equal(201));
    const sequences = responses.map((r) => Number(String(r.body.registrationNumber).split('/').pop())).sort((x, y) => x - y);
    expect(new Set(sequences).size).to.equal(20);
    expect(sequences.at(-1)! - sequences[0]!).to.equal(19);
  });

  it('lets the applicant revise after a request for changes and withdraw an open case', async () => {
    const submitted = await submit('sip', 'budi');
    const caseId = submitted.body.id as string;
    await decideOpenTasks(caseId, 'request_changes', 'Scan STR tidak terbaca');
    const waiting = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await token('budi'));
    expect(waiting.body.status).to.equal('changes_requested');

    const firstDoc = harness().catalog.get('sip')!.documents[0]!;
    const badRevision = await http()
      .post(`/api/v1/permits/${caseId}/revisions`)
      .set('Authorization', await token('budi'))
      .send({ fields: { nonexistent: 1 } });
    expect(badRevision.status).to.equal(400);
    expect(badRevision.body.error.details[0].path).to.equal('fields');

    // null clears a field (JSON merge patch): refused for a required one, at its path.
    const clearedRequired = await http()
      .post(`/api/v1/permits/${caseId}/revisions`)
      .set('Authorization', await token('budi'))
      .send({ fields: { str_number: null } });
    expect(clearedRequired.status).to.equal(400);
    expect(clearedRequired.body.error.details[0].path).to.equal('fields.str_number');
    expect((await harness().records.getCase(caseId))?.fields).to.have.property('str_valid_until');

    const newDoc = await upload('budi', SAMPLE_PDF, 'str-baru.pdf');
    const revised = await http()
      .post(`/api/v1/permits/${caseId}/revisions`)
      .set('Authorization', await token('budi'))
      .send({ fields: { str_valid_until: null }, documents: { [firstDoc.id]: newDoc }, comment: 'Scan baru, STR seumur hidup' });
    expect(revised.status, JSON.stringify(revised.body)).to.equal(200);
    expect(revised.body.status).to.equal('in_review');
    expect(revised.body.documents[firstDoc.id].id).to.equal(newDoc);
    expect(revised.body.fields).to.not.have.property('str_valid_until');
    expect(revised.body.fields).to.have.property('str_number');

    const withdrawn = await http()
      .post(`/api/v1/permits/${caseId}/withdrawal`)
      .set('Authorization', await token('budi'))
      .send({ reason: 'Pindah praktik' });
    expect(withdrawn.status).to.equal(200);
    expect(withdrawn.body.status).to.equal('withdrawn');
    const again = await http().post(`/api/v1/permits/${caseId}/withdrawal`).set('Authorization', await token('budi')).send({});
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('INVALID_TRANSITION');
  });

  it('shows admins open cases overdue first with age in working days', async () => {
    await submit('reklame', 'budi');
    const res = await http().get('/api/v1/admin/cases').set('Authorization', await token('admin'));
    expect(res.status).to.equal(200);
    expect(res.body.items.length).to.be.greaterThan(0);
    for (const c of res.body.items) {
      expect(c.ageWorkingDays).to.be.a('number');
      expect(c.status).to.be.oneOf(['submitted', 'in_review', 'changes_requested', 'negotiation', 'awaiting_signature']);
    }
    const flags = res.body.items.map((c: { overdue: boolean }) => c.overdue);
    expect(flags).to.deep.equal([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    const forbidden = await http().get('/api/v1/admin/cases').set('Authorization', await token('budi'));
    expect(forbidden.status).to.equal(403);
  });

  it('serves the catalog, health, readiness and an OpenAPI 3.1 document', async () => {
    const types = await http().get('/api/v1/permit-types');
    expect(types.body.items.map((t: { id: string }) => t.id)).to.include.members(['pbg', 'reklame', 'sip']);
    expect((await http().get('/api/v1/permit-types/pbg')).body.stages).to.have.length(3);
    expect((await http().get('/api/v1/permit-types/nope')).status).to.equal(404);
    expect((await http().get('/api/v1/healthz')).body.status).to.equal('ok');
    const ready = await http().get('/api/v1/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body).to.include({ temporal: 'ok', store: 'ok' });
    const doc = await http().get('/api/v1/openapi.json');
    expect(doc.body.openapi).to.equal('3.1.0');
    expect(doc.body.paths).to.include.keys('/permits', '/permits/{id}', '/tasks/{id}/decision', '/documents', '/contracts/{id}/addenda', '/public/verify');
    expect(doc.body.components.schemas.SubmitPermit.properties).to.include.keys('typeId', 'applicant', 'fields', 'documents');
  });
});

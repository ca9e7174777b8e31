import { expect } from 'chai';
import { trackCase, TRACKING_THROTTLE } from '../../api/use-cases/tracking';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { draft } from '../harness/contracts';
import { sampleApplicant, submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { until } from '../harness/until';
import { csrfOf } from '../harness/web';

const http = () => harness().http();
const track = (query: Record<string, string>) => http().get('/api/v1/public/track').query(query);
/** The error a promise rejects with (the test fails if it resolves). */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}
/** Another PIN than `pin`: its digits moved by one. */
const otherPin = (pin: string) => pin.replace(/\d/g, (d) => String((Number(d) + 1) % 10));

describe('tracking without login (issue 13 §4): the receipt number and PIN', function () {
  this.timeout(120_000);
  let caseId: string;
  let number: string;
  let pin: string;

  before(async () => {
    const res = await submit('reklame');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    ({ id: caseId, registrationNumber: number, trackingPin: pin } = res.body);
  });

  it('gives the applicant a 6-digit PIN on submission, on their case, and in the receipt e-mail', async () => {
    expect(pin).to.match(/^\d{6}$/);
    const mine = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await harness().token('budi'));
    expect(mine.body.trackingPin).to.equal(pin);
    const staff = await http().get(`/api/v1/permits/${caseId}`).set('Authorization', await harness().token('admin', ['admin']));
    expect(staff.status).to.equal(200);
    expect(staff.body.trackingPin).to.equal(null);
    const receipt = await until(async () => (await harness().records.outbox.forCase(caseId)).find((m) => m.key === `${caseId}:received`), 'the receipt');
    expect(receipt.recipient).to.equal(sampleApplicant().email);
    expect(receipt.subject).to.include(number);
    expect(receipt.body).to.include(`PIN pelacakan    : ${pin}`).and.include(`/lacak?nomor=${encodeURIComponent(number)}`);
    // Derived, never carried by the workflow: its history holds neither the PIN nor the word.
    const history = JSON.stringify(await harness().client.workflow.getHandle(caseWorkflowId('permit', caseId)).fetchHistory());
    expect(history).to.include(caseId);
    expect(history).not.to.include(pin);
    expect(history).not.to.include(Buffer.from(pin).toString('base64'));
  });

  it('shows status, stage, deadlines and an estimate to anyone with the number and PIN, and nothing personal', async () => {
    const res = await track({ number, pin: `${pin.slice(0, 3)} ${pin.slice(3)}` }).expect(200);
    expect(res.body).to.include({ registrationNumber: number, typeId: 'reklame', status: 'in_review', closedAt: null, documentNumber: null });
    expect(res.body.stage.id).to.be.a('string');
    expect(Date.parse(res.body.estimate.issueAt)).to.be.greaterThan(Date.parse(res.body.submittedAt));
    expect(res.body.estimate.basis).to.be.oneOf(['recent_cases', 'service_level']);
    const text = JSON.stringify(res.body);
    const applicant = sampleApplicant();
    for (const personal of [applicant.name, applicant.nik, applicant.email, applicant.phone, caseId, 'budi']) expect(text).not.to.include(personal);
  });

  it('answers an unknown number, a wrong PIN and a contract alike (404), and bad input with the field path (400)', async () => {
    const wrong = await track({ number, pin: otherPin(pin) }).expect(404);
    const unknown = await track({ number: 'REG/REK/1999/999999', pin }).expect(404);
    expect(wrong.body).to.deep.equal(unknown.body);
    const contract = (await harness().records.getCase(await draft()))!;
    await track({ number: contract.registrationNumber, pin: harness().records.trackingPin(contract.caseId) }).expect(404);
    expect((await track({ number, pin: '12ab' }).expect(400)).body.error.details[0].path).to.equal('pin');
    expect((await track({ pin }).expect(400)).body.error.details[0].path).to.equal('number');
    expect((await track({ number: 'x'.repeat(65), pin }).expect(400)).body.error.details[0].path).to.equal('number');
  });

  it('throttles wrong PINs per number: a wait after five, a one-hour lock after ten (logged), then the right PIN works', async () => {
    const { id, registrationNumber: n } = (await submit('reklame')).body;
    const right = harness().records.trackingPin(id);
    const deps = harness().apiDeps;
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    for (let i = 0; i < TRACKING_THROTTLE.freeFailures; i++) {
      expect((await refusal(trackCase(deps, { number: n, pin: otherPin(right) }, at(0)))).message).to.match(/no permit application/);
    }
    // The sixth guess at once waits, even the right one.
    expect((await refusal(trackCase(deps, { number: n, pin: right }, at(0)))).message).to.match(/Too many wrong PINs/);
    for (let i = TRACKING_THROTTLE.freeFailures; i < TRACKING_THROTTLE.maxFailures - 1; i++) {
      expect((await refusal(trackCase(deps, { number: n, pin: otherPin(right) }, at(i * 10)))).message).to.match(/no permit application/);
    }
    expect((await refusal(trackCase(deps, { number: n, pin: otherPin(right) }, at(100)))).code).to.equal('LOCKED');
    expect((await refusal(trackCase(deps, { number: n, pin: right }, at(130)))).code).to.equal('LOCKED');
    const events = await harness().records.security.listEvents(1000);
    expect(events.some((e) => e.kind === 'tracking_locked' && e.userId === `tracking:${n}`)).to.equal(true);
    expect((await trackCase(deps, { number: n, pin: right }, at(170))).registrationNumber).to.equal(n);
    // Another number's counter is its own: the first case was never locked by these.
    await track({ number, pin }).expect(200);
  });

  it('has a page /lacak: the form posts the PIN, wrong ones get a message, right ones the status', async () => {
    const agent = http();
    const form = await agent.get(`/lacak?nomor=${encodeURIComponent(number)}`).expect(200);
    expect(form.text).to.include(`value="${number}"`).and.include('name="pin"');
    const wrong = await agent.post('/lacak').type('form').send({ _csrf: csrfOf(form.text), number, pin: otherPin(pin) }).expect(404);
    expect(wrong.text).to.include('Tidak ada permohonan izin dengan nomor dan PIN ini.');
    const bad = await agent.post('/lacak').type('form').send({ _csrf: csrfOf(form.text), number, pin: 'abc' }).expect(400);
    expect(bad.text).to.include('Isi PIN 6 angka dari tanda terima.');
    const ok = await agent.post('/lacak').type('form').send({ _csrf: csrfOf(form.text), number, pin }).expect(200);
    expect(ok.text).to.include('data-track-result="in_review"').and.include('Reklame').and.not.include('Budi Santoso');
    await agent.post('/lacak').type('form').send({ number, pin }).expect(403); // no form token
  });
});

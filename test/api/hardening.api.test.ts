import { expect } from 'chai';
import type { Response } from 'supertest';
import { inboxTasksOf, submissionBody } from '../harness/api-client';
import { sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

function expectInvalid(res: Response, ...paths: string[]) {
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  expect(res.body.error.code).to.equal('INVALID_INPUT');
  expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include.members(paths);
}

describe('hardening (issue 8)', function () {
  this.timeout(60_000);

  describe('finding 1: bounded by construction', () => {
    it('refuses award and start dates near year 9999 at once, and still answers /healthz', async () => {
      for (const date of ['9999-12-14', '9999-12-20', '9999-12-31']) {
        const terms = { ...sampleTerms({ awardDate: date }), startDate: '9999-12-31' };
        const started = Date.now();
        const res = await http().post('/api/v1/contracts').set('Authorization', await token('ppk')).send({ typeId: 'barang', terms });
        expect(Date.now() - started, date).to.be.below(2000);
        expectInvalid(res, 'terms.award.date', 'terms.startDate');
        expect(res.body.error.message).to.match(/between 2000-01-01 and 2100-12-31/);
      }
      await http().get('/healthz').expect(200);
    });

    it('refuses a duration that would end after 2100 or run for millions of days', async () => {
      const late = await http()
        .post('/api/v1/contracts')
        .set('Authorization', await token('ppk'))
        .send({ typeId: 'barang', terms: { ...sampleTerms(), startDate: '2100-12-01', durationDays: 60 } });
      expectInvalid(late, 'terms.durationDays');
      const endless = await http()
        .post('/api/v1/contracts')
        .set('Authorization', await token('ppk'))
        .send({ typeId: 'barang', terms: { ...sampleTerms(), durationDays: 1e9 } });
      expectInvalid(endless, 'terms.durationDays');
    });

    it('refuses a permit date field outside 2000–2100, naming the field', async () => {
      const type = harness().catalog.get('sip')!;
      const dateField = type.fields.find((f) => f.type === 'date')!;
      const body = await submissionBody(type, 'budi');
      const res = await http()
        .post('/api/v1/permits')
        .set('Authorization', await token('budi'))
        .send({ ...body, fields: { ...body.fields, [dateField.id]: '9999-12-31' } });
      expectInvalid(res, `fields.${dateField.id}`);
    });

    it('states the date range in the OpenAPI document', async () => {
      const doc = JSON.stringify((await http().get('/api/v1/openapi.json').expect(200)).body);
      expect(doc).to.include('A calendar date (YYYY-MM-DD) from 2000-01-01 to 2100-12-31.');
    });
  });

  describe('finding 5: clean text', () => {
    it('refuses NUL, lone surrogates and RTL overrides in applicant data and permit fields, naming the field', async () => {
      const type = harness().catalog.get('reklame')!;
      const textField = type.fields.find((f) => f.type === 'text')!;
      const body = await submissionBody(type, 'budi');
      const res = await http()
        .post('/api/v1/permits')
        .set('Authorization', await token('budi'))
        .send({
          ...body,
          applicant: { ...body.applicant, name: 'Budi\u0000Santoso', address: 'Jl. Gajah Mada \u202e21 .oN' },
        });
      expectInvalid(res, 'applicant.name', 'applicant.address');
      expect(res.body.error.message).to.include('U+0000').and.to.include('U+202E');
      const field = await http()
        .post('/api/v1/permits')
        .set('Authorization', await token('budi'))
        .send({ ...body, fields: { ...body.fields, [textField.id]: 'Promo \ud800' } });
      expectInvalid(field, `fields.${textField.id}`);
      expect(field.body.error.message).to.include('U+D800');
    });

    it('refuses them in contract terms', async () => {
      const terms = sampleTerms();
      const res = await http()
        .post('/api/v1/contracts')
        .set('Authorization', await token('ppk'))
        .send({ typeId: 'barang', terms: { ...terms, vendor: { ...terms.vendor, name: 'CV Maju\u2066 Jaya' }, title: 'Pengadaan\u0007' } });
      expectInvalid(res, 'terms.vendor.name', 'terms.title');
    });

    it('stores accepted text NFC-normalised, and refuses controls in reasons and comments', async () => {
      const type = harness().catalog.get('reklame')!;
      const body = await submissionBody(type, 'budi');
      const created = await http()
        .post('/api/v1/permits')
        .set('Authorization', await token('budi'))
        .send({ ...body, applicant: { ...body.applicant, name: 'Jose\u0301 Ange\u0301lico' } });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const detail = await http().get(`/api/v1/permits/${created.body.id}`).set('Authorization', await token('budi')).expect(200);
      expect(detail.body.applicant.name).to.equal('José Angélico');
      const withdrawal = await http()
        .post(`/api/v1/permits/${created.body.id}/withdrawal`)
        .set('Authorization', await token('budi'))
        .send({ reason: 'Tidak jadi\u202e' });
      expectInvalid(withdrawal, 'reason');
      const task = (await inboxTasksOf('rahmat', created.body.id))[0]!;
      const decision = await http()
        .post(`/api/v1/tasks/${task.id}/decision`)
        .set('Authorization', await token('rahmat'))
        .send({ outcome: 'approve', comment: 'Lengkap\u0000' });
      expectInvalid(decision, 'comment');
    });
  });

  describe('finding 7: Idempotency-Key bound to the request body', () => {
    const post = async (path: string, user: string, key: string, body: unknown) =>
      http().post(path).set('Authorization', await token(user)).set('Idempotency-Key', key).send(body as object);

    it('answers the same case for the same body (in any key order), 422 for another body, and keeps keys per user', async () => {
      const type = harness().catalog.get('sip')!;
      const body = await submissionBody(type, 'budi');
      const key = `retry-${Date.now()}`;
      const first = await post('/api/v1/permits', 'budi', key, body);
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const again = await post('/api/v1/permits', 'budi', key, reordered);
      expect(again.status, JSON.stringify(again.body)).to.equal(201);
      expect(again.body.id).to.equal(first.body.id);
      expect(again.body.registrationNumber).to.equal(first.body.registrationNumber);

      const changed = await post('/api/v1/permits', 'budi', key, { ...body, applicant: { ...body.applicant, name: 'Budi Santoso Jr.' } });
      expect(changed.status, JSON.stringify(changed.body)).to.equal(422);
      expect(changed.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
      const otherType = await post('/api/v1/permits', 'budi', key, await submissionBody(harness().catalog.get('reklame')!, 'budi'));
      expect(otherType.status).to.equal(422);

      const siti = await post('/api/v1/permits', 'siti', key, await submissionBody(type, 'siti'));
      expect(siti.status, JSON.stringify(siti.body)).to.equal(201);
      expect(siti.body.id).not.to.equal(first.body.id);
      // The first case is untouched by the refused request.
      const detail = await http().get(`/api/v1/permits/${first.body.id}`).set('Authorization', await token('budi')).expect(200);
      expect(detail.body.applicant.name).to.equal(body.applicant.name);
    });

    it('does the same for contract drafts, and a refused draft does not bind the key', async () => {
      const key = `draft-${Date.now()}`;
      const invalidDraft = await post('/api/v1/contracts', 'ppk', key, { typeId: 'barang', terms: { ...sampleTerms(), durationDays: 0 } });
      expect(invalidDraft.status).to.equal(400);
      const first = await post('/api/v1/contracts', 'ppk', key, { typeId: 'barang', terms: sampleTerms() });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      const again = await post('/api/v1/contracts', 'ppk', key, { typeId: 'barang', terms: sampleTerms() });
      expect(again.status, JSON.stringify(again.body)).to.equal(201);
      expect(again.body.id).to.equal(first.body.id);
      const higher = await post('/api/v1/contracts', 'ppk', key, { typeId: 'barang', terms: sampleTerms({ unitPrice: 13_000_000 }) });
      expect(higher.status, JSON.stringify(higher.body)).to.equal(422);
      expect(higher.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('finding 9: caching, route matching before authentication, Bearer in any case', () => {
    it('sends Cache-Control: no-store on API answers, with personal data or not', async () => {
      const auth = await token('budi');
      for (const res of [
        await http().get('/api/v1/permits').set('Authorization', auth),
        await http().get('/api/v1/permits'),
        await http().get('/api/v1/permit-types'),
      ]) {
        expect(res.headers['cache-control'], `${res.status}`).to.equal('no-store');
      }
    });

    it('answers 404 for unknown routes and methods and for CORS preflights, without a token; 401 only for known routes', async () => {
      for (const [method, path] of [
        ['get', '/api/v1/nothing-here'],
        ['post', '/api/v1/permits/abc/unknown'],
        ['delete', '/api/v1/permits'],
        ['put', '/api/v1/tasks/abc/decision'],
        ['get', '/api/v1/admin/nothing'],
      ] as const) {
        const res = await http()[method](path);
        expect(res.status, `${method} ${path}`).to.equal(404);
        expect(res.body.error.code).to.equal('NOT_FOUND');
      }
      for (const path of ['/api/v1/permits', '/api/v1/permit-types', '/api/v1/contracts/abc/versions']) {
        const preflight = await http().options(path).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
        expect(preflight.status, path).to.equal(404);
        expect(preflight.headers).not.to.have.property('access-control-allow-origin');
      }
      expect((await http().get('/api/v1/permits/abc')).status).to.equal(401);
      expect((await http().post('/api/v1/tasks/abc/decision')).status).to.equal(401);
      expect((await http().head('/api/v1/permits')).status).to.equal(401);
    });

    it('accepts the Bearer scheme in any letter case', async () => {
      const jwt = (await token('budi')).slice('Bearer '.length);
      for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
        const res = await http().get('/api/v1/permits').set('Authorization', `${scheme} ${jwt}`);
        expect(res.status, scheme).to.equal(200);
      }
      expect((await http().get('/api/v1/permits').set('Authorization', `Basic ${jwt}`)).status).to.equal(401);
    });
  });
});

import { expect } from 'chai';
import type { Response } from 'supertest';
import { submissionBody } from '../harness/api-client';
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
});

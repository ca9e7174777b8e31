import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import { loadContractCatalog } from '../../store/contract-catalog';
import { sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';

const http = () => harness().http();

describe('contract types over HTTP', () => {
  it('lists every contract type with its template, without a login', async () => {
    const res = await http().get('/api/v1/contract-types');
    expect(res.status).to.equal(200);
    expect(res.body.items.map((t: { id: string }) => t.id)).to.deep.equal(['barang', 'konstruksi', 'konsultansi']);
    const konsultansi = res.body.items.find((t: { id: string }) => t.id === 'konsultansi');
    expect(konsultansi.defaultGuaranteePercent).to.equal(0);
    expect(konsultansi.termsSchema.properties.performanceGuarantee.default).to.deep.equal({ percent: 0, dueWorkingDays: 14 });
  });

  it("gives the terms' JSON Schema with the type's clauses and payments as defaults, which accepts a real draft", async () => {
    const res = await http().get('/api/v1/contract-types/barang');
    expect(res.status).to.equal(200);
    const type = loadContractCatalog().get('barang')!;
    expect(res.body.defaultClauses).to.deep.equal(type.defaultClauses);
    const schema = res.body.termsSchema;
    expect(schema.properties.clauses.default).to.deep.equal(type.defaultClauses);
    expect(schema.properties.payments.default).to.deep.equal(type.defaultPayments);
    expect(schema.required).to.include.members(['title', 'ppk', 'vendor', 'items']).and.not.include('clauses');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sampleTerms()), JSON.stringify(validate.errors)).to.equal(true);
    expect(validate({ ...sampleTerms(), durationDays: 0 })).to.equal(false);
    expect(validate({ ...sampleTerms(), surprise: 1 })).to.equal(false);
    // What the schema accepts, the API drafts.
    const draft = await http().post('/api/v1/contracts').set('Authorization', await harness().token('ppk')).send({ typeId: 'barang', terms: sampleTerms() });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
  });

  it('answers 404 for an unknown contract type', async () => {
    const res = await http().get('/api/v1/contract-types/sewa');
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('NOT_FOUND');
  });
});

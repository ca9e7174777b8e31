import crypto from 'node:crypto';
import { expect } from 'chai';
import { toCsv } from '../../api/csv';
import { seedCase } from '../../scripts/seed-cases';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import { DATASET_IDS, localMonthOf } from '../../domain/open-data';
import { activeContract, sampleTerms } from '../harness/contracts';
import { harness } from '../harness/harness';

type TRow = Record<string, unknown>;

/**
 * GET /api/v1/public/data… on the real API (issue 13 §3): the DCAT catalogue, each dataset as JSON and CSV with
 * the same rows, small counts suppressed, and no personal data anywhere. The store is shared with every other
 * suite: the exact figures are checked on a permit type and a month only this suite's seeded cases carry.
 */
describe('API: open data (GET /public/data)', function () {
  this.timeout(300_000);
  const http = () => harness().http();
  const typeId = `od-${crypto.randomBytes(3).toString('hex')}`;
  const month = '2019-07';
  /** The personal data of the applicants seeded here: none of it may appear in any dataset. */
  const people = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
    name: `Rahayu Sekarwangi ${String.fromCharCode(65 + i)}`,
    nik: `611207010190${String(1000 + i)}`,
    email: `rahayu.${i}@contoh.id`,
    phone: `0812555${String(10000 + i)}`,
  }));
  let contractNumber: string;

  const dataset = (id: string, query: Record<string, string> = {}) => http().get(`/api/v1/public/data/${id}`).query(query);
  const csvOf = async (id: string, query: Record<string, string> = {}) => {
    const res = await http().get(`/api/v1/public/data/${id}.csv`).query(query).buffer(true);
    expect(res.status, res.text).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.text.startsWith('\uFEFF')).to.equal(true);
    return res.text;
  };

  before(async () => {
    const { records } = harness();
    // Five issued in Sungai Raya, one in Kubu, two without a kecamatan; one rejected in Sungai Raya (never counted).
    const kecamatan = ['sungai_raya', 'sungai_raya', 'sungai_raya', 'sungai_raya', 'sungai_raya', 'kubu', undefined, undefined];
    for (const [i, k] of kecamatan.entries()) {
      await seedCase(records, {
        caseId: `${typeId}-${i}`,
        typeId,
        typeCode: 'OD',
        applicantId: `od-applicant-${i}`,
        applicant: people[i]!,
        submittedAt: new Date(`2019-07-01T0${i}:00:00Z`),
        status: 'issued',
        stage: null,
        caseDueAt: new Date('2019-07-10T09:00:00Z'),
        closedAt: new Date(`2019-07-${String(3 + i * 2).padStart(2, '0')}T03:00:00Z`),
        fields: { ...(k ? { kecamatan: k } : {}), land_address: `Jl. ${people[i]!.name}, ${people[i]!.phone}` },
      });
    }
    await seedCase(records, {
      caseId: `${typeId}-rejected`,
      typeId,
      typeCode: 'OD',
      applicantId: 'od-applicant-r',
      submittedAt: new Date('2019-07-01T00:00:00Z'),
      status: 'rejected',
      stage: null,
      caseDueAt: new Date('2019-07-10T09:00:00Z'),
      closedAt: new Date('2019-07-05T03:00:00Z'),
      fields: { kecamatan: 'sungai_raya' },
    });
    const contractId = await activeContract();
    contractNumber = (await records.issuance.byCase(contractId))!.number;
  });

  it('lists every dataset in a DCAT catalogue with licence, frequency, publisher, downloads and data dictionary', async () => {
    const res = await http().get('/api/v1/public/data');
    expect(res.status).to.equal(200);
    expect(res.body['@context']).to.include({ dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' });
    expect(res.body['@type']).to.equal('dcat:Catalog');
    expect(res.body['dct:publisher']['foaf:name']).to.equal(harness().apiDeps.office.units[0]!.names[0]);
    const datasets = res.body['dcat:dataset'] as TRow[];
    expect(datasets.map((d) => d['dct:identifier'])).to.deep.equal([...DATASET_IDS]);
    for (const d of datasets) {
      expect(d['dct:license']).to.equal('https://creativecommons.org/licenses/by/4.0/');
      expect(d['dct:accrualPeriodicity']).to.be.a('string');
      expect(d['dcat:keyword']).to.be.an('array').with.length.greaterThan(0);
      const downloads = (d['dcat:distribution'] as TRow[]).map((x) => [x['dcat:mediaType'], x['dcat:downloadURL']]);
      expect(downloads).to.deep.equal([
        ['application/json', `http://localhost:3000/api/v1/public/data/${d['dct:identifier']}`],
        ['text/csv', `http://localhost:3000/api/v1/public/data/${d['dct:identifier']}.csv`],
      ]);
      const columns = (d['csvw:tableSchema'] as { 'csvw:column': TRow[] })['csvw:column'];
      expect(columns.every((c) => typeof c['csvw:datatype'] === 'string' && typeof c['dct:description'] === 'string')).to.equal(true);
    }
  });

  it('counts the permits issued per type, month and kecamatan, suppressing counts under three', async () => {
    const res = await dataset('izin-terbit', { from: month, to: month });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.metadata['dct:temporal']).to.deep.equal({ 'dcat:startDate': month, 'dcat:endDate': month });
    const mine = (res.body.rows as TRow[]).filter((r) => r.typeId === typeId);
    expect(mine).to.deep.equal([
      { month, typeId, typeName: typeId, kecamatanCode: null, kecamatan: null, issued: null, issuedSuppressed: true },
      { month, typeId, typeName: typeId, kecamatanCode: '61.12.03', kecamatan: 'kubu', issued: null, issuedSuppressed: true },
      { month, typeId, typeName: typeId, kecamatanCode: '61.12.07', kecamatan: 'sungai_raya', issued: 5, issuedSuppressed: false },
    ]);
    const csv = (await csvOf('izin-terbit', { from: month, to: month })).split('\r\n');
    expect(csv[0]).to.equal('\uFEFFmonth,typeId,typeName,kecamatanCode,kecamatan,issued,issuedSuppressed');
    expect(csv.filter((line) => line.includes(typeId))).to.deep.equal([
      `${month},${typeId},${typeId},,,<3,true`,
      `${month},${typeId},${typeId},61.12.03,kubu,<3,true`,
      `${month},${typeId},${typeId},61.12.07,sungai_raya,5,false`,
    ]);
  });

  it('gives median and p90 processing time in working days and the on-time share, per type and month', async () => {
    const rows = ((await dataset('waktu-proses', { from: month, to: month })).body.rows as TRow[]).filter((r) => r.typeId === typeId);
    expect(rows).to.have.length(1);
    // Issued 2–16 days after submission; due 10 July: the first four in time.
    expect(rows[0]).to.include({ month, suppressed: false, onTimeShare: 0.5 });
    expect(rows[0]!.medianWorkingDays).to.be.a('number').greaterThan(0);
    expect(rows[0]!.p90WorkingDays as number).to.be.at.least(rows[0]!.medianWorkingDays as number);
  });

  it('lists signed contracts with their vendor and unit, without the names of the people who signed', async () => {
    const now = localMonthOf(new Date(), PONTIANAK_CALENDAR); // the office's month, as the register counts
    const rows = (await dataset('register-kontrak', { from: now, to: now })).body.rows as TRow[];
    const row = rows.find((r) => r.number === contractNumber);
    expect(row).to.include({ vendor: 'CV Maju Jaya', unit: 'Dinas PUPR Kabupaten Kubu Raya', status: 'valid' });
    const text = JSON.stringify(rows);
    const terms = sampleTerms();
    for (const personal of [terms.ppk.name, terms.ppk.nip, terms.vendor.representative.name]) expect(text).not.to.contain(personal);
  });

  it('answers the same rows as CSV as in JSON, for every dataset', async () => {
    for (const id of DATASET_IDS) {
      const query: Record<string, string> = id === 'register-kontrak' ? {} : { from: month, to: month };
      const json = (await dataset(id, query)).body as { rows: TRow[]; metadata: { 'csvw:tableSchema': { 'csvw:column': Array<{ 'csvw:name': string }> } } };
      const names = json.metadata['csvw:tableSchema']['csvw:column'].map((c) => c['csvw:name']);
      // The cells as the data dictionary says a CSV holds them; quoting and the byte-order mark are api/csv.ts's own.
      const cells = (row: TRow) =>
        names.map((n) => {
          const v = row[n];
          if (n === 'issued' && row.issuedSuppressed === true) return '<3';
          return v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
        });
      expect(json.rows.length, id).to.be.greaterThan(0);
      expect(await csvOf(id, query), id).to.equal(toCsv(names, json.rows.map(cells)));
    }
  });

  it('carries no personal data: no NIK, phone, e-mail or applicant name in any dataset, JSON or CSV', async () => {
    const answers: string[] = [JSON.stringify((await http().get('/api/v1/public/data')).body)];
    for (const id of DATASET_IDS) {
      for (const query of [{ from: month, to: month }, {}] as Array<Record<string, string>>) {
        answers.push(JSON.stringify((await dataset(id, query)).body));
        answers.push((await http().get(`/api/v1/public/data/${id}.csv`).query(query).buffer(true)).text);
      }
    }
    const all = answers.join('\n');
    expect(all).not.to.match(/\b\d{16}\b/, 'a NIK');
    expect(all).not.to.match(/(\+62|\b0)8\d{8,11}\b/, 'a phone number');
    expect(all).not.to.match(/[\w.+-]+@[\w-]+\.[\w.-]+/, 'an e-mail address');
    for (const p of people) for (const secret of [p.name, p.nik, p.email, p.phone]) expect(all).not.to.contain(secret);
    expect(all).not.to.contain('Rahayu');
  });

  it('refuses bad ranges with the field path, and unknown datasets with 404', async () => {
    const tooLong = await dataset('izin-terbit', { from: '2020-01', to: '2023-01' });
    expect(tooLong.status).to.equal(400);
    expect(tooLong.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['from']);
    const bad = await http().get('/api/v1/public/data/waktu-proses.csv').query({ to: '2026-13' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['to']);
    expect((await dataset('nope')).status).to.equal(404);
    expect((await http().get('/api/v1/public/data/nope.csv')).status).to.equal(404);
  });

  it('lists the datasets with their downloads on the public page /data-terbuka, in Indonesian and English, and in the navigation', async () => {
    const id = await http().get('/data-terbuka');
    expect(id.status).to.equal(200);
    for (const dataset of DATASET_IDS) {
      expect(id.text).to.contain(`href="/api/v1/public/data/${dataset}"`).and.contain(`href="/api/v1/public/data/${dataset}.csv"`);
    }
    expect(id.text).to.contain('Izin terbit per jenis, bulan, dan kecamatan').and.contain('Unduh CSV').and.contain('href="/data-terbuka"');
    const en = await http().get('/data-terbuka').set('Cookie', 'sahkan_lang=en');
    expect(en.text).to.contain('Permits issued per type, month and district').and.contain('Download CSV').and.not.contain('Unduh CSV');
  });
});

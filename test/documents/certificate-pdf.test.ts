import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import type { TCaseType } from '../../domain/case-type.schema';
import { certificateFields, formatDateId, formatNumberId, validUntilFrom, type TCertificateData } from '../../domain/certificate';
import { formatDocumentNumber, officeYearMonth } from '../../domain/number-template';
import type { TCertificateLayout } from '../../domain/certificate-layout.schema';
import { composeCertificateData } from '../../documents/render/certificate-layout';
import { assertLayoutsMatchCatalog } from '../../domain/certificate-layout-check';
import { CERTIFICATES_DIR, loadCertificateLayouts, loadOffice } from '../../store/certificate-layouts';
import { renderCertificatePdf } from '../../documents/render/certificate-pdf';
import { sanitizeWinAnsi } from '../../documents/render/pdf-drawing';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { A4, flat, pdfTools } from './pdf-tools';

const catalog = loadCatalog(CATALOG_DIR);
const ISSUED_AT = new Date('2026-11-28T03:15:00Z'); // 10:15 in Sungai Raya
const VERIFY_URL = 'https://sahkan.kuburayakab.go.id/verifikasi/3f9c2a7e-51d4-4b8a-9e0c-7d1f2b6a4c88';

const type = (id: string): TCaseType => catalog.get(id)!;

/** Realistic applications of the three shipped types. */
const SAMPLES: Record<string, { holder: { name: string; address: string }; fields: Record<string, unknown> }> = {
  pbg: {
    holder: {
      name: 'Hj. Siti Rahmawati binti H. Abdul Karim',
      address: 'Jalan Adi Sucipto Gang Karya Baru No. 12, RT 003/RW 007, Desa Sungai Raya, Kecamatan Sungai Raya, Kabupaten Kubu Raya',
    },
    fields: {
      building_name: 'Rumah Tinggal dan Toko Rahmawati',
      building_function: 'hunian',
      floor_count: 2,
      building_area_m2: 245.5,
      land_area_m2: 1250,
      land_address: 'Jalan Arteri Supadio Km. 9,5 Gang Sepakat II, Desa Arang Limbung, Kecamatan Sungai Raya, Kabupaten Kubu Raya, Kalimantan Barat',
      land_rights: 'shm',
      land_certificate_number: 'SHM No. 04512/Arang Limbung',
    },
  },
  reklame: {
    holder: { name: 'PT Borneo Sinar Abadi', address: 'Jalan Ahmad Yani No. 88, Pontianak Selatan, Kota Pontianak' },
    fields: {
      billboard_type: 'baliho',
      size_m2: 32,
      face_count: 2,
      location: 'Simpang empat Jalan Arteri Supadio - Jalan Adi Sucipto, Sungai Raya',
      duration_months: 6,
      ad_text: 'Promo Akhir Tahun Borneo Motor: cicilan ringan mulai 500 ribu per bulan',
      illuminated: true,
    },
  },
  sip: {
    holder: { name: 'dr. Andi Prasetyo Wibowo, Sp.PD', address: 'Perumahan Bumi Indah Permai Blok C No. 7, Sungai Raya' },
    fields: {
      profession: 'dokter',
      str_number: '3121100323145789',
      practice_place_name: 'Rumah Sakit Umum Daerah Sultan Syarif Mohamad Alkadrie',
      practice_address: 'Jalan Raya Sungai Durian Km. 2, Desa Kuala Dua, Kecamatan Sungai Raya',
      practice_sequence: 1,
    },
  },
};

function sampleData(typeId: string, override: Partial<(typeof SAMPLES)[string]> = {}): TCertificateData {
  const layout = loadCertificateLayouts().get(typeId)!;
  const t = type(typeId);
  return composeCertificateData({
    office: loadOffice(),
    layout,
    type: t,
    permitNumber: formatDocumentNumber(layout.numberTemplate, { seq: 7, ...officeYearMonth(ISSUED_AT), typeCode: t.code }),
    registrationNumber: `REG/${t.code}/2026/000123`,
    ...SAMPLES[typeId]!,
    ...override,
    issuedAt: ISSUED_AT,
    verificationUrl: VERIFY_URL,
    shortHash: 'SHA256 3F9C2A7E51D44B8A',
    signer: { name: 'Ir. H. Muhammad Hatta Saputra, M.T.', nip: '19730415 199803 1 006' },
  });
}

// --- poppler and qpdf: required, never skipped ---------------------------------------------------

const tools = pdfTools('certificate', 'sahkan-certificate-');
const { pdfText, expectQpdfClean, words } = tools;

/** Inside the page with at least `margin` points to spare on each side. */
function expectWithinMargins(bytes: Uint8Array, margin: number): void {
  const all = words(bytes);
  expect(all.length).to.be.greaterThan(50);
  const outside = all.filter((w) => w.xMin < margin || w.xMax > A4.width - margin || w.yMin < margin / 2 || w.yMax > A4.height - margin / 2);
  expect(outside.map((w) => `${w.text}@p${w.page}(${w.xMin},${w.yMin},${w.xMax},${w.yMax})`)).to.deep.equal([]);
}

/** The page content streams, inflated (pdf-lib writes one operator a line). */
function contentStreams(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  return [...raw.matchAll(/\/FlateDecode[^>]*>>\s*stream\r?\n([\s\S]*?)\r?\nendstream/g)]
    .map((m) => zlib.inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'))
    .join('\n');
}

// --- suites -------------------------------------------------------------------------------------

describe('certificate layouts', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-layouts-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown) => {
    fs.writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
    return path.join(dir, name);
  };
  const shippedLayout = (id: string): TCertificateLayout =>
    JSON.parse(fs.readFileSync(path.join(CERTIFICATES_DIR, `${id}.json`), 'utf8')) as TCertificateLayout;

  it('ships one layout per permit type of the catalog, consistent with it', () => {
    const layouts = loadCertificateLayouts(CERTIFICATES_DIR);
    expect([...layouts.keys()].sort()).to.deep.equal([...catalog.keys()].sort());
    expect(() => assertLayoutsMatchCatalog(layouts, catalog)).to.not.throw();
    for (const layout of layouts.values()) {
      expect(layout.conditions.length, layout.typeId).to.be.within(3, 5);
      expect(layout.legalBasis.length, layout.typeId).to.be.at.least(1);
    }
  });

  it('numbers each type with its own template and validity', () => {
    const layouts = loadCertificateLayouts(CERTIFICATES_DIR);
    const number = (id: string) => formatDocumentNumber(layouts.get(id)!.numberTemplate, { seq: 7, year: 2026, month: 11, typeCode: type(id).code });
    expect(number('pbg')).to.equal('644/0007/PBG/DPMPTSP/XI/2026');
    expect(number('reklame')).to.equal('503/0007/REK/DPMPTSP/XI/2026');
    expect(number('sip')).to.equal('503/0007/SIP/DPMPTSP/XI/2026');
    expect(layouts.get('pbg')!.validity).to.equal(null);
    expect(layouts.get('reklame')!.validity).to.deep.equal({ months: 12 });
    expect(layouts.get('sip')!.validity).to.deep.equal({ years: 5 });
  });

  it('loads the office letterhead', () => {
    const office = loadOffice();
    expect(office.nameLines).to.deep.equal(['PEMERINTAH KABUPATEN KUBU RAYA', 'DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU']);
    expect(office.placeOfIssue).to.equal('Sungai Raya');
    expect(office.signerTitle).to.equal('Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu');
  });

  it('fails naming the file and the path inside it', () => {
    write('pbg.json', { ...shippedLayout('pbg'), numberTemplate: '644/{seq}/{bulan}/{year}' });
    expect(() => loadCertificateLayouts(dir)).to.throw(/pbg\.json: numberTemplate: unknown placeholder \{bulan\}/);
    write('pbg.json', { ...shippedLayout('pbg'), fieldsShown: ['floor_count', 'floor_count'] });
    expect(() => loadCertificateLayouts(dir)).to.throw(/pbg\.json: fieldsShown\.1: duplicate field "floor_count"/);

    fs.rmSync(path.join(dir, 'pbg.json'));
    write('sip.json', { ...shippedLayout('sip'), validity: { weeks: 3 } });
    expect(() => loadCertificateLayouts(dir)).to.throw(/sip\.json: validity/);

    write('sip.json', '{ "typeId": ');
    expect(() => loadCertificateLayouts(dir)).to.throw(/sip\.json: not valid JSON/);

    const { signerTitle: _drop, ...office } = loadOffice();
    expect(() => loadOffice(write('office.json', office))).to.throw(/office\.json: signerTitle:/);
    expect(() => loadOffice(write('office.json', { ...office, signerTitle: 'x', fax: '1' }))).to.throw(/office\.json: \(root\): .*fax/);
  });

  it('keeps office.json out of the layouts and refuses two layouts of one type', () => {
    write('office.json', loadOffice());
    write('a.json', shippedLayout('sip'));
    expect([...loadCertificateLayouts(dir).keys()]).to.deep.equal(['sip']);
    write('b.json', shippedLayout('sip'));
    expect(() => loadCertificateLayouts(dir)).to.throw(/b\.json: typeId: duplicate layout for "sip"/);
  });

  it('finds a layout out of step with the catalog', () => {
    const layouts = loadCertificateLayouts(CERTIFICATES_DIR);
    const pbg = layouts.get('pbg')!;
    const broken = new Map(layouts);
    broken.set('pbg', { ...pbg, fieldsShown: [...pbg.fieldsShown, 'roof_colour'], optionLabels: { ...pbg.optionLabels, land_rights: { shm: 'Hak Milik' } } });
    broken.delete('sip');
    expect(() => assertLayoutsMatchCatalog(broken, catalog)).to.throw(/no certificate layout for permit type "sip"[\s\S]*"roof_colour" is not a field[\s\S]*"land_rights.hgb" has no label/);
  });
});

describe('certificate data', () => {
  it('formats dates as Indonesian letters do, on the office calendar (Asia/Pontianak)', () => {
    expect(formatDateId(ISSUED_AT)).to.equal('28 November 2026');
    expect(formatDateId(new Date('2026-11-27T17:30:00Z'))).to.equal('28 November 2026');
    expect(formatDateId(new Date('2026-11-27T16:59:00Z'))).to.equal('27 November 2026');
    expect(formatDateId(new Date('2027-01-01T00:00:00Z'))).to.equal('1 Januari 2027');
    expect(formatDateId(new Date('2027-08-17T05:00:00Z'))).to.equal('17 Agustus 2027');
  });

  it('uses Indonesian number separators', () => {
    expect([1250, 245.5, 1_250_000.75, 0.5, -3000].map(formatNumberId)).to.deep.equal(['1.250', '245,5', '1.250.000,75', '0,5', '-3.000']);
  });

  it('builds label/value rows: Indonesian labels, readable options, empty optional fields left out', () => {
    const rows = certificateFields(type('pbg'), { ...SAMPLES.pbg!.fields, building_name: '  ', building_function: 'sosial_budaya' });
    expect(rows[0]).to.deep.equal({ label: 'Fungsi bangunan gedung', value: 'Sosial budaya' });
    expect(rows.map((r) => r.label)).to.not.include('Nama bangunan');
    expect(rows).to.deep.include({ label: 'Luas tanah (m²)', value: '1.250' });
    expect(rows).to.deep.include({ label: 'Jenis hak atas tanah', value: 'Shm' }); // without the layout's labels
  });

  it('follows the layout: order, label overrides, option labels, texts for empty fields, booleans and dates', () => {
    const layouts = loadCertificateLayouts();
    const sip = certificateFields(type('sip'), { ...SAMPLES.sip!.fields, profession: 'dokter_gigi' }, layouts.get('sip'));
    expect(sip.slice(0, 3)).to.deep.equal([
      { label: 'Profesi', value: 'Dokter gigi' },
      { label: 'Nomor STR', value: '3121100323145789' },
      { label: 'STR berlaku sampai dengan', value: 'Seumur hidup' },
    ]);
    const dated = certificateFields(type('sip'), { ...SAMPLES.sip!.fields, str_valid_until: '2029-03-01' }, layouts.get('sip'));
    expect(dated[2]).to.deep.equal({ label: 'STR berlaku sampai dengan', value: '1 Maret 2029' });
    const rek = certificateFields(type('reklame'), { ...SAMPLES.reklame!.fields, illuminated: false }, layouts.get('reklame'));
    expect(rek.map((r) => r.value)).to.include.members(['Baliho', '32', 'Tidak']);
    expect(() => certificateFields(type('sip'), {}, { fieldsShown: ['nope'] })).to.throw(/"nope" is not a field of case type "sip"/);
  });

  it('computes the end of validity on the office calendar', () => {
    expect(validUntilFrom(ISSUED_AT, null)).to.equal(null);
    expect(formatDateId(validUntilFrom(ISSUED_AT, { years: 5 })!)).to.equal('28 November 2031');
    expect(formatDateId(validUntilFrom(ISSUED_AT, { months: 3 })!)).to.equal('28 Februari 2027');
    expect(formatDateId(validUntilFrom(new Date('2027-01-31T02:00:00Z'), { months: 1 })!)).to.equal('28 Februari 2027');
    expect(formatDateId(validUntilFrom(new Date('2028-02-29T02:00:00Z'), { years: 1 })!)).to.equal('28 Februari 2029');
  });

  it('limits a reklame permit to the months applied for, capped by the layout', () => {
    expect(formatDateId(sampleData('reklame').validUntil!)).to.equal('28 Mei 2027');
    expect(sampleData('pbg').validUntil).to.equal(null);
    expect(formatDateId(sampleData('sip').validUntil!)).to.equal('28 November 2031');
  });

  it('makes any text encodable in WinAnsi instead of failing', () => {
    const charset = new Set([...' -?<=>0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ²é'].map((c) => c.codePointAt(0)!));
    expect(sanitizeWinAnsi(' Nguyễn  Şahin\n王 😀 m² café ≥ 2\u2011x ', charset)).to.equal('Nguyen Sahin ? ? m² café >= 2-x');
  });
});

describe('certificate PDF', () => {
  let pbg: Uint8Array;

  before(async () => {
    tools.setUp();
    pbg = await renderCertificatePdf(sampleData('pbg'));
  });
  after(() => tools.tearDown());

  it('is one A4 portrait page', async () => {
    const doc = await PDFDocument.load(pbg);
    expect(doc.getPageCount()).to.equal(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).to.be.closeTo(A4.width, 0.01);
    expect(height).to.be.closeTo(A4.height, 0.01);
  });

  it('shows the number, the holder, the fields, the signature block and the verification URL', () => {
    const text = pdfText(pbg);
    const t = flat(text);
    for (const expected of [
      'PEMERINTAH KABUPATEN KUBU RAYA',
      'PERSETUJUAN BANGUNAN GEDUNG',
      'Nomor: 644/0007/PBG/DPMPTSP/XI/2026',
      'REG/PBG/2026/000123',
      'Hj. Siti Rahmawati binti H. Abdul Karim',
      'Hak Milik (SHM)',
      '245,5',
      'Berlaku selama bangunan/usaha memenuhi ketentuan',
      'Ditetapkan di Sungai Raya',
      'pada tanggal 28 November 2026',
      'Ditandatangani secara elektronik oleh',
      'Ir. H. Muhammad Hatta Saputra, M.T.',
      'Kode verifikasi: SHA256 3F9C2A7E51D44B8A',
      'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik.',
    ]) {
      expect(t, expected).to.include(expected);
    }
    expect(text).to.include(VERIFY_URL);
  });

  it('passes qpdf --check and keeps a classic xref table for the signer to append to', () => {
    expectQpdfClean(pbg);
    const raw = Buffer.from(pbg).toString('latin1');
    expect(raw).to.not.include('/ObjStm');
    expect(raw).to.match(/\nxref\n0 \d+\n/);
  });

  it('draws the QR code of the verification URL as vectors, not as an image', () => {
    expect(Buffer.from(pbg).toString('latin1')).to.not.include('/Image');
    // One rectangle per horizontal run of dark modules, all in one fill.
    const { modules } = QRCode.create(VERIFY_URL, { errorCorrectionLevel: 'M' });
    let runs = 0;
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c) && (c === 0 || !modules.get(r, c - 1))) runs++;
    const content = contentStreams(pbg);
    expect(content.match(/ re$/gm)?.length).to.equal(runs);
    expect(content.match(/^f$/gm)?.length).to.equal(1);
  });

  it('renders identical bytes for the same input, dated from issuedAt', async () => {
    const again = await renderCertificatePdf(sampleData('pbg'));
    expect(Buffer.from(again).equals(Buffer.from(pbg))).to.equal(true);
    const doc = await PDFDocument.load(pbg, { updateMetadata: false });
    expect(doc.getCreationDate()?.getTime()).to.equal(ISSUED_AT.getTime());
    expect(doc.getModificationDate()?.getTime()).to.equal(ISSUED_AT.getTime());
    expect(doc.getProducer()).to.equal('Sahkan');
    const otherDay = await renderCertificatePdf({ ...sampleData('pbg'), issuedAt: new Date('2026-11-29T03:15:00Z') });
    expect(Buffer.from(otherDay).equals(Buffer.from(pbg))).to.equal(false);
  });

  it('keeps every shipped type on one page, inside the margins', async () => {
    for (const id of ['pbg', 'reklame', 'sip']) {
      const bytes = await renderCertificatePdf(sampleData(id));
      expect((await PDFDocument.load(bytes)).getPageCount(), id).to.equal(1);
      expectQpdfClean(bytes);
      expectWithinMargins(bytes, 40);
    }
  });

  it('wraps the longest values the forms allow and stays on one page inside the margins', async () => {
    const long = (n: number) => 'Jalan Panjang Sekali Nomor 123 Desa Sungai Raya Dalam Kecamatan Sungai Raya '.repeat(5).slice(0, n).trim();
    const data = sampleData('pbg', {
      holder: { name: 'Koperasi Produsen Usaha Bersama Masyarakat Desa Arang Limbung Sejahtera Mandiri', address: long(300) },
      fields: { ...SAMPLES.pbg!.fields, building_name: long(150), land_address: long(300), land_certificate_number: '1234567890'.repeat(6) },
    });
    const bytes = await renderCertificatePdf(data);
    expect((await PDFDocument.load(bytes)).getPageCount()).to.equal(1);
    expectQpdfClean(bytes);
    expectWithinMargins(bytes, 40);
    expect(flat(pdfText(bytes))).to.include('Ditandatangani secara elektronik oleh');
  });

  it('continues on further pages rather than drawing off the page', async () => {
    const filler = 'nilai yang sangat panjang untuk menguji pemindahan halaman '.repeat(6);
    const data: TCertificateData = { ...sampleData('sip'), fields: Array.from({ length: 40 }, (_, i) => ({ label: `Rincian ${i + 1}`, value: filler })) };
    const bytes = await renderCertificatePdf(data);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).to.be.greaterThan(1);
    for (const page of doc.getPages()) expect(page.getHeight()).to.be.closeTo(A4.height, 0.01);
    expectQpdfClean(bytes);
    expectWithinMargins(bytes, 40);
    expect(flat(pdfText(bytes))).to.include('Rincian 40');
    const lastPage = words(bytes).filter((w) => w.page === doc.getPageCount() - 1).map((w) => w.text);
    expect(lastPage).to.include.members(['Ditandatangani', 'Halaman']);
  });

  it('renders names the standard fonts cannot encode instead of crashing', async () => {
    const bytes = await renderCertificatePdf({ ...sampleData('sip'), holder: { name: 'Nguyễn Thị Ŝara 王 “Lia” – dr.', address: 'Jalan Ş. No. 1' } });
    expectQpdfClean(bytes);
    expect(flat(pdfText(bytes))).to.include('Nguyen Thi Sara ? “Lia” – dr.');
  });
});

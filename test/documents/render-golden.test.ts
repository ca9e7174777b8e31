import crypto from 'node:crypto';
import { expect } from 'chai';
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { composeCertificateData } from '../../documents/render/certificate-layout';
import { renderCertificatePdf } from '../../documents/render/certificate-pdf';
import { composeAddendumDocument, composeContractDocument, composeTerminationNotice } from '../../documents/render/contract-compose';
import { renderContractPdf } from '../../documents/render/contract-pdf';
import { renderAddendumPdf } from '../../documents/render/addendum-pdf';
import { renderTerminationNoticePdf } from '../../documents/render/termination-notice-pdf';
import { verificationCode } from '../../documents/render/verification-code';
import { loadCatalog, CATALOG_DIR } from '../../store/catalog';
import { loadCertificateLayouts, loadOffice } from '../../store/certificate-layouts';
import { loadContractCatalog } from '../../store/contract-catalog';
import { ZContractTermsSchema } from '../../domain/contract.schema';
import { sampleTermsInput } from '../domain/contract-fixtures';

/*
 * Golden renders: fixed inputs (dates, numbers, ids) through compose and render, compared by SHA-256 of what is
 * drawn: every object of the PDF in order, streams inflated. pdf-lib's output is deterministic once the creation
 * and modification dates are fixed, so a changed hash means the drawn page changed; inflating keeps the hash
 * independent of the zlib build that compressed the content (Node's bundled zlib output differs between builds).
 */
async function drawingSha(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const hash = crypto.createHash('sha256');
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    hash.update(`${ref.toString()}\n`);
    if (obj instanceof PDFRawStream) {
      const dict = obj.dict.clone();
      dict.delete(PDFName.of('Length'));
      hash.update(`${dict.toString()}\n`).update(decodePDFRawStream(obj).decode());
    } else hash.update(obj.toString());
    hash.update('\n');
  }
  return hash.digest('hex');
}
const ISSUED_AT = new Date('2026-11-28T03:15:00Z');
const SIGNED_ON = new Date('2026-07-01T02:30:00Z');
const URL = 'https://sahkan.kuburayakab.go.id/api/v1/public/verify/X?code=ABCDEF1234';

const office = loadOffice();
const catalog = loadCatalog(CATALOG_DIR);
const layouts = loadCertificateLayouts();
const contractTypes = loadContractCatalog();

const HOLDERS: Record<string, { holder: { name: string; address: string }; fields: Record<string, unknown> }> = {
  pbg: {
    holder: { name: 'Hj. Siti Rahmawati', address: 'Jalan Adi Sucipto No. 12, Sungai Raya, Kabupaten Kubu Raya' },
    fields: {
      building_name: 'Rumah Tinggal Rahmawati',
      building_function: 'hunian',
      floor_count: 2,
      building_area_m2: 245.5,
      land_area_m2: 1250,
      land_address: 'Jalan Arteri Supadio Km. 9,5, Sungai Raya',
      land_rights: 'shm',
      land_certificate_number: 'SHM No. 04512/Arang Limbung',
    },
  },
  reklame: {
    holder: { name: 'PT Borneo Sinar Abadi', address: 'Jalan Ahmad Yani No. 88, Pontianak' },
    fields: {
      billboard_type: 'baliho',
      size_m2: 32,
      face_count: 2,
      location: 'Simpang Jalan Arteri Supadio - Jalan Adi Sucipto',
      duration_months: 6,
      ad_text: 'Promo Akhir Tahun',
      illuminated: true,
    },
  },
  sip: {
    holder: { name: 'dr. Andi Prasetyo, Sp.PD', address: 'Perumahan Bumi Indah Blok C No. 7, Sungai Raya' },
    fields: {
      profession: 'dokter',
      str_number: '3121100323145789',
      practice_place_name: 'RSUD Sultan Syarif Mohamad Alkadrie',
      practice_address: 'Jalan Sultan Syahrir, Pontianak',
      practice_order: 1,
    },
  },
};

async function certificate(typeId: string): Promise<Uint8Array> {
  const type = catalog.get(typeId)!;
  const sample = HOLDERS[typeId]!;
  const fields = Object.fromEntries(Object.entries(sample.fields).filter(([k]) => type.fields.some((f) => f.id === k)));
  const data = composeCertificateData({
    office,
    layout: layouts.get(typeId)!,
    type,
    permitNumber: `503/0007/${typeId.toUpperCase()}/DPMPTSP/XI/2026`,
    registrationNumber: 'REG-2026-000007',
    holder: sample.holder,
    fields,
    issuedAt: ISSUED_AT,
    verificationUrl: URL,
    shortHash: verificationCode('case-1', '503/0007'),
    signer: { name: 'Drs. H. Muhammad Yusuf, M.Si.', nip: '196805121994031007' },
  });
  return await renderCertificatePdf(data);
}

const terms = ZContractTermsSchema.parse(sampleTermsInput());
const type = contractTypes.get('barang')!;

async function contract(signed: boolean): Promise<Uint8Array> {
  const number = signed ? '001/SP/BRG/VII/2026' : null;
  const doc = composeContractDocument({
    office,
    type,
    terms,
    version: 2,
    number,
    signedOn: signed ? SIGNED_ON : null,
    ...(signed ? { verification: { url: URL, code: verificationCode('case-2', number!) } } : {}),
  });
  return await renderContractPdf(doc);
}

/** A contract of many items, one of them long: table headers repeat on every page. */
async function longContract(): Promise<Uint8Array> {
  const input = sampleTermsInput();
  const items = Array.from({ length: 45 }, (_, i) => ({ id: `x${i}`, description: `Perangkat jaringan jenis ${i + 1} dengan spesifikasi lengkap sesuai lampiran teknis`, quantity: i + 1, unit: 'unit', unitPrice: 1_000_000 + i * 1_000 }));
  items.push({ id: 'huge', description: Array.from({ length: 40 }, (_, i) => `komponen-${i}`).join(' '), quantity: 1, unit: 'paket', unitPrice: 5_000_000 });
  const value = items.reduce((s, it) => s + it.quantity * it.unitPrice, 0);
  const long = ZContractTermsSchema.parse({ ...input, items, value, clauses: [...input.clauses, { id: 'panjang', heading: 'Ketentuan Lain', text: 'a. Satu ketentuan.\nb. Dua ketentuan yang cukup panjang untuk dibungkus menjadi beberapa baris di halaman kontrak ini agar perataan kiri-kanan diuji.\n(3) Tiga.' }] });
  const doc = composeContractDocument({ office, type, terms: long, version: 1, number: '002/SP/BRG/VII/2026', signedOn: SIGNED_ON, verification: { url: URL, code: 'ABCDEF1234' } });
  const bytes = await renderContractPdf(doc);
  expect((await PDFDocument.load(bytes)).getPageCount(), 'the long contract runs over several pages').to.be.greaterThan(3);
  return bytes;
}

async function addendum(): Promise<Uint8Array> {
  const next = ZContractTermsSchema.parse({
    ...sampleTermsInput(),
    value: 150_625_003,
    durationDays: 75,
    items: [...sampleTermsInput().items, { id: 'i4', description: 'UPS 1.200 VA', quantity: 4, unit: 'unit', unitPrice: 1_875_000 }],
  });
  const doc = composeAddendumDocument({
    office,
    type,
    base: terms,
    next,
    contractNumber: '001/SP/BRG/VII/2026',
    sequence: 1,
    justification: 'Penambahan UPS untuk ruang layanan',
    number: '001/SP/BRG/VII/2026/ADD-1',
    signedOn: SIGNED_ON,
    verification: { url: URL, code: verificationCode('case-3', '001/SP/BRG/VII/2026/ADD-1') },
  });
  return await renderAddendumPdf(doc);
}

async function terminationNotice(): Promise<Uint8Array> {
  const doc = composeTerminationNotice({
    office,
    terms,
    noticeNumber: '001/SP/BRG/VII/2026/PUTUS',
    contractNumber: '001/SP/BRG/VII/2026',
    contractSignedOn: SIGNED_ON,
    reason: 'PIHAK KEDUA tidak menyelesaikan pekerjaan dalam waktu 50 hari setelah teguran ketiga.\n(1) Teguran pertama tanggal 1 Agustus 2026.\n(2) Teguran kedua tanggal 15 Agustus 2026.',
    date: ISSUED_AT,
    verification: { url: URL, code: verificationCode('case-2', '001/SP/BRG/VII/2026') },
  });
  return await renderTerminationNoticePdf(doc);
}

/** A certificate whose conditions run over one page even at the smallest scale: the continuation header and page numbers. */
async function longCertificate(): Promise<Uint8Array> {
  const type = catalog.get('pbg')!;
  const layout = layouts.get('pbg')!;
  const conditions = Array.from({ length: 40 }, (_, i) => `Ketentuan tambahan nomor ${i + 1}: pemegang izin wajib menjaga keselamatan, kesehatan, kenyamanan dan kemudahan bangunan gedung sesuai dengan rencana teknis yang disetujui.`);
  const data = composeCertificateData({
    office,
    layout: { ...layout, conditions },
    type,
    permitNumber: '503/0008/PBG/DPMPTSP/XI/2026',
    registrationNumber: 'REG-2026-000008',
    holder: HOLDERS.pbg!.holder,
    fields: HOLDERS.pbg!.fields,
    issuedAt: ISSUED_AT,
    verificationUrl: URL,
    shortHash: verificationCode('case-4', '503/0008'),
    signer: { name: 'Drs. H. Muhammad Yusuf, M.Si.', nip: '196805121994031007' },
  });
  const bytes = await renderCertificatePdf(data);
  expect((await PDFDocument.load(bytes)).getPageCount(), 'the long certificate runs onto a second page').to.be.greaterThan(1);
  return bytes;
}

// Contract and addendum hashes changed on purpose once: the title reads "SURAT PERJANJIAN" once (it was doubled).
// The termination notice's changed on purpose once: it carries the QR verification block beside the signature.
// All changed on purpose once (issue 12, faster rendering): hashed as drawn (streams inflated), one font resource
// per font instead of one per line, node:zlib for the content streams; pdftotext and pdftoppm at 110 dpi gave
// identical text and pixels before and after. Then the QR code in module units under one scaling (it was rounded to
// 0.001 pt per rectangle): same text, same pixels at 300 dpi, one module edge anti-aliased differently at 110 dpi.
const EXPECTED: Record<string, string> = {
  'certificate pbg': '447eb052ac87ae11b58533506f7407060c31f3e8d541d3c362731e862022a462',
  'certificate reklame': '7b3975ee41cbff0527b5ad117bbc25e66b7fdb1caa77682e715f3d3b059ac3d9',
  'certificate sip': '0034430aeb638328491fea8833eb1183cb187a864bf6a5564ee65ad3fdbc2ae8',
  'contract draft': '80d04c5c18d1e715ba384bb8e953812da3df3228ae29ec1e897b02e77ab6868b',
  'contract signed': 'af35c1de6be8fed2336ea67fd92f646f409c8f14052ac68e6fafd793ff68dc5a',
  'addendum signed': '0930fdf4ecbd17267957ab48ddacb8d731591b262dffe147aea95064c4d0494b',
  'termination notice': 'aa384cd8a6449b62705e85fb17a20505bc8931255cf59e5ed0f527192ad0ca77',
  'contract long': '4b002b713260b51489897f8c4463574210ed84c9cf2bb943120ffb5a2d63f1ac',
  'certificate pbg long': '29af7b60a627ae881b22ac6e2d0e9a2ec50d862bab77db2ce9517e29b72d2776',
};

describe('golden renders (byte-identical across refactors)', function () {
  this.timeout(30_000);
  const cases: Record<string, () => Promise<Uint8Array>> = {
    'certificate pbg': () => certificate('pbg'),
    'certificate reklame': () => certificate('reklame'),
    'certificate sip': () => certificate('sip'),
    'contract draft': () => contract(false),
    'contract signed': () => contract(true),
    'addendum signed': () => addendum(),
    'termination notice': () => terminationNotice(),
    'contract long': () => longContract(),
    'certificate pbg long': () => longCertificate(),
  };
  for (const [name, run] of Object.entries(cases)) {
    it(`${name} renders to the recorded SHA-256`, async () => {
      const first = await run();
      expect(Buffer.from(await run()).equals(Buffer.from(first)), 'rendering twice gives the same bytes').to.equal(true);
      const drawn = await drawingSha(first);
      if (process.env.PRINT_GOLDEN) process.stderr.write(`  '${name}': '${drawn}',\n`);
      expect(drawn).to.equal(EXPECTED[name]);
    });
  }
});

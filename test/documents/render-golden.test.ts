import crypto from 'node:crypto';
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
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
 * Golden renders: fixed inputs (dates, numbers, ids) through compose and render, compared by SHA-256 with the
 * bytes the code produced before the layout engines were merged. pdf-lib's output is deterministic once the
 * creation and modification dates are fixed, so a changed hash means the drawn page changed.
 */
const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
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

async function certificate(typeId: string): Promise<string> {
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
  return sha(await renderCertificatePdf(data));
}

const terms = ZContractTermsSchema.parse(sampleTermsInput());
const type = contractTypes.get('barang')!;

async function contract(signed: boolean): Promise<string> {
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
  return sha(await renderContractPdf(doc));
}

/** A contract of many items, one of them long: table headers repeat on every page. */
async function longContract(): Promise<string> {
  const input = sampleTermsInput();
  const items = Array.from({ length: 45 }, (_, i) => ({ id: `x${i}`, description: `Perangkat jaringan jenis ${i + 1} dengan spesifikasi lengkap sesuai lampiran teknis`, quantity: i + 1, unit: 'unit', unitPrice: 1_000_000 + i * 1_000 }));
  items.push({ id: 'huge', description: Array.from({ length: 40 }, (_, i) => `komponen-${i}`).join(' '), quantity: 1, unit: 'paket', unitPrice: 5_000_000 });
  const value = items.reduce((s, it) => s + it.quantity * it.unitPrice, 0);
  const long = ZContractTermsSchema.parse({ ...input, items, value, clauses: [...input.clauses, { id: 'panjang', heading: 'Ketentuan Lain', text: 'a. Satu ketentuan.\nb. Dua ketentuan yang cukup panjang untuk dibungkus menjadi beberapa baris di halaman kontrak ini agar perataan kiri-kanan diuji.\n(3) Tiga.' }] });
  const doc = composeContractDocument({ office, type, terms: long, version: 1, number: '002/SP/BRG/VII/2026', signedOn: SIGNED_ON, verification: { url: URL, code: 'ABCDEF1234' } });
  const bytes = await renderContractPdf(doc);
  expect((await PDFDocument.load(bytes)).getPageCount(), 'the long contract runs over several pages').to.be.greaterThan(3);
  return sha(bytes);
}

async function addendum(): Promise<string> {
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
  return sha(await renderAddendumPdf(doc));
}

async function terminationNotice(): Promise<string> {
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
  return sha(await renderTerminationNoticePdf(doc));
}

/** A certificate whose conditions run over one page even at the smallest scale: the continuation header and page numbers. */
async function longCertificate(): Promise<string> {
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
  return sha(bytes);
}

// Contract and addendum hashes changed on purpose once: the title reads "SURAT PERJANJIAN" once (it was doubled).
// The termination notice's changed on purpose once: it carries the QR verification block beside the signature.
const EXPECTED: Record<string, string> = {
  'certificate pbg': '4321994af108cc14de038c57f38d74fb4af96c6d6ea067f74518992e6356c7a9',
  'certificate reklame': 'ea9f2f562b4f4ab0d36946bb036706c0881792e16ece43a582403f4d9c5e2b77',
  'certificate sip': '0965a88c8d079479366c166969f9fbf66eb58674e373dddb63ba493e4ba5962c',
  'contract draft': 'a18d59c0331ff009e77c31133b7ce2303a4daf1696e3030e698ab74c11cf9f84',
  'contract signed': 'e69717bece0f1f76d17f5be0dcfbc0b2f04111cb3426e3cab6a1f19f53a55d8e',
  'addendum signed': 'f7382f5d10a64170af7c7634b4057138853fc012359ded6001a26ed94a928ad6',
  'termination notice': '8913627c9c1445b4fec32b9d174876a93b98e68e0c767f3f8d4795229a8d79ab',
  'contract long': 'ac74e5e9a438b982afe3cdd8772bfbb41bf764b97461fb575cfd942cfab1f19e',
  'certificate pbg long': 'f380b8a15fe098d6ccb6d73177fce4ac066be1773ad58dc80f97b230539e0e6b',
};

describe('golden renders (byte-identical across refactors)', function () {
  this.timeout(30_000);
  const cases: Record<string, () => Promise<string>> = {
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
      expect(await run(), 'rendering twice gives the same bytes').to.equal(first);
      if (process.env.PRINT_GOLDEN) process.stderr.write(`  '${name}': '${first}',\n`);
      expect(first).to.equal(EXPECTED[name]);
    });
  }
});

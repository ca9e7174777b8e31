import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { loadOffice } from '../../store/certificate-layouts';
import { renderContractPdf } from '../../documents/render/contract-pdf';
import { renderAddendumPdf } from '../../documents/render/addendum-pdf';
import { signPdf } from '../../documents/signing/pades-sign';
import { verifyPdfSignatures } from '../../documents/signing/pades-verify';
import {
  formatSigningDayId,
  ZAddendumDocumentSchema,
  ZContractDocumentSchema,
  type TAddendumDocument,
  type TContractDocument,
  type TContractItem,
} from '../../domain/contract-document';
import { rupiahInWords } from '../../domain/terbilang';
import { testPki } from './fixtures';
import { A4, flat, pdfTools, type Word } from './pdf-tools';

const SIGNED_AT = new Date('2026-03-16T02:30:00Z'); // Monday 16 March 2026, 09:30 in Sungai Raya
const VERIFY_URL = 'https://sahkan.kuburayakab.go.id/verifikasi/kontrak/8d2f6b1c-3e47-4a9b-b0c5-1f7e9a2d4c63';
const CONTRACT_NUMBER = '027/SP-PPK/DPMPTSP/III/2026';

const { nameLines, addressLines } = loadOffice();
const office = { nameLines, addressLines };

const PARTIES: TContractDocument['parties'] = {
  ppk: {
    name: 'Rina Marlina, S.Kom., M.M.',
    nip: '19820614 200604 2 011',
    position: 'Pejabat Pembuat Komitmen',
    unit: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kubu Raya',
  },
  vendor: {
    name: 'PT Khatulistiwa Data Solusi',
    npwp: '0012 3456 7870 1000',
    address: 'Jalan Gajah Mada No. 145, Kelurahan Benua Melayu Darat, Kecamatan Pontianak Selatan, Kota Pontianak, Kalimantan Barat 78121',
    representative: { name: 'Hendra Gunawan Tjhai', position: 'Direktur Utama' },
  },
};

const item = (no: number, description: string, quantity: number, unit: string, unitPrice: number): TContractItem => ({
  no,
  description,
  quantity,
  unit,
  unitPrice,
  total: quantity * unitPrice,
});

/** A goods contract of twelve items for the public service mall (Mal Pelayanan Publik). */
const ITEMS: TContractItem[] = [
  item(1, 'Komputer PC all-in-one Intel Core i5 generasi 13, RAM 16 GB, SSD 512 GB, layar 23,8 inci, Windows 11 Pro', 20, 'unit', 14_250_000),
  item(2, 'Laptop Intel Core i7, RAM 16 GB, SSD 1 TB, layar 14 inci, garansi resmi 3 tahun', 6, 'unit', 18_750_000),
  item(3, 'Printer multifungsi laser A4 (cetak, pindai, salin) dengan cetak dua sisi otomatis', 8, 'unit', 6_450_000),
  item(4, 'Printer kartu PVC dua sisi untuk kartu identitas perizinan, termasuk 2.000 kartu dan pita', 1, 'unit', 38_500_000),
  item(5, 'Pemindai dokumen (scanner) dengan pengumpan otomatis 60 lembar/menit', 4, 'unit', 12_300_000),
  item(6, 'UPS 1.200 VA line interactive', 20, 'unit', 1_875_000),
  item(7, 'Switch jaringan managed 24 port gigabit PoE+ dengan 4 port SFP', 2, 'unit', 9_800_000),
  item(8, 'Access point Wi-Fi 6 dual band untuk pemasangan di plafon', 6, 'unit', 2_950_000),
  item(9, 'Kabel UTP Cat 6 (1 box = 305 m)', 5, 'box', 2_150_000),
  item(10, 'Mesin antrean (kiosk) layar sentuh 21,5 inci dengan printer tiket termal', 2, 'unit', 27_400_000),
  item(11, 'Televisi LED 55 inci untuk layar informasi antrean, termasuk bracket dinding', 4, 'unit', 8_900_000),
  item(12, 'Instalasi, konfigurasi jaringan dan pelatihan operator (2 hari, 20 peserta)', 1, 'paket', 24_684_500),
];
const SUBTOTAL = 737_434_500;
const PPN = 81_117_795;
const VALUE = 818_552_295;
const VALUE_WORDS = 'delapan ratus delapan belas juta lima ratus lima puluh dua ribu dua ratus sembilan puluh lima rupiah';

const CLAUSES: TContractDocument['clauses'] = [
  {
    heading: 'Lingkup Pekerjaan',
    text:
      'PIHAK PERTAMA memerintahkan kepada PIHAK KEDUA untuk melaksanakan pengadaan, pengiriman, pemasangan dan uji fungsi ' +
      'peralatan komputer dan jaringan untuk Mal Pelayanan Publik Kabupaten Kubu Raya sesuai dengan spesifikasi teknis, ' +
      'jumlah dan harga sebagaimana tercantum dalam Rincian Harga Kontrak yang merupakan bagian tidak terpisahkan dari Surat Perjanjian ini.',
  },
  {
    heading: 'Nilai Kontrak',
    text:
      '(1) Nilai Kontrak termasuk Pajak Pertambahan Nilai (PPN) adalah sebesar Rp 818.552.295 (delapan ratus delapan belas juta lima ratus lima puluh dua ribu dua ratus sembilan puluh lima rupiah).\n' +
      '(2) Nilai Kontrak sebagaimana dimaksud pada ayat (1) dibebankan pada Dokumen Pelaksanaan Anggaran (DPA) Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kubu Raya Tahun Anggaran 2026.\n' +
      '(3) Kontrak ini merupakan Kontrak Harga Satuan.',
  },
  {
    heading: 'Jangka Waktu Pelaksanaan',
    text:
      'Jangka waktu pelaksanaan pekerjaan adalah 90 (sembilan puluh) hari kalender terhitung sejak tanggal 16 Maret 2026 ' +
      'sampai dengan tanggal 13 Juni 2026, termasuk pemasangan, uji fungsi dan pelatihan operator.',
  },
  {
    heading: 'Hak dan Kewajiban Para Pihak',
    text:
      '(1) PIHAK PERTAMA berhak mengawasi dan memeriksa pekerjaan yang dilaksanakan oleh PIHAK KEDUA, serta wajib membayar ' +
      'pekerjaan sesuai dengan nilai Kontrak dan tahapan pembayaran yang disepakati.\n' +
      '(2) PIHAK KEDUA wajib menyerahkan barang dalam keadaan baru, asli dan lengkap dengan dokumen garansi resmi, serta ' +
      'melaksanakan pekerjaan sesuai dengan jadwal pelaksanaan.\n' +
      '(3) PIHAK KEDUA wajib memberikan layanan purnajual dan garansi paling singkat 12 (dua belas) bulan sejak serah terima pekerjaan.',
  },
  {
    heading: 'Pembayaran',
    text:
      'Pembayaran dilakukan secara bertahap sesuai dengan Tahapan Pembayaran dalam Surat Perjanjian ini, melalui pemindahbukuan ' +
      'ke rekening PIHAK KEDUA pada Bank Kalbar Cabang Utama Pontianak nomor 1001234567, setelah dipotong pajak sesuai dengan ketentuan peraturan perundang-undangan.',
  },
  {
    heading: 'Serah Terima Barang',
    text:
      'Setelah barang diterima, dipasang dan diuji fungsi, PIHAK KEDUA mengajukan permintaan serah terima kepada PIHAK PERTAMA. ' +
      'Pejabat Pemeriksa Hasil Pekerjaan memeriksa barang dan menuangkan hasilnya dalam Berita Acara Serah Terima.',
  },
  {
    heading: 'Sanksi dan Denda Keterlambatan',
    text:
      'Apabila PIHAK KEDUA terlambat menyelesaikan pekerjaan, PIHAK KEDUA dikenakan denda keterlambatan sebesar 1/1000 ' +
      '(satu permil) dari nilai Kontrak sebelum PPN untuk setiap hari keterlambatan.',
  },
  {
    heading: 'Penyelesaian Perselisihan',
    text:
      'Perselisihan yang timbul dari pelaksanaan Surat Perjanjian ini diselesaikan secara musyawarah untuk mufakat. ' +
      'Apabila musyawarah tidak mencapai mufakat, PARA PIHAK sepakat menyelesaikannya melalui Pengadilan Negeri Mempawah.',
  },
];

function sampleContract(override: Partial<TContractDocument> = {}): TContractDocument {
  return {
    office,
    title: 'SURAT PERJANJIAN PENGADAAN BARANG',
    contractNumber: CONTRACT_NUMBER,
    version: 2,
    packageName: 'Pengadaan Peralatan Komputer dan Jaringan Mal Pelayanan Publik Kabupaten Kubu Raya Tahun Anggaran 2026',
    place: 'Sungai Raya',
    date: SIGNED_AT,
    parties: PARTIES,
    award: { letterNumber: '027/SPPBJ/PPK-DPMPTSP/III/2026', date: new Date('2026-03-09T02:00:00Z') },
    value: VALUE,
    valueWords: VALUE_WORDS,
    startDate: SIGNED_AT,
    endDate: new Date('2026-06-13T02:00:00Z'),
    durationDays: 90,
    items: ITEMS,
    taxes: [{ label: 'PPN 11%', amount: PPN }],
    clauses: CLAUSES,
    payments: [
      { milestone: 'Termin I: setelah 50% barang diterima dan diperiksa (Berita Acara Serah Terima Sebagian)', percent: 40 },
      { milestone: 'Termin II: setelah seluruh barang diterima, dipasang dan lulus uji fungsi', percent: 55 },
      { milestone: 'Termin III: setelah pelatihan operator selesai dan Berita Acara Serah Terima Pekerjaan ditandatangani', percent: 5 },
    ],
    verificationUrl: VERIFY_URL,
    shortCode: 'SP-8D2F-6B1C',
    ...override,
  };
}

function draftContract(): TContractDocument {
  const { verificationUrl: _url, shortCode: _code, ...rest } = sampleContract({ contractNumber: null, date: null, version: 1 });
  return rest;
}

const NEW_VALUE = 881_822_295;
const CHANGES: TAddendumDocument['changes'] = [
  {
    label: 'Jangka waktu pelaksanaan',
    before: '90 (sembilan puluh) hari kalender, 16 Maret 2026 sampai dengan 13 Juni 2026',
    after: '120 (seratus dua puluh) hari kalender, 16 Maret 2026 sampai dengan 13 Juli 2026',
  },
  { label: 'Volume item 1: Komputer PC all-in-one', before: '20 unit', after: '24 unit' },
  { label: 'Nilai Kontrak (termasuk PPN)', before: 'Rp 818.552.295', after: 'Rp 881.822.295' },
];

function sampleAddendum(override: Partial<TAddendumDocument> = {}): TAddendumDocument {
  return {
    office,
    title: 'ADENDUM KE-1 SURAT PERJANJIAN PENGADAAN BARANG',
    addendumNumber: '027/ADD-1/SP-PPK/DPMPTSP/V/2026',
    contractNumber: CONTRACT_NUMBER,
    contractDate: SIGNED_AT,
    packageName: 'Pengadaan Peralatan Komputer dan Jaringan Mal Pelayanan Publik Kabupaten Kubu Raya Tahun Anggaran 2026',
    sequence: 1,
    justification:
      'a. Berdasarkan hasil rapat persiapan pemasangan, terdapat penambahan 4 (empat) loket layanan pada Mal Pelayanan Publik ' +
      'yang memerlukan tambahan perangkat komputer.\n' +
      'b. Pengiriman barang impor tertunda karena keterlambatan kedatangan kapal di Pelabuhan Dwikora Pontianak, ' +
      'sebagaimana dinyatakan dalam surat PIHAK KEDUA nomor 112/KDS/V/2026 tanggal 4 Mei 2026.',
    changes: CHANGES,
    newValue: NEW_VALUE,
    newValueWords: 'delapan ratus delapan puluh satu juta delapan ratus dua puluh dua ribu dua ratus sembilan puluh lima rupiah',
    newEndDate: new Date('2026-07-13T02:00:00Z'),
    parties: PARTIES,
    place: 'Sungai Raya',
    date: new Date('2026-05-11T02:00:00Z'),
    verificationUrl: 'https://sahkan.kuburayakab.go.id/verifikasi/kontrak/5a9e0c2d-7b14-4f3e-9d61-0c8b2e4f7a19',
    shortCode: 'ADD-5A9E-0C2D',
    ...override,
  };
}

// --- poppler and qpdf: required, never skipped ---------------------------------------------------

const tools = pdfTools('contract PDF', 'sahkan-contract-');
const { words, expectQpdfClean } = tools;

/** The text in content order (-raw): a table cell's wrapped lines stay together. */
const pdfText = (bytes: Uint8Array) => tools.pdfText(bytes, { raw: true });

/** The letters of the diagonal watermark (poppler reports rotated text one glyph a word). */
const isWatermark = (w: Word) => w.yMax - w.yMin > 50;

/** The watermark's letters on each page, left to right. */
function watermarks(bytes: Uint8Array): string[] {
  const marks: string[] = [];
  for (const w of words(bytes).filter(isWatermark).sort((a, b) => a.page - b.page || a.xMin - b.xMin)) {
    marks[w.page] = (marks[w.page] ?? '') + w.text;
  }
  return marks;
}

/**
 * Every word inside the page box, and every word but the watermark inside the text area with some
 * slack: poppler measures the standard fonts with a substitute's widths, up to 2% off pdf-lib's AFM.
 */
function expectInsidePage(bytes: Uint8Array): void {
  const all = words(bytes);
  expect(all.length).to.be.greaterThan(100);
  const show = (w: Word) => `${w.text}@p${w.page + 1}(${w.xMin},${w.yMin},${w.xMax},${w.yMax})`;
  expect(all.filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > 595 || w.yMax > 842).map(show)).to.deep.equal([]);
  const body = all.filter((w) => !isWatermark(w));
  expect(body.filter((w) => w.xMin < 56 || w.xMax > 550 || w.yMin < 38 || w.yMax > 815).map(show)).to.deep.equal([]);
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}

// --- suites -------------------------------------------------------------------------------------

describe('contract document data', () => {
  it('spells the signing day as a contract opening does, on the office calendar', () => {
    expect(formatSigningDayId(SIGNED_AT)).to.equal('Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh enam (16-03-2026)');
    // 23:30 on Sunday in UTC is already Monday in Sungai Raya.
    expect(formatSigningDayId(new Date('2026-03-15T17:30:00Z'))).to.match(/^Senin tanggal enam belas/);
    expect(formatSigningDayId(new Date('2027-01-01T05:00:00Z'))).to.equal('Jumat tanggal satu bulan Januari tahun dua ribu dua puluh tujuh (01-01-2027)');
    expect(() => formatSigningDayId(new Date(Number.NaN))).to.throw(RangeError);
    // The sample's words are what the domain's terbilang gives.
    expect(rupiahInWords(VALUE)).to.equal(VALUE_WORDS);
  });

  it('accepts the sample documents and refuses inconsistent ones, naming the field', () => {
    expect(ZContractDocumentSchema.safeParse(sampleContract()).success).to.equal(true);
    expect(ZContractDocumentSchema.safeParse(draftContract()).success).to.equal(true);
    expect(ZAddendumDocumentSchema.safeParse(sampleAddendum()).success).to.equal(true);
    const issues = (data: unknown, schema: typeof ZContractDocumentSchema | typeof ZAddendumDocumentSchema = ZContractDocumentSchema) => {
      const r = schema.safeParse(data);
      expect(r.success).to.equal(false);
      return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    };
    expect(issues(sampleContract({ value: VALUE + 1 }))).to.match(/^value: value 818552296 is not the items' totals plus taxes \(818552295\)/);
    expect(issues(sampleContract({ items: [{ ...ITEMS[0]!, total: 1 }, ...ITEMS.slice(1)] }))).to.match(/items\.0\.total: total 1 is not quantity × unitPrice/);
    expect(issues(sampleContract({ payments: [{ milestone: 'Sekaligus', percent: 90 }] }))).to.match(/payments: payment percentages add up to 90, not 100/);
    expect(issues(sampleContract({ verificationUrl: undefined, shortCode: undefined }))).to.match(/verificationUrl: required when contractNumber is set/);
    expect(issues(sampleContract({ date: null }))).to.match(/date: required when contractNumber is set/);
    expect(issues(sampleContract({ endDate: new Date('2026-01-01T00:00:00Z') }))).to.match(/endDate: ends before it starts/);
    expect(issues({ ...draftContract(), shortCode: 'X' })).to.match(/verificationUrl: verificationUrl and shortCode come together/);
    expect(issues(sampleAddendum({ date: null }), ZAddendumDocumentSchema)).to.match(/date: required when addendumNumber is set/);
    expect(issues(sampleAddendum({ changes: [] }), ZAddendumDocumentSchema)).to.match(/^changes:/);
  });
});

describe('documents/contract-pdf', () => {
  let contract: Uint8Array;
  let addendum: Uint8Array;

  before(async function () {
    tools.setUp();
    contract = await renderContractPdf(sampleContract());
    addendum = await renderAddendumPdf(sampleAddendum());
  });
  after(() => tools.tearDown());

  it('renders a contract as a valid multi-page A4 PDF with a classic xref table for the signers', async () => {
    const doc = await PDFDocument.load(contract);
    expect(doc.getPageCount()).to.be.within(3, 6);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).to.be.closeTo(A4.width, 0.01);
      expect(page.getHeight()).to.be.closeTo(A4.height, 0.01);
    }
    expectQpdfClean(contract);
    const raw = Buffer.from(contract).toString('latin1');
    expect(raw).to.not.include('/ObjStm');
    expect(raw).to.match(/\nxref\n0 \d+\n/);
  });

  it('shows the number, both parties, the award, the clauses, the priced table and the signature blocks', async () => {
    const t = flat(pdfText(contract));
    const pages = await pageCount(contract);
    for (const expected of [
      'PEMERINTAH KABUPATEN KUBU RAYA',
      'SURAT PERJANJIAN PENGADAAN BARANG',
      `Nomor: ${CONTRACT_NUMBER}`,
      'Pada hari ini Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh enam (16-03-2026), bertempat di Sungai Raya, kami yang bertanda tangan di bawah ini:',
      'Rina Marlina, S.Kom., M.M.',
      '19820614 200604 2 011',
      'selanjutnya disebut PIHAK PERTAMA',
      'Hendra Gunawan Tjhai',
      'PT Khatulistiwa Data Solusi',
      '0012 3456 7870 1000',
      'selanjutnya disebut PIHAK KEDUA',
      'Surat Penunjukan Penyedia Barang/Jasa (SPPBJ) nomor 027/SPPBJ/PPK-DPMPTSP/III/2026 tanggal 9 Maret 2026',
      'jangka waktu pelaksanaan 90 (sembilan puluh) hari kalender, terhitung mulai tanggal 16 Maret 2026 sampai dengan tanggal 13 Juni 2026',
      'Pasal 1 Lingkup Pekerjaan',
      'Pasal 8 Penyelesaian Perselisihan',
      'Harga Satuan (Rp)',
      'Jumlah (Rp)',
      '20 unit 14.250.000 285.000.000',
      '1 paket 24.684.500 24.684.500',
      'Jumlah Harga 737.434.500',
      'PPN 11% 81.117.795',
      'Nilai Kontrak 818.552.295',
      `Terbilang: ${VALUE_WORDS}`,
      '40% 327.420.918',
      'Jumlah 100% 818.552.295',
      'PIHAK KEDUA PT Khatulistiwa Data Solusi',
      'PIHAK PERTAMA Pejabat Pembuat Komitmen',
      'NIP. 19820614 200604 2 011',
      'Kode verifikasi: SP-8D2F-6B1C',
      `Surat Perjanjian Nomor: ${CONTRACT_NUMBER} | Versi 2`,
      'Halaman 1 dari',
      `Halaman ${pages} dari ${pages}`,
    ]) {
      expect(t, expected).to.include(expected);
    }
    expect(t.match(/Ditandatangani secara elektronik/g)).to.have.length(2);
    expect(t).to.include(VERIFY_URL);
    expect(SUBTOTAL).to.equal(ITEMS.reduce((s, i) => s + i.total, 0));
  });

  it('puts the signature blocks side by side on the last page, PIHAK KEDUA on the left', async () => {
    const last = (await pageCount(contract)) - 1;
    const onLast = words(contract).filter((w) => w.page === last);
    const find = (text: string) => onLast.filter((w) => w.text === text);
    const [kedua] = find('KEDUA').slice(-1);
    const [pertama] = find('PERTAMA').slice(-1);
    expect(kedua!.xMax).to.be.lessThan(A4.width / 2);
    expect(pertama!.xMin).to.be.greaterThan(A4.width / 2);
    expect(Math.abs(kedua!.yMin - pertama!.yMin)).to.be.lessThan(1);
    // The names share a baseline.
    const hendra = find('Hendra')[0]!;
    const rina = find('Rina').slice(-1)[0]!;
    expect(Math.abs(hendra.yMax - rina.yMax)).to.be.lessThan(1);
  });

  it('keeps every word inside the page and the text area', () => {
    expectInsidePage(contract);
    expectInsidePage(addendum);
  });

  it('repeats the table header on every page the table runs onto', async () => {
    const many = Array.from({ length: 70 }, (_, i) => item(i + 1, `Barang uji nomor ${i + 1} dengan spesifikasi teknis lengkap`, 2, 'unit', 1_000_000 + i * 500));
    const value = many.reduce((s, i) => s + i.total, 0);
    const bytes = await renderContractPdf(sampleContract({ items: many, taxes: [], value }));
    const all = words(bytes);
    const pagesWithItems = [...new Set(all.filter((w) => w.text === 'Barang').map((w) => w.page))];
    expect(pagesWithItems.length).to.be.at.least(2);
    for (const page of pagesWithItems) {
      const header = all.filter((w) => w.page === page && (w.text === 'Uraian' || w.text === 'Satuan'));
      expect(header.map((w) => w.text), `page ${page + 1}`).to.include.members(['Uraian', 'Satuan']);
    }
    expectQpdfClean(bytes);
    expectInsidePage(bytes);
    expect(flat(pdfText(bytes))).to.include(`Jumlah Total ${value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`);
  });

  it('wraps a very long item description, splitting a row taller than a page, without drawing off the page', async () => {
    const spec =
      'Spesifikasi: prosesor 8 inti 3,2 GHz, memori 32 GB DDR5, penyimpanan SSD NVMe 2 TB, kartu grafis 8 GB, ' +
      'port USB-C dan HDMI, garansi resmi tiga tahun suku cadang dan jasa di Kalimantan Barat; ';
    const long = `Workstation desain grafis untuk bidang pengaduan. ${spec.repeat(40)}AKHIRURAIAN`;
    const items = [item(1, long, 2, 'unit', 45_000_000), ...ITEMS.slice(1)];
    const bytes = await renderContractPdf(sampleContract({ items, taxes: [], value: items.reduce((s, i) => s + i.total, 0) }));
    expectQpdfClean(bytes);
    expectInsidePage(bytes);
    const all = words(bytes);
    expect(all.map((w) => w.text)).to.include('AKHIRURAIAN');
    expect(all.filter((w) => w.text === 'Workstation')).to.have.length(1);
    // The row ran over more than one page: its words are on at least two.
    expect(new Set(all.filter((w) => w.text === 'Spesifikasi:').map((w) => w.page)).size).to.be.at.least(2);
  });

  it('marks a draft: DRAFT watermark on every page, no number, no QR code, no dates', async () => {
    const bytes = await renderContractPdf(draftContract());
    expectQpdfClean(bytes);
    const t = flat(pdfText(bytes));
    expect(t).to.include('Nomor: (diisi setelah penandatanganan)');
    expect(t).to.include('Surat Perjanjian Nomor: DRAFT | Versi 1');
    expect(t).to.include('Pada hari ini .......... tanggal .......... bulan .......... tahun .........., bertempat di Sungai Raya');
    expect(t).to.not.include('Kode verifikasi');
    const pages = await pageCount(bytes);
    expect(watermarks(bytes)).to.deep.equal(Array.from({ length: pages }, () => 'DRAFT'));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getCreationDate()).to.equal(undefined);
    expect(doc.getTitle()).to.equal('SURAT PERJANJIAN PENGADAAN BARANG Nomor DRAFT');
    expectInsidePage(bytes);
    // The signed contract has no watermark.
    expect(watermarks(contract)).to.deep.equal([]);
  });

  it('renders identical bytes for the same input, dated from the signing date', async () => {
    const again = await renderContractPdf(sampleContract());
    expect(Buffer.from(again).equals(Buffer.from(contract))).to.equal(true);
    const draftA = await renderContractPdf(draftContract());
    const draftB = await renderContractPdf(draftContract());
    expect(Buffer.from(draftA).equals(Buffer.from(draftB))).to.equal(true);
    const addendumAgain = await renderAddendumPdf(sampleAddendum());
    expect(Buffer.from(addendumAgain).equals(Buffer.from(addendum))).to.equal(true);

    const doc = await PDFDocument.load(contract, { updateMetadata: false });
    expect(doc.getCreationDate()?.getTime()).to.equal(SIGNED_AT.getTime());
    expect(doc.getModificationDate()?.getTime()).to.equal(SIGNED_AT.getTime());
    expect(doc.getProducer()).to.equal('Sahkan');
    expect(doc.getCreator()).to.equal('Sahkan contract renderer');
    const nextVersion = await renderContractPdf(sampleContract({ version: 3 }));
    expect(Buffer.from(nextVersion).equals(Buffer.from(contract))).to.equal(false);
  });

  it('renders an addendum: reference, justification, the Semula/Menjadi table, new value and end date', async () => {
    expectQpdfClean(addendum);
    const doc = await PDFDocument.load(addendum);
    for (const page of doc.getPages()) expect(page.getHeight()).to.be.closeTo(A4.height, 0.01);
    const t = flat(pdfText(addendum));
    for (const expected of [
      'ADENDUM KE-1 SURAT PERJANJIAN PENGADAAN BARANG',
      'Nomor: 027/ADD-1/SP-PPK/DPMPTSP/V/2026',
      `Adendum ke-1 atas Surat Perjanjian nomor ${CONTRACT_NUMBER} tanggal 16 Maret 2026`,
      'Pelabuhan Dwikora Pontianak',
      'No Uraian Semula Menjadi',
      'Nilai Kontrak menjadi : Rp 881.822.295',
      'Berakhir pada tanggal : 13 Juli 2026',
      'PIHAK KEDUA PT Khatulistiwa Data Solusi',
      'PIHAK PERTAMA Pejabat Pembuat Komitmen',
      'Kode verifikasi: ADD-5A9E-0C2D',
      `Adendum ke-1 Nomor: 027/ADD-1/SP-PPK/DPMPTSP/V/2026 | Surat Perjanjian Nomor: ${CONTRACT_NUMBER}`,
      'Halaman 1 dari',
    ]) {
      expect(t, expected).to.include(expected);
    }
    for (const c of CHANGES) for (const part of [c.label, c.before, c.after]) expect(t, part).to.include(part);
    expect(t.match(/Ditandatangani secara elektronik/g)).to.have.length(2);

    const draft = await renderAddendumPdf({ ...sampleAddendum({ addendumNumber: null }), verificationUrl: undefined, shortCode: undefined });
    const dt = flat(pdfText(draft));
    expect(dt).to.include('Nomor: (diisi setelah penandatanganan)');
    expect(dt).to.include('Adendum ke-1 Nomor: DRAFT');
    expect(watermarks(draft)).to.deep.equal(Array.from({ length: await pageCount(draft) }, () => 'DRAFT'));
  });

  it('makes text the standard fonts cannot encode printable instead of failing', async () => {
    const bytes = await renderContractPdf(
      sampleContract({ parties: { ...PARTIES, vendor: { ...PARTIES.vendor, representative: { name: 'Nguyễn Văn Ŝon “Andi”', position: 'Direktur' } } } }),
    );
    expect(flat(pdfText(bytes))).to.include('Nguyen Van Son “Andi”');
  });

  it('takes two signatures as incremental updates, both valid over the bytes they cover', async function () {
    this.timeout(60_000);
    const pki = testPki();
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const once = await signPdf({ pdf: contract, signer: pki.sekretaris.signer, signedAt, reason: 'PIHAK KEDUA', location: 'Pontianak' });
    const twice = await signPdf({ pdf: once, signer: pki.kepala.signer, signedAt, reason: 'PIHAK PERTAMA', location: 'Sungai Raya' });
    expect(Buffer.from(twice.subarray(0, contract.length)).equals(Buffer.from(contract)) || Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).to.equal(true);
    const reports = verifyPdfSignatures(twice, { trustedRootPems: [pki.ca.certPem] }).signatures;
    expect(reports).to.have.length(2);
    for (const r of reports) expect(r).to.include({ digestMatches: true, signatureValid: true, chainTrusted: true });
    expect(reports[1]!.coversWholeFile).to.equal(true);
    expectQpdfClean(twice);
  });
});

/**
 * A procurement contract (Surat Perjanjian) as an unsigned A4 PDF on the one layout engine: both parties
 * sign it afterwards, each signature an incremental update. Flows over as many pages as the content needs.
 */
import { formatDateId, formatNumberId } from '../../domain/certificate';
import { formatRupiah, paymentAmounts } from '../../domain/contract.schema';
import { ZContractDocumentSchema, type TContractDocument } from '../../domain/contract-document';
import { closing, renderContractFamilyPdf, days, opening, partiesBlock, sectionHeading, titleBlock } from './contract-parts';
import { BODY_LH, Flow, type FontKey, type TableColumn } from './layout-flow';
import { CONTENT_W } from './pdf-drawing';

/** Shade of the total rows of the price tables. */
const TOTAL_SHADE = 0.96;

function layoutContract(d: TContractDocument, f: Flow): void {
  titleBlock(
    f,
    d.title,
    [
      { text: 'untuk melaksanakan paket pekerjaan', font: 'regular' },
      { text: d.packageName, font: 'bold' },
    ],
    d.contractNumber,
  );
  opening(f, d.place, d.date);
  partiesBlock(f, d.parties);
  f.paragraph(
    'PIHAK PERTAMA dan PIHAK KEDUA, yang selanjutnya secara bersama-sama disebut PARA PIHAK, ' +
      `berdasarkan Surat Penunjukan Penyedia Barang/Jasa (SPPBJ) nomor ${d.award.letterNumber} tanggal ${formatDateId(d.award.date)}, ` +
      `sepakat untuk mengadakan Surat Perjanjian untuk melaksanakan paket ${d.packageName} ` +
      `dengan nilai Kontrak sebesar ${formatRupiah(d.value)} (${d.valueWords}) dan jangka waktu pelaksanaan ${days(d.durationDays)}, ` +
      `terhitung mulai tanggal ${formatDateId(d.startDate)} sampai dengan tanggal ${formatDateId(d.endDate)}, ` +
      'dengan ketentuan sebagai berikut:',
  );
  f.gap(10);

  d.clauses.forEach((c, i) => {
    f.heading([`Pasal ${i + 1}`, c.heading], BODY_LH * 2);
    f.gap(3);
    f.prose(c.text);
    f.gap(8);
  });

  sectionHeading(f, 'RINCIAN HARGA KONTRAK');
  const taxes = d.taxes ?? [];
  const subtotal = d.items.reduce((s, i) => s + i.total, 0);
  const money = 88;
  const columns: TableColumn[] = [
    { header: 'No', width: 24, align: 'center' },
    { header: 'Uraian', width: 0, align: 'left' },
    { header: 'Volume', width: 44, align: 'right' },
    { header: 'Satuan', width: 48, align: 'center' },
    { header: 'Harga Satuan (Rp)', width: money, align: 'right' },
    { header: 'Jumlah (Rp)', width: money + 4, align: 'right' },
  ];
  columns[1]!.width = CONTENT_W - columns.reduce((s, c) => s + c.width, 0);
  f.table(columns, [
    ...d.items.map((it) => ({
      cells: [String(it.no), it.description, formatNumberId(it.quantity), it.unit, formatNumberId(it.unitPrice), formatNumberId(it.total)],
    })),
    { cells: [taxes.length ? 'Jumlah Harga' : 'Jumlah Total', formatNumberId(subtotal)], span: 5, font: 'bold', gray: TOTAL_SHADE },
    ...taxes.map((t) => ({ cells: [t.label, formatNumberId(t.amount)], span: 5, font: 'bold' as FontKey })),
    ...(taxes.length ? [{ cells: ['Nilai Kontrak', formatNumberId(d.value)], span: 5, font: 'bold' as FontKey, gray: TOTAL_SHADE }] : []),
  ]);
  f.gap(5);
  f.paragraph(`Terbilang: ${d.valueWords}`, { font: 'boldItalic' });
  f.gap(8);

  sectionHeading(f, 'TAHAPAN PEMBAYARAN');
  const amounts = paymentAmounts(d.value, d.payments);
  const payColumns: TableColumn[] = [
    { header: 'No', width: 24, align: 'center' },
    { header: 'Tahapan Pembayaran', width: 0, align: 'left' },
    { header: 'Persentase', width: 64, align: 'right' },
    { header: 'Nilai (Rp)', width: money + 4, align: 'right' },
  ];
  payColumns[1]!.width = CONTENT_W - payColumns.reduce((s, c) => s + c.width, 0);
  f.table(payColumns, [
    ...d.payments.map((p, i) => ({ cells: [String(i + 1), p.milestone, `${formatNumberId(p.percent)}%`, formatNumberId(amounts[i]!)] })),
    { cells: ['Jumlah', '100%', formatNumberId(d.value)], span: 2, font: 'bold', gray: TOTAL_SHADE },
  ]);
  f.gap(14);

  closing(f, d.parties, 'Surat Perjanjian', d.verificationUrl, d.shortCode);
}

/**
 * Renders a contract (Surat Perjanjian). The same data gives the same bytes: the document dates are the
 * signing date (none for an undated draft) and producer/creator are fixed.
 */
export async function renderContractPdf(doc: TContractDocument): Promise<Uint8Array> {
  const d = ZContractDocumentSchema.parse(doc);
  return renderContractFamilyPdf(d, d.contractNumber, (f) => layoutContract(d, f), {
    footer: (n) => `Surat Perjanjian Nomor: ${n}  |  Versi ${d.version}`,
    subject: d.packageName,
    keywords: (n) => [n, d.award.letterNumber, d.packageName],
  });
}

/** An addendum (adendum) to a contract as an unsigned A4 PDF on the one layout engine; deterministic like the contract. */
import { formatDateId } from '../../domain/certificate';
import { formatRupiah } from '../../domain/contract.schema';
import { ZAddendumDocumentSchema, type TAddendumDocument } from '../../domain/contract-document';
import { closing, renderContractFamilyPdf, opening, partiesBlock, titleBlock } from './contract-parts';
import { BODY, BODY_LH, Flow, type LabelledRow, type TableColumn } from './layout-flow';
import { CONTENT_W, MARGIN_X } from './pdf-drawing';

function layoutAddendum(d: TAddendumDocument, f: Flow): void {
  titleBlock(f, d.title, d.packageName ? [{ text: d.packageName, font: 'bold' }] : [], d.addendumNumber);
  opening(f, d.place, d.date);
  partiesBlock(f, d.parties);
  const contractRef = `Surat Perjanjian nomor ${d.contractNumber}${d.contractDate ? ` tanggal ${formatDateId(d.contractDate)}` : ''}`;
  f.paragraph(
    'PIHAK PERTAMA dan PIHAK KEDUA, yang selanjutnya secara bersama-sama disebut PARA PIHAK, ' +
      `sepakat untuk mengadakan Adendum ke-${d.sequence} atas ${contractRef}` +
      `${d.packageName ? ` untuk melaksanakan paket ${d.packageName}` : ''}, dengan pertimbangan sebagai berikut:`,
  );
  f.gap(4);
  f.prose(d.justification, MARGIN_X + 18, CONTENT_W - 18);
  f.gap(6);
  f.paragraph(`Perubahan atas ${contractRef} adalah sebagai berikut:`);
  f.gap(6);

  const rest = (CONTENT_W - 144) / 2;
  const columns: TableColumn[] = [
    { header: 'No', width: 24, align: 'center' },
    { header: 'Uraian', width: 120, align: 'left' },
    { header: 'Semula', width: rest, align: 'left' },
    { header: 'Menjadi', width: rest, align: 'left' },
  ];
  f.table(
    columns,
    d.changes.map((c, i) => ({ cells: [String(i + 1), c.label, c.before, c.after] })),
  );
  f.gap(10);

  const outcome: LabelledRow[] = [
    ['Nilai Kontrak menjadi', formatRupiah(d.newValue), 'bold'],
    ['Terbilang', d.newValueWords],
    ['Berakhir pada tanggal', formatDateId(d.newEndDate), 'bold'],
  ];
  // The lead-in stays with its rows.
  f.ensure(BODY_LH + 3 + outcome.length * BODY * 1.32 * 2);
  f.paragraph('Dengan perubahan tersebut:');
  f.gap(3);
  f.labelled(outcome, { x: MARGIN_X + 18, labelW: 130 });
  f.gap(8);
  f.paragraph(
    `Ketentuan lain dalam ${contractRef} yang tidak diubah oleh Adendum ini dinyatakan tetap berlaku dan mengikat PARA PIHAK. ` +
      'Adendum ini merupakan bagian yang tidak terpisahkan dari Surat Perjanjian tersebut.',
  );
  f.gap(10);

  closing(f, d.parties, 'Adendum', d.verificationUrl, d.shortCode);
}

/** Renders an addendum (adendum) to a contract; deterministic like renderContractPdf. */
export async function renderAddendumPdf(doc: TAddendumDocument): Promise<Uint8Array> {
  const d = ZAddendumDocumentSchema.parse(doc);
  return renderContractFamilyPdf(d, d.addendumNumber, (f) => layoutAddendum(d, f), {
    footer: (n) => `Adendum ke-${d.sequence} Nomor: ${n}  |  Surat Perjanjian Nomor: ${d.contractNumber}`,
    subject: `Adendum ke-${d.sequence} Surat Perjanjian Nomor ${d.contractNumber}`,
    keywords: (n) => [n, d.contractNumber],
  });
}

/** The notice that ends a contract (Surat Pemutusan Kontrak) as an A4 PDF on the one layout engine; deterministic. */
import { formatDateId } from '../../domain/certificate';
import { formatRupiah } from '../../domain/contract.schema';
import { ZTerminationNoticeDocumentSchema, type TTerminationNoticeDocument } from '../../domain/contract-document';
import { signatureColumn, verificationBlock } from './document-parts';
import { GREY, renderContractFamilyPdf, ppkRows, titleBlock } from './contract-parts';
import { Flow } from './layout-flow';
import { CONTENT_W, MARGIN_X } from './pdf-drawing';

function layoutTerminationNotice(d: TTerminationNoticeDocument, f: Flow): void {
  titleBlock(f, d.title, [{ text: `atas Surat Perjanjian Nomor ${d.contractNumber}`, font: 'regular' }], d.noticeNumber);
  const labelX = MARGIN_X + 18;
  f.paragraph('Yang bertanda tangan di bawah ini:');
  f.gap(4);
  f.labelled(ppkRows(d.parties), { x: labelX, labelW: 92 });
  f.gap(2);
  f.paragraph(`dalam hal ini bertindak untuk dan atas nama ${d.parties.ppk.unit}, selanjutnya disebut PIHAK PERTAMA, dengan ini memberitahukan kepada:`);
  f.gap(4);
  f.labelled(
    [
      ['Nama Penyedia', d.parties.vendor.name, 'bold'],
      ['NPWP', d.parties.vendor.npwp],
      ['Alamat', d.parties.vendor.address],
      ['Diwakili oleh', `${d.parties.vendor.representative.name} (${d.parties.vendor.representative.position})`],
    ],
    { x: labelX, labelW: 92 },
  );
  f.gap(2);
  f.paragraph('selanjutnya disebut PIHAK KEDUA,');
  f.gap(6);
  const contractRef = `Surat Perjanjian nomor ${d.contractNumber}${d.contractDate ? ` tanggal ${formatDateId(d.contractDate)}` : ''}`;
  f.paragraph(
    `bahwa ${contractRef} untuk melaksanakan paket ${d.packageName}, dengan nilai Kontrak sebesar ${formatRupiah(d.value)} (${d.valueWords}), ` +
      `DIPUTUS terhitung mulai tanggal ${formatDateId(d.date)}, dengan alasan sebagai berikut:`,
  );
  f.gap(4);
  f.prose(d.reason, labelX, CONTENT_W - 18);
  f.gap(6);
  f.paragraph(
    'Pemutusan Kontrak ini telah melalui kajian hukum dan dilaksanakan berdasarkan ketentuan Syarat-Syarat Umum Kontrak. ' +
      'Hak dan kewajiban PARA PIHAK yang timbul sebelum tanggal pemutusan diselesaikan sesuai dengan ketentuan Kontrak dan peraturan perundang-undangan.',
  );
  f.gap(6);
  f.paragraph('Demikian Surat Pemutusan Kontrak ini disampaikan untuk dilaksanakan sebagaimana mestinya.');
  f.gap(16);

  // One signature block on the right (the PPK who ends the contract), the QR block beside it on the left.
  const top = signatureColumn(
    f,
    [
      [`${d.place}, ${formatDateId(d.date)}`, 'regular'],
      ['PIHAK PERTAMA', 'bold'],
      [d.parties.ppk.position, 'bold'],
      [d.parties.ppk.unit, 'regular'],
    ],
    d.parties.ppk.name,
    `NIP. ${d.parties.ppk.nip}`,
  );
  const statement = 'Status Surat Perjanjian yang diputus, beserta alasan dan tanggal pemutusannya, dapat diperiksa dalam register dengan memindai kode QR ini atau melalui:';
  verificationBlock(f, { url: d.verificationUrl, code: d.shortCode, statement }, GREY, { top });
}

/** Renders a termination notice (Surat Pemutusan Kontrak); deterministic like renderContractPdf. */
export async function renderTerminationNoticePdf(doc: TTerminationNoticeDocument): Promise<Uint8Array> {
  const d = ZTerminationNoticeDocumentSchema.parse(doc);
  return renderContractFamilyPdf(d, d.noticeNumber, (f) => layoutTerminationNotice(d, f), {
    footer: (n) => `Surat Pemutusan Kontrak Nomor: ${n}  |  Surat Perjanjian Nomor: ${d.contractNumber}`,
    subject: `Pemutusan Surat Perjanjian Nomor ${d.contractNumber}`,
    keywords: (n) => [n, d.contractNumber, d.packageName],
  });
}

/**
 * What contracts, addenda and termination notices share beyond the office parts (document-parts.ts): the
 * contract family's grey, the title with its number, the opening sentence, the two parties and their
 * signature blocks, and the closing that keeps the sentence, the signatures and the QR block together.
 */
import { rgb } from 'pdf-lib';
import { formatNumberId } from '../../domain/certificate';
import { formatSigningDayId, type TContractParties } from '../../domain/contract-document';
import type { TLetterhead } from '../../domain/office-letterhead';
import { terbilang } from '../../domain/terbilang';
import { documentTitle, identityFooters, IDENTITY_FOOTER_FLOOR, letterhead, QR_SIDE, signatures, signaturesHeight, verificationBlock, type SignatureBlock } from './document-parts';
import { BODY, BODY_LH, Flow, TABLE_LH, type FontKey, type LabelledRow } from './layout-flow';
import { renderPdf } from './pdf-output';
import { CONTENT_W, MARGIN_X, PAGE_W } from './pdf-drawing';

export const GREY = rgb(0.32, 0.32, 0.32);

/** Shown in place of the number until the document is signed and numbered. */
const DRAFT_NUMBER_TEXT = '(diisi setelah penandatanganan)';
const BLANK = '..........';

export const days = (n: number) => `${formatNumberId(n)} (${terbilang(n)}) hari kalender`;

export function titleBlock(f: Flow, title: string, subtitle: Array<{ text: string; font: FontKey }>, number: string | null): void {
  documentTitle(f, title, { size: 13 });
  f.gap(2);
  for (const s of subtitle) f.paragraph(s.text, { align: 'center', size: 10.5, font: s.font, w: CONTENT_W - 40, x: MARGIN_X + 20 });
  f.gap(2);
  f.paragraph(`Nomor: ${number ?? DRAFT_NUMBER_TEXT}`, { align: 'center', size: 10.5 });
  f.gap(16);
}

export function opening(f: Flow, place: string, date: Date | null): void {
  const day = date ? formatSigningDayId(date) : `${BLANK} tanggal ${BLANK} bulan ${BLANK} tahun ${BLANK}`;
  f.paragraph(`Pada hari ini ${day}, bertempat di ${place}, kami yang bertanda tangan di bawah ini:`);
  f.gap(6);
}

/** The PPK's identity rows, as the parties block and the termination notice list them. */
export const ppkRows = (p: TContractParties): LabelledRow[] => [
  ['Nama', p.ppk.name, 'bold'],
  ['NIP', p.ppk.nip],
  ['Jabatan', p.ppk.position],
  ['Satuan Kerja', p.ppk.unit],
];

/** The two parties, numbered, each with its "selanjutnya disebut" sentence. */
export function partiesBlock(f: Flow, p: TContractParties): void {
  const x = MARGIN_X + 18;
  const party = (n: number, rows: LabelledRow[], closing: string) => {
    f.ensure(rows.length * BODY * 1.32 + BODY_LH * 2);
    f.put(`${n}.`, MARGIN_X, f.y - (BODY * 1.32 - BODY) / 2 - BODY * 0.78, 'regular', BODY);
    f.labelled(rows, { x, labelW: 92 });
    f.gap(2);
    f.paragraph(closing, { x, w: PAGE_W - MARGIN_X - x });
    f.gap(7);
  };
  party(1, ppkRows(p), `dalam hal ini bertindak untuk dan atas nama ${p.ppk.unit}, selanjutnya disebut PIHAK PERTAMA;`);
  party(
    2,
    [
      ['Nama', p.vendor.representative.name, 'bold'],
      ['Jabatan', p.vendor.representative.position],
      ['Nama Penyedia', p.vendor.name, 'bold'],
      ['NPWP', p.vendor.npwp],
      ['Alamat', p.vendor.address],
    ],
    `dalam hal ini bertindak untuk dan atas nama ${p.vendor.name}, selanjutnya disebut PIHAK KEDUA.`,
  );
}

function signatureBlocks(p: TContractParties): [SignatureBlock, SignatureBlock] {
  return [
    {
      heading: [
        { text: 'PIHAK KEDUA', font: 'bold' },
        { text: p.vendor.name, font: 'bold' },
      ],
      name: p.vendor.representative.name,
      under: p.vendor.representative.position,
    },
    {
      heading: [
        { text: 'PIHAK PERTAMA', font: 'bold' },
        { text: p.ppk.position, font: 'bold' },
        { text: p.ppk.unit, font: 'regular' },
      ],
      name: p.ppk.name,
      under: `NIP. ${p.ppk.nip}`,
    },
  ];
}

export function sectionHeading(f: Flow, text: string): void {
  f.gap(6);
  f.heading([text], TABLE_LH * 4);
  f.gap(4);
}

/** The closing sentence, the signature blocks and the QR code, kept on one page. */
export function closing(f: Flow, parties: TContractParties, what: 'Surat Perjanjian' | 'Adendum', url: string | undefined, shortCode: string | undefined): void {
  const sentence =
    `Demikian ${what} ini dibuat dan ditandatangani secara elektronik oleh PARA PIHAK pada hari dan tanggal tersebut di atas, ` +
    'dalam keadaan sadar dan tanpa paksaan dari pihak mana pun, dan mempunyai kekuatan hukum yang sama dengan dokumen yang ditandatangani basah.';
  const sentenceH = f.wrap(sentence, 'regular', BODY, CONTENT_W).length * BODY_LH;
  const [left, right] = signatureBlocks(parties);
  // Sentence, signatures and the QR block stay together: when they do not fit, they start a new page.
  f.ensure(sentenceH + 16 + signaturesHeight(f, left, right) + (url ? 12 + QR_SIDE + 12 : 0));
  f.paragraph(sentence);
  f.gap(16);
  signatures(f, left, right, GREY);
  if (url && shortCode) {
    f.gap(12);
    const statement =
      `${what === 'Adendum' ? 'Adendum' : 'Dokumen'} ini telah ditandatangani secara elektronik oleh PARA PIHAK menggunakan sertifikat elektronik. ` +
      'Keaslian dan keutuhannya dapat diperiksa dengan memindai kode QR di samping atau melalui:';
    verificationBlock(f, { url, code: shortCode, statement }, GREY);
  }
}

/**
 * Renders one document of the contract family: the letterhead it carries (the PPK's unit), `layout`, and the
 * identity footer on every page. Without a number yet it is a draft, watermarked and numbered "DRAFT"
 * in its footer and properties. The same data gives the same bytes.
 */
export function renderContractFamilyPdf(
  d: { office: TLetterhead; title: string; date: Date | null },
  number: string | null,
  layout: (f: Flow) => void,
  about: { footer: (number: string) => string; subject: string; keywords: (number: string) => string[] },
): Promise<Uint8Array> {
  const shown = number ?? 'DRAFT';
  return renderPdf({
    fonts: ['regular', 'bold', 'italic', 'boldItalic'],
    layout: (fonts, clean) => {
      const f = new Flow(fonts, clean, { floor: IDENTITY_FOOTER_FLOOR });
      letterhead(f, d.office);
      layout(f);
      identityFooters(f, about.footer(shown), GREY);
      return f;
    },
    ...(number === null ? { watermark: 'DRAFT' } : {}),
    meta: {
      title: `${d.title} Nomor ${shown}`,
      subject: about.subject,
      author: d.office.nameLines.join(' '),
      keywords: about.keywords(shown),
      date: d.date,
      creator: 'Sahkan contract renderer',
    },
  });
}

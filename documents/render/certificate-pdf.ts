/**
 * The permit certificate as an unsigned one-page A4 PDF on the one layout engine (layout-flow.ts). It tries a
 * few font scales and keeps the largest that fits one page; content that fits no scale flows onto more pages
 * at full size, each continued page headed with the certificate's title and number.
 */
import { rgb } from 'pdf-lib';
import { formatDateId, OPEN_ENDED_VALIDITY_TEXT, ZCertificateDataSchema, type TCertificateData } from '../../domain/certificate';
import { documentTitle, letterhead } from './document-parts';
import { Flow, type FontKey, type Fonts } from './layout-flow';
import { renderPdf } from './pdf-output';
import { CONTENT_W, MARGIN_BOTTOM, MARGIN_X, PAGE_W, wrap } from './pdf-drawing';

const SCALES = [1, 0.95, 0.9, 0.85, 0.8];

const GREY = rgb(0.3, 0.3, 0.3);
const QR_INK = rgb(0, 0, 0);
const FONTS: readonly FontKey[] = ['regular', 'bold', 'italic'];

function layoutCertificate(d: TCertificateData, fonts: Fonts, clean: (s: string) => string, scale: number): Flow {
  const sz = (n: number) => n * scale;

  // Footer (every page): a rule and the e-signature statement, sized once so the body knows its floor.
  const footerSize = 7;
  const footerLh = footerSize * 1.3;
  const footerLines = wrap(
    clean(
      'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik. ' +
        `Keaslian dapat diperiksa melalui pemindaian kode QR atau di ${d.verificationUrl}`,
    ),
    fonts.italic!,
    footerSize,
    CONTENT_W,
  );
  const footerTop = MARGIN_BOTTOM + footerLines.length * footerLh + footerLh + 4;
  const f = new Flow(fonts, clean, {
    floor: footerTop + 8,
    onNewPage: (flow) => {
      const size = 8;
      flow.put(clean(`Lanjutan ${d.title} Nomor: ${d.permitNumber}`), MARGIN_X, flow.y - size, 'italic', size, { color: GREY });
      flow.y -= size * 1.3 + 2;
      flow.rule(MARGIN_X, PAGE_W - MARGIN_X, flow.y, 0.5);
      flow.y -= 10;
    },
  });
  const left = (text: string, font: FontKey, size: number, align: 'left' | 'center' = 'left') => f.paragraph(text, { font, size, align, lh: size * 1.32 });

  letterhead(f, d.office, scale);
  documentTitle(f, d.title, { size: sz(13), underline: true });
  f.gap(sz(2));
  left(`Nomor: ${d.permitNumber}`, 'regular', sz(10.5), 'center');
  f.gap(sz(14));

  const body = sz(10);
  const small = sz(9);
  const numbered = (items: string[], size: number) => f.numbered(items, { x: MARGIN_X, size, lh: size * 1.3, indent: sz(16), after: sz(1.2) });

  if (d.legalBasis.length) {
    left('Dasar hukum:', 'bold', small);
    numbered(d.legalBasis, small);
    f.gap(sz(6));
  }

  left(
    `Berdasarkan permohonan dengan nomor registrasi ${d.registrationNumber} dan hasil pemeriksaan persyaratan, ` +
      `dengan ini diterbitkan ${d.permitTypeName} kepada:`,
    'regular',
    body,
  );
  if (d.deemedApproval) {
    f.gap(sz(2));
    left(d.deemedApproval, 'bold', body);
  }
  f.gap(sz(4));

  // Label : value tables; both columns wrap, the colon sits on the first line.
  const rowOpts = { x: MARGIN_X + sz(14), labelW: sz(170), size: body, lh: body * 1.3, colonGap: sz(4), valueGap: sz(10), rowGap: sz(1.5) };
  f.labelled(
    [
      ['Nama pemegang izin', d.holder.name, 'bold'],
      ['Alamat pemegang izin', d.holder.address],
    ],
    rowOpts,
  );
  f.gap(sz(6));
  if (d.fields.length) {
    left('dengan rincian sebagai berikut:', 'regular', body);
    f.gap(sz(2));
    f.labelled(d.fields.map((field) => [field.label, field.value]), rowOpts);
    f.gap(sz(6));
  }
  f.labelled(
    [['Masa berlaku', d.validUntil ? `sampai dengan ${formatDateId(d.validUntil)}` : (d.openEndedValidityText ?? OPEN_ENDED_VALIDITY_TEXT), 'bold']],
    rowOpts,
  );
  f.gap(sz(8));

  if (d.conditions.length) {
    left('Ketentuan:', 'bold', body);
    numbered(d.conditions, small);
  }

  // Closing: signature block bottom right, vector QR bottom left, both above the footer.
  const sigW = sz(235);
  const sigX = PAGE_W - MARGIN_X - sigW;
  const sigLh = body * 1.3;
  type SigLine = { text: string; font: FontKey; size: number; before?: number; underline?: boolean };
  const wrapped = (text: string, font: FontKey, before: number, underline?: boolean): SigLine[] =>
    f.wrap(text, font, body, sigW).map((l, i) => ({ text: l, font, size: body, before: i ? 0 : before, underline }));
  const sigLines: SigLine[] = [
    ...wrapped(`Ditetapkan di ${d.placeOfIssue}`, 'regular', 0),
    ...wrapped(`pada tanggal ${formatDateId(d.issuedAt)}`, 'regular', 0),
    ...wrapped(d.signer.title, 'bold', sz(8)),
    { text: 'Ditandatangani secara elektronik oleh', font: 'italic', size: small, before: sz(10) },
    ...wrapped(d.signer.name, 'bold', sz(12), true),
    ...(d.signer.nip ? wrapped(`NIP. ${d.signer.nip}`, 'regular', 0) : []),
  ];
  const sigH = sigLines.reduce((h, l) => h + (l.before ?? 0) + sigLh, 0);

  const qrSide = sz(84);
  const qrTextW = sigX - MARGIN_X - sz(16);
  const qrSize = sz(7);
  const qrLh = qrSize * 1.3;
  const qrText = [...f.wrap(d.verificationUrl, 'regular', qrSize, qrTextW), ...f.wrap(`Kode verifikasi: ${d.shortHash}`, 'regular', qrSize, qrTextW)];
  const qrH = qrSide + sz(4) + qrText.length * qrLh;

  const closingH = Math.max(sigH, qrH);
  f.gap(sz(12));
  f.ensure(closingH);
  // Anchored to the bottom, so short certificates keep the signature where readers look for it.
  const top = f.floor + closingH;
  let sy = top;
  for (const l of sigLines) {
    sy -= (l.before ?? 0) + sigLh;
    const baseline = sy + (sigLh - l.size) / 2 + l.size * 0.22;
    f.put(l.text, sigX, baseline, l.font, l.size);
    if (l.underline) f.rule(sigX, sigX + f.width(l.text, l.font, l.size), baseline - 1.8, 0.7);
  }
  f.qr(QR_INK, d.verificationUrl, MARGIN_X, top, qrSide);
  let qy = top - qrSide - sz(4);
  for (const l of qrText) {
    qy -= qrLh;
    f.put(l, MARGIN_X, qy + qrLh * 0.25, 'regular', qrSize, { color: GREY });
  }

  // Footers last: the page count is known now.
  const pages = f.pageCount;
  for (let p = 0; p < pages; p++) {
    f.page = p;
    f.rule(MARGIN_X, PAGE_W - MARGIN_X, footerTop, 0.5);
    let fy = footerTop - 3;
    const lines = pages > 1 ? [...footerLines, `Halaman ${p + 1} dari ${pages}`] : footerLines;
    for (const l of lines) {
      fy -= footerLh;
      f.put(l, MARGIN_X + (CONTENT_W - f.width(l, 'italic', footerSize)) / 2, fy + footerLh * 0.25, 'italic', footerSize, { color: GREY });
    }
  }
  return f;
}

/**
 * Renders a permit certificate. The same data gives the same bytes: dates in the document information
 * come from `issuedAt` and producer/creator are fixed.
 */
export async function renderCertificatePdf(data: TCertificateData): Promise<Uint8Array> {
  const d = ZCertificateDataSchema.parse(data);
  return renderPdf({
    fonts: FONTS,
    layout: (fonts, clean) => {
      for (const scale of SCALES) {
        const attempt = layoutCertificate(d, fonts, clean, scale);
        if (attempt.pageCount === 1) return attempt;
      }
      return layoutCertificate(d, fonts, clean, 1);
    },
    meta: {
      title: `${d.title} Nomor ${d.permitNumber}`,
      subject: d.permitTypeName,
      author: d.office.nameLines.join(' '),
      keywords: [d.permitNumber, d.registrationNumber],
      date: d.issuedAt,
      creator: 'Sahkan certificate renderer',
    },
  });
}

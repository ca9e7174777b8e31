/**
 * The report of a lapsed case (Berita Acara Lewat Waktu Layanan, deemed approval: issue 10 §2) as an A4 PDF on the
 * one layout engine, sealed afterwards with the office seal. Deterministic: the same evidence gives the same bytes.
 */
import { formatDateId } from '../../domain/certificate';
import type { TLapseEvidence } from '../../domain/engine/case-lapse';
import type { TPauseEntry } from '../../domain/engine/case-clock';
import type { TLetterhead } from '../../domain/office-letterhead';
import { renderContractFamilyPdf, titleBlock } from './contract-parts';
import type { Flow } from './layout-flow';
import { MARGIN_X } from './pdf-drawing';

export const LAPSE_REPORT_TITLE = 'BERITA ACARA LEWAT WAKTU LAYANAN';

export interface TLapseReportData {
  office: TLetterhead;
  /** The office's short name, and the seal's name the closing sentence cites. */
  officeName: string;
  sealName: string;
  evidence: TLapseEvidence;
  /** When the lapse was recorded: the report's date. */
  recordedAt: Date;
}

const TIME_ID = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** "2 Desember 2026 pukul 16.00 WIB": an instant as Indonesian letters write it, in WIB. */
export function formatInstantId(iso: string): string {
  const parts = Object.fromEntries(TIME_ID.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} pukul ${parts.hour}.${parts.minute} WIB`;
}

const dayId = (date: string) => formatDateId(new Date(`${date}T12:00:00+07:00`));

function skippedReasonId(reason: string): string {
  if (reason === 'weekend') return 'akhir pekan';
  if (reason === 'paused') return 'waktu layanan berhenti';
  if (reason.startsWith('holiday:')) return `hari libur ${reason.slice('holiday:'.length)}`;
  if (reason.startsWith('closure:')) return `penutupan kantor: ${reason.slice('closure:'.length)}`;
  return reason;
}

const PAUSE_REASON_ID: Record<TPauseEntry['reason'], string> = { awaiting_revision: 'menunggu perbaikan dari pemohon', awaiting_payment: 'menunggu pembayaran' };

function completenessId(c: TLapseEvidence['completeness']): string {
  if (!c) return 'jenis izin ini tidak memiliki tahap pemeriksaan kelengkapan';
  return c.passed && c.at ? `berkas dinyatakan lengkap pada ${formatInstantId(c.at)}` : 'berkas belum dinyatakan lengkap';
}

const FOLLOW_UP_ID = {
  auto_approve: 'permohonan dianggap dikabulkan secara hukum dan dilanjutkan ke penandatanganan dokumen izin',
  flag: 'diputuskan oleh administrator: dianggap dikabulkan, atau pemeriksaan dilanjutkan',
} as const;

function layoutLapseReport(d: TLapseReportData, f: Flow): void {
  const e = d.evidence;
  titleBlock(f, LAPSE_REPORT_TITLE, [{ text: `atas permohonan ${e.typeName}`, font: 'regular' }], e.registrationNumber);
  f.paragraph(`Pada ${formatInstantId(d.recordedAt.toISOString())}, sistem layanan perizinan ${d.officeName} mencatat bahwa batas waktu layanan permohonan berikut terlewati tanpa keputusan:`);
  f.gap(6);
  const rows: Array<[string, string]> = [
    ['Jenis izin', e.typeName],
    ['Nomor registrasi', e.registrationNumber ?? '-'],
    ['Permohonan diterima', formatInstantId(e.receivedAt)],
    ['Kelengkapan berkas', completenessId(e.completeness)],
    ['Waktu layanan', `${e.serviceLevelDays} hari kerja`],
    ['Hari kerja terhitung', e.countedDays.map(dayId).join(', ') || '-'],
    ['Hari tidak terhitung', e.skipped.map((s) => `${dayId(s.date)} (${skippedReasonId(s.reason)})`).join('; ') || 'tidak ada'],
    [
      'Penghentian waktu layanan',
      e.pauses.map((p) => `${formatInstantId(p.paused)} s.d. ${p.resumed ? formatInstantId(p.resumed) : 'kini'} (${PAUSE_REASON_ID[p.reason]})`).join('; ') || 'tidak ada',
    ],
    ['Kalender kerja', `versi ${e.calendar.calendarVersion}, revisi penutupan ${e.calendar.closuresRevision}`],
    ['Batas waktu terlewati pada', formatInstantId(e.lapsedAt)],
    ['Tindak lanjut', FOLLOW_UP_ID[e.policy]],
  ];
  f.labelled(rows, { x: MARGIN_X + 18, labelW: 130 });
  f.gap(8);
  f.paragraph(
    `Berdasarkan ${e.legalBasis}, apabila dalam batas waktu yang ditentukan Badan dan/atau Pejabat Pemerintahan tidak menetapkan ` +
      'dan/atau melakukan Keputusan dan/atau Tindakan, permohonan tersebut dianggap dikabulkan secara hukum.',
  );
  f.gap(6);
  f.paragraph(`Berita acara ini dibuat oleh sistem dan disegel secara elektronik dengan ${d.sealName}.`);
}

/** Renders the Berita Acara of a lapsed case, unsigned (the worker seals it). */
export function renderLapseReportPdf(d: TLapseReportData): Promise<Uint8Array> {
  const number = d.evidence.registrationNumber ?? d.evidence.caseId; // registered before any review: never a draft
  return renderContractFamilyPdf({ office: d.office, title: LAPSE_REPORT_TITLE, date: d.recordedAt }, number, (f) => layoutLapseReport(d, f), {
    footer: (n) => `Berita Acara Lewat Waktu Layanan  |  Nomor registrasi: ${n}`,
    subject: `Lewat waktu layanan ${d.evidence.typeName}`,
    keywords: (n) => [n, d.evidence.caseId],
  });
}

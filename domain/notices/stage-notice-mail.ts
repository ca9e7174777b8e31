import { STAGE_NOTICES, type TStageNotice } from '../engine/case-clock';
import type { TNoticeRecipient } from './notice-addressees';

/** The office's clock in the e-mails, as on the pages (web/i18n/format.ts): WIB, UTC+7 without daylight saving. */
const WIB = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' });

/** "3 Desember 2026 16.00 WIB". */
export const wibDateTime = (iso: string): string => `${WIB.format(new Date(iso))} WIB`;

/** The working days of an N-day stage left at a notice's mark: the mark of p% closes counted day ⌊N·p/100⌋ (case-clock.ts). */
export function workingDaysLeftAt(kind: TStageNotice['kind'], serviceLevelDays: number): number {
  const percent = STAGE_NOTICES.find((n) => n.kind === kind)?.percent ?? 100;
  return serviceLevelDays - Math.floor((serviceLevelDays * percent) / 100);
}

export interface TStageNoticeMailInput {
  notice: Pick<TStageNotice, 'kind' | 'to'>;
  recipient: Pick<TNoticeRecipient, 'title'>;
  registrationNumber: string;
  /** The case type's name in Indonesian. */
  typeName: string;
  stageName: string;
  /** The stage's deadline (null while a stop holds its count: then no time is stated). */
  dueAt: string | null;
  /** The stage's service level, for the working days left; null when unknown. */
  serviceLevelDays: number | null;
  /** The task page (or the case's) the reader acts on. */
  link: string;
  /** The office that sends it (office.json's shortName). */
  office: string;
}

const LEADS: Record<TStageNotice['to'], string> = {
  role: 'Tugas berikut menunggu keputusan Anda.',
  supervisor: 'Tugas berikut di unit yang Anda pimpin mendekati batas waktu layanannya.',
  head: 'Tahap layanan berikut telah melewati batas waktunya.',
};

/** The e-mail of one reminder or escalation, in Indonesian: subject and plain-text body. */
export function stageNoticeMail(input: TStageNoticeMailInput): { subject: string; body: string } {
  const { notice } = input;
  const overdue = notice.kind === 'escalation';
  const left = input.serviceLevelDays === null ? null : workingDaysLeftAt(notice.kind, input.serviceLevelDays);
  const subject = overdue
    ? `[Eskalasi] Batas waktu terlewati: ${input.registrationNumber} (${input.stageName})`
    : `[Pengingat] ${input.registrationNumber}: ${input.stageName}${left === null ? '' : `, sisa ${left} hari kerja`}`;
  // A stop holds a permit for its applicant and a contract for its vendor or PPK: the words name neither.
  const deadline = input.dueAt ? wibDateTime(input.dueAt) : 'ditangguhkan (penghitungan waktu sedang dihentikan)';
  const status = overdue
    ? `Tahap ini telah melewati batas waktunya (${deadline}) dan ditandai terlambat.`
    : `Sisa waktu: ${left === null ? 'lihat halaman tugas' : `${left} hari kerja`}, batas waktu ${deadline}.`;
  const body = [
    `Yth. ${input.recipient.title},`,
    '',
    LEADS[notice.to],
    '',
    `Nomor registrasi : ${input.registrationNumber}`,
    `Jenis layanan    : ${input.typeName}`,
    `Tahap            : ${input.stageName}`,
    `Batas waktu      : ${deadline}`,
    '',
    status,
    `Buka: ${input.link}`,
    '',
    'Pesan ini dikirim otomatis oleh sistem; waktu dihitung dalam hari kerja kantor (WIB).',
    '',
    'Hormat kami,',
    input.office,
  ].join('\n');
  return { subject, body };
}

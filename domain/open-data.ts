import { z } from 'zod';
import { localDate, type TUtcOffset } from './calendar';
import { quantile } from './sla-analytics';
import { workingDayCounter, type TWorkingTime } from './working-time/working-days';

/*
 * Open data (issue 13 §3), pure: which datasets there are and what their columns mean (the data dictionary), the
 * range of months a request may ask for, the suppression of small counts, and the processing-time figures. Follows
 * the Satu Data Indonesia principles (Perpres 39/2019): one data standard (typed columns, ISO months and dates),
 * metadata with every dataset, reference codes (permit-type ids of the catalogue, Kemendagri area codes for the
 * kecamatan), and interoperable downloads (JSON and CSV with the same rows).
 */

export const DATASET_IDS = ['izin-terbit', 'waktu-proses', 'register-kontrak'] as const;
export type TDatasetId = (typeof DATASET_IDS)[number];

type TBilingual = { id: string; en: string };
/** XML Schema datatypes, as CSVW's data dictionaries name them. */
type TColumnType = 'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'gYearMonth';

export interface TColumn {
  name: string;
  datatype: TColumnType;
  /** May be empty (null in JSON, an empty cell in CSV). */
  nullable: boolean;
  description: string;
}

export interface TDatasetDefinition {
  id: TDatasetId;
  title: TBilingual;
  description: TBilingual;
  keywords: string[];
  columns: TColumn[];
}

/** Fewer permits than this in a group are not published as a number: "<3". */
export const MIN_PUBLISHED_COUNT = 3;
export const SUPPRESSED = `<${MIN_PUBLISHED_COUNT}`;

const column = (name: string, datatype: TColumnType, description: string, nullable = false): TColumn => ({ name, datatype, nullable, description });
const MONTH = column('month', 'gYearMonth', 'Bulan (YYYY-MM, waktu kantor) permohonan diselesaikan dengan izin terbit');
const TYPE_ID = column('typeId', 'string', 'Kode jenis izin dari katalog layanan (kode referensi, mis. pbg, sip, reklame)');
const TYPE_NAME = column('typeName', 'string', 'Nama jenis izin');

export const DATASETS: readonly TDatasetDefinition[] = [
  {
    id: 'izin-terbit',
    title: { id: 'Izin terbit per jenis, bulan, dan kecamatan', en: 'Permits issued per type, month and district' },
    description: {
      id: 'Jumlah izin yang terbit setiap bulan menurut jenis izin dan kecamatan lokasi yang diisi pemohon. Jumlah kurang dari 3 ditampilkan sebagai "<3" agar tidak ada pemohon yang dapat dikenali.',
      en: 'Permits issued each month by permit type and by the district of the location the applicant gave. Counts below 3 are shown as "<3" so that no applicant can be singled out.',
    },
    keywords: ['perizinan', 'izin terbit', 'kecamatan', 'PTSP'],
    columns: [
      MONTH,
      TYPE_ID,
      TYPE_NAME,
      column('kecamatanCode', 'string', 'Kode wilayah kecamatan (Kemendagri); kosong bila pemohon tidak mengisi kecamatan', true),
      column('kecamatan', 'string', 'Nama kecamatan lokasi; kosong bila pemohon tidak mengisi kecamatan', true),
      column('issued', 'integer', 'Jumlah izin terbit; kosong (JSON: null) bila kurang dari 3, lihat issuedSuppressed; di CSV tertulis "<3"', true),
      column('issuedSuppressed', 'boolean', 'true bila jumlahnya kurang dari 3 dan disembunyikan'),
    ],
  },
  {
    id: 'waktu-proses',
    title: { id: 'Waktu proses izin per jenis dan bulan', en: 'Permit processing time per type and month' },
    description: {
      id: 'Median dan persentil ke-90 lama proses (hari kerja dari pengajuan sampai izin terbit) dan porsi izin yang terbit sebelum batas waktu layanan, per jenis izin dan bulan terbit. Kelompok dengan kurang dari 3 izin tidak ditampilkan angkanya.',
      en: 'Median and 90th percentile of processing time (working days from submission to issue) and the share issued by the service deadline, per permit type and month of issue. Groups of fewer than 3 permits show no figures.',
    },
    keywords: ['perizinan', 'waktu layanan', 'standar pelayanan', 'hari kerja'],
    columns: [
      MONTH,
      TYPE_ID,
      TYPE_NAME,
      column('medianWorkingDays', 'decimal', 'Median lama proses dalam hari kerja kalender kantor; kosong bila disembunyikan', true),
      column('p90WorkingDays', 'decimal', 'Persentil ke-90 lama proses dalam hari kerja; kosong bila disembunyikan', true),
      column('onTimeShare', 'decimal', 'Porsi (0–1) izin yang terbit paling lambat pada batas waktu layanan; kosong bila disembunyikan', true),
      column('suppressed', 'boolean', 'true bila kelompok ini berisi kurang dari 3 izin dan angkanya disembunyikan'),
    ],
  },
  {
    id: 'register-kontrak',
    title: { id: 'Register kontrak pengadaan', en: 'Register of procurement contracts' },
    description: {
      id: 'Kontrak yang ditandatangani: nomor, pekerjaan, penyedia (badan usaha), unit kerja, nilai, masa kontrak, status, dan adendum. Tanpa data pribadi: nama pejabat dan wakil penyedia tidak dimuat.',
      en: 'Signed contracts: number, work, vendor (legal entity), office unit, value, period, status and addenda. No personal data: the names of officials and of the vendor’s representative are left out.',
    },
    keywords: ['pengadaan', 'kontrak', 'keterbukaan anggaran', 'penyedia'],
    columns: [
      column('number', 'string', 'Nomor kontrak'),
      column('title', 'string', 'Nama paket pekerjaan'),
      column('vendor', 'string', 'Nama penyedia (badan usaha)'),
      column('unit', 'string', 'Satuan kerja pejabat pembuat komitmen', true),
      column('value', 'integer', 'Nilai kontrak yang berlaku (rupiah, termasuk adendum yang ditandatangani)', true),
      column('startDate', 'date', 'Tanggal mulai kontrak', true),
      column('endDate', 'date', 'Tanggal akhir kontrak', true),
      column('signedAt', 'date', 'Tanggal kontrak ditandatangani (waktu kantor)'),
      column('status', 'string', 'Status: valid (berlaku), terminated (diputus), superseded (diganti), revoked (dicabut)'),
      column('addenda', 'string', 'Nomor adendum (JSON: daftar; CSV: dipisah "; ")'),
    ],
  },
];

export const datasetDefinition = (id: string): TDatasetDefinition | undefined => DATASETS.find((d) => d.id === id);

/**
 * Kemendagri area codes of Kabupaten Kubu Raya's kecamatan (61.12), by the option ids of the permit types'
 * `kecamatan` field. Source: Kepmendagri 100.1.1-6117/2022 on area codes; to be confirmed with the regency's
 * Bagian Tata Pemerintahan before production, like the letterhead.
 */
export const KECAMATAN_CODES: Readonly<Record<string, string>> = {
  batu_ampar: '61.12.01',
  terentang: '61.12.02',
  kubu: '61.12.03',
  teluk_pakedai: '61.12.04',
  sungai_kakap: '61.12.05',
  rasau_jaya: '61.12.06',
  sungai_raya: '61.12.07',
  sungai_ambawang: '61.12.08',
  kuala_mandor_b: '61.12.09',
};

/** At most this many months per request: the queries stay bounded. */
export const MAX_MONTHS = 36;
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The office's month of an instant, `YYYY-MM`: a permit issued at 02:00 WIB on 1 March counts in March. */
export function localMonthOf(at: Date, office: TUtcOffset): string {
  return localDate(at, office).slice(0, 7);
}

export interface TMonthsAsked {
  from: string;
  to: string;
  /** The month after `to`: the exclusive end the store takes. */
  toExclusive: string;
  /** Each month asked with the instant it begins in office time, then the instant the range ends. */
  starts: TMonthStart[];
}

export interface TMonthStart {
  month: string;
  /** ISO instant of 00:00 office time on the month's first day. */
  startsAt: string;
}

/** The instant each month from `first` to `last + 1` (month indexes) begins in office time. */
function monthStarts(first: number, last: number, office: TUtcOffset): TMonthStart[] {
  return Array.from({ length: last - first + 2 }, (_, i) => {
    const index = first + i;
    const midnightUtc = new Date(0);
    midnightUtc.setUTCFullYear(Math.floor(index / 12), index % 12, 1); // not Date.UTC: it maps years 0–99 to 1900–1999
    return { month: monthOf(index), startsAt: new Date(midnightUtc.getTime() - office.utcOffsetMinutes * 60_000).toISOString() };
  });
}

/**
 * `?from=YYYY-MM&to=YYYY-MM`, both months included; by default the twelve months up to the current one. Months are
 * the office's (its UTC offset): the month a citizen saw on the permit, not the UTC month of the instant.
 * At most MAX_MONTHS months, `from` not after `to`.
 */
export function monthsAskedSchema(now: Date, office: TUtcOffset) {
  const current = monthIndex(localMonthOf(now, office));
  return z
    .object({ from: ZMonth.optional(), to: ZMonth.optional() })
    .transform(({ from, to }, ctx): TMonthsAsked => {
      const last = to ? monthIndex(to) : current;
      const first = from ? monthIndex(from) : last - 11;
      if (first > last) ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` must not be after `to`' });
      else if (last - first + 1 > MAX_MONTHS) ctx.addIssue({ code: 'custom', path: ['from'], message: `at most ${MAX_MONTHS} months per request` });
      const starts = first > last || last - first + 1 > MAX_MONTHS ? [] : monthStarts(first, last, office);
      return { from: monthOf(first), to: monthOf(last), toExclusive: monthOf(last + 1), starts };
    });
}

/** A count as published: the number, or null with `suppressed` when it is too small to publish. */
export function publishedCount(count: number): { count: number | null; suppressed: boolean } {
  return count < MIN_PUBLISHED_COUNT ? { count: null, suppressed: true } : { count, suppressed: false };
}

export interface TProcessingTimeGroup {
  month: string;
  typeId: string;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  onTimeShare: number | null;
  suppressed: boolean;
}

/**
 * Per month of issue and type: median and 90th percentile of the working days from submission to issue (counted as
 * the service-level analytics count them), and the share issued by the case deadline. A group of fewer than
 * MIN_PUBLISHED_COUNT permits shows no figures: one permit's figures are that applicant's.
 */
export function processingTimes(
  closings: ReadonlyArray<{ month: string; typeId: string; submittedAt: string; closedAt: string; caseDueAt: string | null }>,
  time: TWorkingTime,
): TProcessingTimeGroup[] {
  const workingDays = workingDayCounter(time);
  const groups = new Map<string, { month: string; typeId: string; days: number[]; onTime: number }>();
  for (const c of closings) {
    const key = `${c.month} ${c.typeId}`;
    const group = groups.get(key) ?? { month: c.month, typeId: c.typeId, days: [], onTime: 0 };
    group.days.push(workingDays(new Date(c.submittedAt), new Date(c.closedAt)));
    if (c.caseDueAt !== null && c.closedAt <= c.caseDueAt) group.onTime++;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.typeId.localeCompare(b.typeId))
    .map(({ month, typeId, days, onTime }) =>
      publishedCount(days.length).suppressed
        ? { month, typeId, medianWorkingDays: null, p90WorkingDays: null, onTimeShare: null, suppressed: true }
        : {
            month,
            typeId,
            medianWorkingDays: quantile(days, 0.5),
            p90WorkingDays: quantile(days, 0.9),
            onTimeShare: Math.round((onTime / days.length) * 10_000) / 10_000,
            suppressed: false,
          },
    );
}

import {
  DATASETS,
  datasetDefinition,
  KECAMATAN_CODES,
  localMonthOf,
  monthsAskedSchema,
  processingTimes,
  publishedCount,
  SUPPRESSED,
  type TDatasetDefinition,
  type TDatasetId,
  type TMonthsAsked,
} from '../../domain/open-data';
import type { TCsvCell } from '../csv';
import { toCsv } from '../csv';
import type { TApiDeps } from '../deps';
import { invalid, notFound } from '../errors';
import { localDate } from '../../domain/calendar';
import { workingTimeNow } from './calendar';
import { contractRegisterWithTerms, type TContractRegisterRow } from './public';

/*
 * The open-data catalogue and its datasets (issue 13 §3), for the JSON API (api/routes/open-data.route.ts) and the
 * `/data-terbuka` page alike. The catalogue is DCAT in JSON-LD; each dataset's columns are described with CSVW's
 * vocabulary (the data dictionary). No dataset carries personal data: permits only as counts and statistics of
 * groups of at least three, contracts with the vendor (a legal entity) and the office unit, never a person's name.
 */

export const OPEN_DATA_PATH = '/api/v1/public/data';

/**
 * Creative Commons Attribution 4.0: an open licence in the sense of the Open Definition, the one data.go.id
 * (Satu Data Indonesia's portal) offers by default, and it asks only that the office be credited, which keeps the
 * source of the figures visible when they are reused.
 */
export const LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
/** Every request counts from the records as they are now: the data change as permits are issued. */
const CONTINUOUS = 'http://purl.org/cld/freq/continuous';

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  csvw: 'http://www.w3.org/ns/csvw#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const MEDIA_TYPES = { json: 'application/json', csv: 'text/csv' } as const;

/** The contract register's rows per request at most, read a page at a time, newest first. */
const REGISTER_ROWS_MAX = 10_000;
const REGISTER_PAGE = 1_000;
/** Issued permits whose processing time one request counts at most (the working days are counted here, not in SQL). */
const CLOSINGS_MAX = 50_000;

type TDeps = Pick<TApiDeps, 'records' | 'catalog' | 'office' | 'officeCalendar'>;

function publisher(deps: Pick<TApiDeps, 'office'>) {
  const unit = deps.office.units[0];
  return { '@type': 'foaf:Organization', 'foaf:name': unit?.names[0] ?? deps.office.nameLines.join(' ') };
}

/** The DCAT description of one dataset: what the catalogue lists and what each dataset answer carries as metadata. */
export function datasetMetadata(deps: Pick<TApiDeps, 'office'>, baseUrl: string, dataset: TDatasetDefinition) {
  const url = `${baseUrl}${OPEN_DATA_PATH}/${dataset.id}`;
  return {
    '@id': url,
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.id,
    'dct:title': dataset.title.id,
    'dct:description': dataset.description.id,
    'dct:publisher': publisher(deps),
    'dct:language': 'id',
    'dct:license': LICENSE,
    'dct:accrualPeriodicity': CONTINUOUS,
    'dcat:keyword': dataset.keywords,
    'dcat:distribution': (['json', 'csv'] as const).map((format) => ({
      '@type': 'dcat:Distribution',
      'dct:format': format.toUpperCase(),
      'dcat:mediaType': MEDIA_TYPES[format],
      'dcat:downloadURL': format === 'csv' ? `${url}.csv` : url,
    })),
    'csvw:tableSchema': {
      'csvw:column': dataset.columns.map((c) => ({
        'csvw:name': c.name,
        'csvw:datatype': `xsd:${c.datatype}`,
        'csvw:required': !c.nullable,
        'dct:description': c.description,
      })),
    },
  };
}
export type TDatasetMetadata = ReturnType<typeof datasetMetadata>;

/** The catalogue: every dataset with its downloads. */
export function openDataCatalogue(deps: Pick<TApiDeps, 'office'>, baseUrl: string) {
  return {
    '@context': CONTEXT,
    '@id': `${baseUrl}${OPEN_DATA_PATH}`,
    '@type': 'dcat:Catalog',
    'dct:title': `Data terbuka ${deps.office.shortName}`,
    'dct:description':
      'Data perizinan dan pengadaan tanpa data pribadi, menurut prinsip Satu Data Indonesia (Perpres 39/2019): standar data, metadata, kode referensi, dan interoperabilitas. Setiap dataset tersedia sebagai JSON dan CSV.',
    'dct:publisher': publisher(deps),
    'dct:language': 'id',
    'dct:license': LICENSE,
    'dcat:dataset': DATASETS.map((d) => datasetMetadata(deps, baseUrl, d)),
  };
}

export type TIssuedRow = {
  month: string;
  typeId: string;
  typeName: string;
  kecamatanCode: string | null;
  kecamatan: string | null;
  /** Null when suppressed: the column stays an integer for whoever sums it; issuedSuppressed says why it is empty. */
  issued: number | null;
  issuedSuppressed: boolean;
};
export type TProcessingRow = ReturnType<typeof processingTimes>[number] & { typeName: string };
/** A register row with the PPK's unit (satuan kerja): the office side of the contract, never the official's name. */
export type TRegisterRow = TContractRegisterRow & { unit: string | null };
export type TDatasetRow = TIssuedRow | TProcessingRow | TRegisterRow;

export interface TDatasetAnswer {
  metadata: TDatasetMetadata & { '@context': typeof CONTEXT; 'dct:temporal': { 'dcat:startDate': string; 'dcat:endDate': string } };
  rows: TDatasetRow[];
}

function typeName(deps: Pick<TApiDeps, 'catalog'>, typeId: string): string {
  return deps.catalog.get(typeId)?.name.id ?? typeId;
}

function kecamatanName(deps: Pick<TApiDeps, 'catalog'>, typeId: string, kecamatan: string): string {
  const field = deps.catalog.get(typeId)?.fields.find((f) => f.id === 'kecamatan');
  return field?.optionLabels?.[kecamatan]?.id ?? kecamatan;
}

async function issuedRows(deps: TDeps, months: TMonthsAsked): Promise<TIssuedRow[]> {
  const counts = await deps.records.openData.issuedPerMonth(months);
  return counts.map((c) => {
    const { count, suppressed } = publishedCount(c.issued);
    return {
      month: c.month,
      typeId: c.typeId,
      typeName: typeName(deps, c.typeId),
      kecamatanCode: c.kecamatan === null ? null : (KECAMATAN_CODES[c.kecamatan] ?? null),
      kecamatan: c.kecamatan === null ? null : kecamatanName(deps, c.typeId, c.kecamatan),
      issued: count,
      issuedSuppressed: suppressed,
    };
  });
}

async function processingRows(deps: TDeps, months: TMonthsAsked): Promise<TProcessingRow[]> {
  const closings = await deps.records.openData.issuedClosings(months, CLOSINGS_MAX + 1);
  if (closings.length > CLOSINGS_MAX) throw invalid('from', `more than ${CLOSINGS_MAX} permits were issued in these months: ask for fewer months`);
  return processingTimes(closings, await workingTimeNow(deps)).map((g) => ({ ...g, typeName: typeName(deps, g.typeId) }));
}

/** The signed contracts of the months, newest first: the public register's rows (the same use case), read page by page. */
async function registerRows(deps: TDeps, months: TMonthsAsked): Promise<TRegisterRow[]> {
  const rows: TRegisterRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await contractRegisterWithTerms(deps, { limit: REGISTER_PAGE, ...(cursor ? { cursor } : {}) }, REGISTER_PAGE);
    for (const { row, terms } of page.items) {
      const month = localMonthOf(new Date(row.signedAt), deps.officeCalendar);
      if (month >= months.from && month < months.toExclusive) rows.push({ ...row, signedAt: localDate(new Date(row.signedAt), deps.officeCalendar), unit: terms?.ppk.unit ?? null });
    }
    const last = page.items.at(-1);
    const oldest = last && localMonthOf(new Date(last.row.signedAt), deps.officeCalendar);
    cursor = oldest !== undefined && oldest >= months.from ? (page.nextCursor ?? undefined) : undefined;
    if (rows.length > REGISTER_ROWS_MAX) throw invalid('from', `more than ${REGISTER_ROWS_MAX} contracts in these months: ask for fewer months`);
  } while (cursor);
  return rows;
}

const ROWS: Record<TDatasetId, (deps: TDeps, months: TMonthsAsked) => Promise<TDatasetRow[]>> = {
  'izin-terbit': issuedRows,
  'waktu-proses': processingRows,
  'register-kontrak': registerRows,
};

/** One dataset for the months asked (`?from=YYYY-MM&to=YYYY-MM`), with its metadata. Unknown id: NOT_FOUND. */
export async function openDataset(deps: TDeps, baseUrl: string, id: string, query: unknown, now = new Date()): Promise<TDatasetAnswer> {
  const dataset = datasetDefinition(id);
  if (!dataset) throw notFound('dataset');
  const months = monthsAskedSchema(now, deps.officeCalendar).parse(query);
  return {
    metadata: {
      '@context': CONTEXT,
      ...datasetMetadata(deps, baseUrl, dataset),
      'dct:temporal': { 'dcat:startDate': months.from, 'dcat:endDate': months.to },
    },
    rows: await ROWS[dataset.id](deps, months),
  };
}

/**
 * The same rows as CSV, the columns in the data dictionary's order: a suppressed count is the text "<3", a list is
 * joined by "; ", null an empty cell. Through the one CSV writer (byte-order mark, formula defusing).
 */
export function datasetCsv(answer: TDatasetAnswer): string {
  const columns = answer.metadata['csvw:tableSchema']['csvw:column'].map((c) => c['csvw:name']);
  const cell = (row: Record<string, unknown>, name: string): TCsvCell => {
    const value = row[name];
    if (name === 'issued' && row.issuedSuppressed === true) return SUPPRESSED;
    if (Array.isArray(value)) return value.join('; ');
    return value as TCsvCell;
  };
  return toCsv(
    columns,
    answer.rows.map((row) => columns.map((name) => cell(row as Record<string, unknown>, name))),
  );
}

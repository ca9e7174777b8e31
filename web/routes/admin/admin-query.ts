import type { TApiDeps } from '../../../api/deps';
import { ON_TIME_WEEKS, SLA_MAX_DAYS } from '../../../api/use-cases/admin';
import type { TAdminCaseListInput, TDashboardFilter } from '../../../api/use-cases/admin';
import { ZIsoDateSchema } from '../../../domain/calendar';
import { CASE_STATUSES } from '../../../domain/case';
import { daysSpanned } from '../../../domain/service-level-periods';
import type { TCaseStatus } from '../../../domain/case';
import type { TLocalized } from '../../../domain/case-type.schema';
import { SIGN_STAGE } from '../../../domain/engine/case-state';
import type { TFormErrors } from '../../components/form-errors';
import { CURSOR_PARAM } from '../../components/pagination';
import { CONTRACT_WORKFLOW_STAGES, namedStagesOf, stageLabel, type TStageSource } from '../../stage-label';
import type { TLang } from '../../i18n/define-messages';
import type { TTranslate } from '../../i18n/translate';

/** Names of permit and contract types in both languages, and every type a stage's name may come from. */
export interface TAdminLabels {
  types: Map<string, TLocalized>;
  /** Permit types, then contract types: the admin pages' rows and sums may span types (first name wins). */
  sources: TStageSource[];
  /** Every stage id the pages can name (the filter accepts these). */
  stageIds: Set<string>;
}

export function adminLabels(deps: Pick<TApiDeps, 'catalog' | 'contractTypes'>): TAdminLabels {
  const sources: TStageSource[] = [...deps.catalog.values(), ...deps.contractTypes.values()];
  const types = new Map<string, TLocalized>(sources.map((type) => [type.id, type.name]));
  // The stages the workflows open themselves belong to no template: their names are the pages' own.
  const stageIds = new Set([...sources.flatMap((type) => namedStagesOf(type).map((s) => s.id)), ...Object.keys(CONTRACT_WORKFLOW_STAGES), SIGN_STAGE.id]);
  return { types, sources, stageIds };
}

/** A type's name in the page's language; the id when the catalogue no longer knows it. */
export const typeName = (labels: TAdminLabels, lang: TLang, typeId: string) => labels.types.get(typeId)?.[lang] ?? typeId;

/** A stage's name in the page's language by stageLabel over every type; null for no stage (the pages say so). */
export const stageName = (labels: TAdminLabels, lang: TLang, stageId: string | null, stored: string | null) =>
  stageId === null ? null : stageLabel(labels.sources, stageId, stored, lang);

/** One value of a query parameter as typed, or an error when the parameter came twice or as an object. */
function single(query: Record<string, unknown>, name: string): string | undefined | null {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : null;
}

/** Filters shared by the dashboard and the case list: `jenis` (type), `tahap` (stage). */
function parseTypeAndStage(query: Record<string, unknown>, t: TTranslate, knownStages: ReadonlySet<string>, labels: TAdminLabels, errors: TFormErrors) {
  const typeId = single(query, 'jenis');
  const stageId = single(query, 'tahap');
  if (typeId === null || (typeId !== undefined && !labels.types.has(typeId))) errors.jenis = t('admin.filter.unknownType');
  if (stageId === null || (stageId !== undefined && !knownStages.has(stageId) && !labels.stageIds.has(stageId))) errors.tahap = t('admin.filter.unknownStage');
  return { typeId: typeId ?? undefined, stageId: stageId ?? undefined };
}

export interface TParsed<F> {
  filter: F;
  /** What the person chose, to show again in the form (also when it was refused). */
  values: Record<string, string | undefined>;
  errors: TFormErrors | null;
}

const valuesOf = (query: Record<string, unknown>, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, typeof query[n] === 'string' ? (query[n] as string) : undefined]));

/** `/dasbor?jenis=…&tahap=…&periode=8`: the dashboard's filters from its URL. */
export function parseDashboardQuery(query: Record<string, unknown>, t: TTranslate, knownStages: ReadonlySet<string>, labels: TAdminLabels): TParsed<TDashboardFilter> {
  const errors: TFormErrors = {};
  const { typeId, stageId } = parseTypeAndStage(query, t, knownStages, labels, errors);
  const period = single(query, 'periode');
  const weeks = period === undefined ? 8 : Number(period);
  if (period !== undefined && (period === null || !ON_TIME_WEEKS.map(String).includes(period))) errors.periode = t('admin.filter.badPeriod');
  // The service-level range (local dates, both included); the use case supplies the default (the last 90 days).
  const from = single(query, 'dari');
  const to = single(query, 'sampai');
  if (from === null || (from !== undefined && !ZIsoDateSchema.safeParse(from).success)) errors.dari = t('admin.filter.badDate');
  if (to === null || (to !== undefined && !ZIsoDateSchema.safeParse(to).success)) errors.sampai = t('admin.filter.badDate');
  if (typeof from === 'string' && typeof to === 'string' && !errors.dari && !errors.sampai) {
    if (daysSpanned(from, to) < 1) errors.sampai = t('admin.filter.toBeforeFrom');
    else if (daysSpanned(from, to) > SLA_MAX_DAYS) errors.dari = t('admin.filter.rangeTooLong', { n: SLA_MAX_DAYS });
  }
  return {
    filter: {
      typeId,
      stageId,
      weeks: Number.isInteger(weeks) && errors.periode === undefined ? weeks : 8,
      from: typeof from === 'string' && !errors.dari ? from : undefined,
      to: typeof to === 'string' && !errors.sampai ? to : undefined,
    },
    values: valuesOf(query, DASHBOARD_PARAMS),
    errors: Object.keys(errors).length ? errors : null,
  };
}
const DASHBOARD_PARAMS = ['jenis', 'tahap', 'periode', 'dari', 'sampai'];

export const CASE_LIST_PAGE_SIZE = 25;
const CASE_LIST_PARAMS = ['jenis', 'tahap', 'status', 'terlambat', 'masalah', CURSOR_PARAM];

/**
 * `/dasbor/kasus?status=…&jenis=…&tahap=…&terlambat=ya&masalah=macet&setelah=…`: the case list's filters and page.
 * `status` is `berjalan` (running, the default) or a case status.
 */
export function parseCaseListQuery(
  query: Record<string, unknown>,
  t: TTranslate,
  knownStages: ReadonlySet<string>,
  labels: TAdminLabels,
): TParsed<TAdminCaseListInput> {
  const errors: TFormErrors = {};
  const { typeId, stageId } = parseTypeAndStage(query, t, knownStages, labels, errors);
  const status = single(query, 'status');
  if (status === null || (status !== undefined && status !== 'berjalan' && !CASE_STATUSES.includes(status as TCaseStatus))) errors.status = t('admin.filter.badStatus');
  const overdue = single(query, 'terlambat');
  if (overdue === null || (overdue !== undefined && overdue !== 'ya')) errors.terlambat = t('admin.filter.badChoice');
  const problem = single(query, 'masalah');
  if (problem === null || (problem !== undefined && problem !== 'macet')) errors.masalah = t('admin.filter.badChoice');
  return {
    filter: {
      typeId,
      stageId,
      status: status === undefined || status === 'berjalan' || status === null ? 'open' : (status as TCaseStatus),
      overdueOnly: overdue === 'ya',
      problem: problem === 'macet' ? 'stuck' : undefined,
      limit: CASE_LIST_PAGE_SIZE,
      // A cursor the list did not give is refused by the use case (400), like a refused filter.
      cursor: single(query, CURSOR_PARAM) ?? undefined,
    },
    values: valuesOf(query, CASE_LIST_PARAMS),
    errors: Object.keys(errors).length ? errors : null,
  };
}

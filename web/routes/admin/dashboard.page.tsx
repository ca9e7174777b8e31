import { ON_TIME_WEEKS } from '../../../api/use-cases/admin';
import type { TDashboard } from '../../../api/use-cases/admin';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { OpenEscalations } from '../../components/stage-notices';
import type { TEscalationItem } from '../../components/stage-notices';
import { Table } from '../../components/table';
import type { TTranslate } from '../../i18n/translate';
import { usePage } from '../../page-context';
import { CsvLink, caseColumns, queryOf, TypeAndStageFilters } from './admin-parts';
import { stageName, typeName } from './admin-query';
import type { TAdminLabels } from './admin-query';

export interface TDashboardView {
  labels: TAdminLabels;
  stageOptions: Array<{ value: string; label: string }>;
  values: Record<string, string | undefined>;
  errors: TFormErrors | null;
  /** Null when the filters were refused. */
  data: TDashboard | null;
  /** Stages overdue with the case still on them (issue 10 §2), whatever the filters; absent when not read. */
  escalations?: { items: TEscalationItem[]; total: number };
}

export type TAgeBucket = Pick<TDashboard['aging'][number], 'from' | 'to'>;
export const ageLabel = (t: TTranslate, b: TAgeBucket) =>
  b.to === null ? t('admin.aging.bucketOpen', { from: b.from }) : t('admin.aging.bucket', { from: b.from, to: b.to });
export const sharePercent = (onTime: number, decided: number) => (decided === 0 ? null : Math.round((onTime / decided) * 1000) / 10);

/** The filter form (GET, so the view is in the URL and can be shared) of the dashboard. */
export function DashboardFilters(props: { view: TDashboardView; action: string; withPeriod: boolean }) {
  const { t } = usePage();
  const { values, errors } = props.view;
  return (
    <form method="get" action={props.action} class="filters" aria-labelledby="filter-title">
      <h2 id="filter-title" class="visually-hidden">
        {t('admin.filter.title')}
      </h2>
      <TypeAndStageFilters view={props.view} />
      {props.withPeriod && (
        <>
          <SelectField
            name="periode"
            label={t('admin.filter.period')}
            value={values.periode ?? '8'}
            error={errors?.periode}
            options={ON_TIME_WEEKS.map((n) => ({ value: String(n), label: t('admin.filter.weeks', { n }) }))}
          />
          <TextField name="dari" type="date" label={t('admin.filter.from')} hint={t('admin.filter.rangeHint')} value={values.dari} error={errors?.dari} />
          <TextField name="sampai" type="date" label={t('admin.filter.to')} value={values.sampai} error={errors?.sampai} />
        </>
      )}
      <div class="filter-actions">
        <button type="submit" class="button">
          {t('admin.filter.apply')}
        </button>{' '}
        <a href={props.action}>{t('admin.filter.reset')}</a>
      </div>
    </form>
  );
}

/**
 * The service-level dashboard. Every chart is drawn by /assets/dashboard.js (uPlot) from the JSON block below
 * and has its table next to it, so the page says everything without JavaScript and to screen readers.
 */
export function DashboardPage(props: { view: TDashboardView }) {
  const { t, lang, format } = usePage();
  const { data, labels, values } = props.view;
  const filterQuery = queryOf({ jenis: values.jenis, tahap: values.tahap, periode: values.periode, dari: values.dari, sampai: values.sampai });
  const stageLabel = (id: string | null, stored: string | null) => stageName(labels, lang, id, stored) ?? t('admin.noStage');
  return (
    <section>
      <h1>{t('admin.dashboard.title')}</h1>
      {data && <p class="lead">{t('admin.dashboard.lead', { at: format.dateTime(data.asOf) })}</p>}
      <ErrorSummary
        errors={props.view.errors}
        labels={{ jenis: t('admin.filter.type'), tahap: t('admin.filter.stage'), periode: t('admin.filter.period'), dari: t('admin.filter.from'), sampai: t('admin.filter.to') }}
      />
      <DashboardFilters view={props.view} action="/dasbor" withPeriod />
      {data && (
        <>
          <dl class="figures">
            <div>
              <dt>{t('admin.summary.open')}</dt>
              <dd data-figure="open">{format.number(data.totals.open)}</dd>
            </div>
            <div>
              <dt>{t('admin.summary.overdue')}</dt>
              <dd data-figure="overdue">{format.number(data.totals.overdue)}</dd>
            </div>
          </dl>
          <p>
            <a href={`/dasbor/kasus${queryOf({ jenis: values.jenis, tahap: values.tahap })}`}>{t('admin.cases.title')}</a>
          </p>
          {props.view.escalations && <OpenEscalations {...props.view.escalations} />}

          <h2 id="open-title">{t('admin.open.title')}</h2>
          <div class="chart" hidden data-chart="open" role="img" aria-label={t('admin.open.chart')} />
          <Table
            caption={t('admin.open.title')}
            captionHidden
            rows={data.openByStage}
            columns={[
              { header: t('admin.col.type'), cell: (g) => typeName(labels, lang, g.typeId) },
              { header: t('admin.col.stage'), cell: (g) => stageLabel(g.stageId, g.stageName) },
              { header: t('admin.col.open'), cell: (g) => format.number(g.open), numeric: true },
              { header: t('admin.col.overdue'), cell: (g) => format.number(g.overdue), numeric: true },
            ]}
          />
          <CsvLink href={`/dasbor/terbuka.csv${filterQuery}`} table={t('admin.open.title')} />

          <h2>{t('admin.overdue.title')}</h2>
          <Table caption={t('admin.overdue.title')} captionHidden rows={data.overdue.items} columns={caseColumns(labels)} />
          {data.totals.overdue > data.overdue.items.length && (
            <p>
              <a href={`/dasbor/kasus${queryOf({ jenis: values.jenis, tahap: values.tahap, terlambat: 'ya' })}`}>{t('admin.overdue.more', { n: data.totals.overdue })}</a>
            </p>
          )}
          <CsvLink href={`/dasbor/terlambat.csv${filterQuery}`} table={t('admin.overdue.title')} />

          <h2>{t('admin.aging.title')}</h2>
          <div class="chart" hidden data-chart="aging" role="img" aria-label={t('admin.aging.chart')} />
          <Table
            caption={t('admin.aging.title')}
            captionHidden
            rows={data.aging}
            columns={[
              { header: t('admin.col.age'), cell: (b) => ageLabel(t, b) },
              { header: t('admin.col.count'), cell: (b) => format.number(b.count), numeric: true },
            ]}
          />
          <CsvLink href={`/dasbor/umur.csv${filterQuery}`} table={t('admin.aging.title')} />

          <h2>{t('admin.onTime.title')}</h2>
          <p>{t('admin.onTime.lead')}</p>
          <div class="chart" hidden data-chart="onTime" role="img" aria-label={t('admin.onTime.chart')} />
          <Table
            caption={t('admin.onTime.title')}
            captionHidden
            rows={data.onTime.stages}
            columns={[
              { header: t('admin.col.stage'), cell: (s) => stageLabel(s.stageId, s.stageName) },
              ...data.onTime.weeks.map((monday, i) => ({
                header: t('admin.onTime.week', { date: format.date(monday) }),
                numeric: true,
                cell: (s: TDashboard['onTime']['stages'][number]) => {
                  const cell = s.weeks[i]!;
                  const share = sharePercent(cell.onTime, cell.decided);
                  return share === null ? t('admin.onTime.none') : t('admin.onTime.cell', { onTime: cell.onTime, decided: cell.decided, share: `${format.number(share)}%` });
                },
              })),
            ]}
          />
          <CsvLink href={`/dasbor/tepat-waktu.csv${filterQuery}`} table={t('admin.onTime.title')} />

          <SlaTables view={props.view} filterQuery={filterQuery} />

          <script type="application/json" id="dasbor-data" dangerouslySetInnerHTML={{ __html: chartJson(props.view, t, lang, format.date) }} />
          <link rel="stylesheet" href="/assets/uplot/uPlot.min.css" />
          <script src="/assets/uplot/uPlot.iife.min.js" defer />
          <script src="/assets/dashboard.js" defer />
        </>
      )}
    </section>
  );
}

type TSla = TDashboard['sla'];

/** A day count as the page writes it: one decimal at most, "–" for none. */
const daysText = (format: { number: (n: number) => string }, value: number | null) => (value === null ? '–' : format.number(Math.round(value * 10) / 10));

/**
 * The service-level analytics (the same use case as GET /admin/sla): per type and stage with median and p90 working
 * days and the open stages by age, and the breach forecast. Each with its CSV.
 */
function SlaTables(props: { view: TDashboardView; filterQuery: string }) {
  const { t, lang, format } = usePage();
  const sla: TSla = props.view.data!.sla;
  const labels = props.view.labels;
  const stageLabel = (id: string, stored: string) => stageName(labels, lang, id, stored) ?? stored;
  return (
    <>
      <h2 id="sla-title">{t('admin.sla.title')}</h2>
      <p>{t('admin.sla.lead', { from: format.date(sla.from), to: format.date(sla.to) })}</p>
      <Table
        caption={t('admin.sla.title')}
        captionHidden
        rows={sla.stages}
        columns={[
          { header: t('admin.col.type'), cell: (s) => typeName(labels, lang, s.typeId) },
          { header: t('admin.col.stage'), cell: (s) => stageLabel(s.stageId, s.stageName) },
          { header: t('admin.col.closed'), cell: (s) => format.number(s.closed), numeric: true },
          {
            header: t('admin.col.onTime'),
            numeric: true,
            cell: (s) => (s.onTimeShare === null ? t('admin.onTime.none') : t('admin.onTime.cell', { onTime: s.onTime, decided: s.closed, share: `${format.number(Math.round(s.onTimeShare * 1000) / 10)}%` })),
          },
          { header: t('admin.col.median'), cell: (s) => daysText(format, s.medianWorkingDays), numeric: true },
          { header: t('admin.col.p90'), cell: (s) => daysText(format, s.p90WorkingDays), numeric: true },
          { header: t('admin.col.open'), cell: (s) => format.number(s.open), numeric: true },
          ...sla.ageBuckets.map((b, i) => ({ header: ageLabel(t, b), numeric: true, cell: (s: TSla['stages'][number]) => format.number(s.openByAge[i] ?? 0) })),
        ]}
      />
      <CsvLink href={`/dasbor/tahap.csv${props.filterQuery}`} table={t('admin.sla.title')} />

      <h2 id="forecast-title">{t('admin.forecast.title')}</h2>
      <p>{t('admin.forecast.lead', { from: format.date(sla.forecast.historyFrom), to: format.date(sla.forecast.historyTo) })}</p>
      {sla.forecast.withoutHistory > 0 && <p>{t('admin.forecast.withoutHistory', { n: sla.forecast.withoutHistory })}</p>}
      <Table
        caption={t('admin.forecast.title')}
        captionHidden
        rows={sla.forecast.items}
        columns={[
          { header: t('admin.col.registration'), cell: (f) => f.registrationNumber },
          { header: t('admin.col.type'), cell: (f) => typeName(labels, lang, f.typeId) },
          { header: t('admin.col.stage'), cell: (f) => stageLabel(f.stageId, f.stageName) },
          { header: t('admin.col.elapsed'), cell: (f) => format.number(f.elapsedWorkingDays), numeric: true },
          { header: t('admin.col.remaining'), cell: (f) => format.number(f.remainingWorkingDays), numeric: true },
          { header: t('admin.col.basedOn'), cell: (f) => format.number(f.basedOn), numeric: true },
          { header: t('admin.col.expectedFinish'), cell: (f) => format.dateTime(f.expectedFinishAt) },
          { header: t('admin.col.breached'), cell: (f) => breachedText(t, format, f) },
          { header: t('admin.col.lateBy'), cell: (f) => format.number(f.lateByWorkingDays), numeric: true },
        ]}
      />
      <CsvLink href={`/dasbor/perkiraan.csv${props.filterQuery}`} table={t('admin.forecast.title')} />
    </>
  );
}

/** "tahap, 3 Desember 2026 16.00 WIB; layanan, …": the deadlines a forecast row misses. */
export function breachedText(t: TTranslate, format: { dateTime: (d: string) => string }, f: TSla['forecast']['items'][number]): string {
  return f.breaches
    .map((which) => (which === 'stage' ? t('admin.forecast.stage', { date: format.dateTime(f.stageDueAt!) }) : t('admin.forecast.case', { date: format.dateTime(f.caseDueAt!) })))
    .join('; ');
}

/**
 * The charts' data as JSON for a `<script type="application/json">` block: `<` is written `\u003c`, so no text
 * in it (a stage name) can end the block.
 */
function chartJson(view: TDashboardView, t: TTranslate, lang: 'id' | 'en', date: (d: string) => string): string {
  const data = view.data!;
  const stageLabel = (id: string | null, stored: string | null) => stageName(view.labels, lang, id, stored) ?? t('admin.noStage');
  const several = new Set(data.openByStage.map((g) => g.typeId)).size > 1;
  const charts = {
    open: {
      kind: 'bars',
      xLabel: t('admin.col.stage'),
      labels: data.openByStage.map((g) => (several ? `${typeName(view.labels, lang, g.typeId)} · ${stageLabel(g.stageId, g.stageName)}` : stageLabel(g.stageId, g.stageName))),
      series: [
        { label: t('admin.col.open'), values: data.openByStage.map((g) => g.open) },
        { label: t('admin.col.overdue'), values: data.openByStage.map((g) => g.overdue) },
      ],
    },
    aging: {
      kind: 'bars',
      xLabel: t('admin.col.age'),
      labels: data.aging.map((b) => ageLabel(t, b)),
      series: [{ label: t('admin.col.count'), values: data.aging.map((b) => b.count) }],
    },
    onTime: {
      kind: 'lines',
      unit: '%',
      xLabel: t('admin.col.weekStart'),
      labels: data.onTime.weeks.map((monday) => date(monday)),
      series: data.onTime.stages.map((s) => ({ label: stageLabel(s.stageId, s.stageName), values: s.weeks.map((w) => sharePercent(w.onTime, w.decided)) })),
    },
  };
  return JSON.stringify(charts).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

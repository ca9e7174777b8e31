import { ON_TIME_WEEKS } from '../../../api/use-cases/admin';
import type { TDashboard } from '../../../api/use-cases/admin';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
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
}

export type TAgeBucket = TDashboard['aging'][number];
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
        <SelectField
          name="periode"
          label={t('admin.filter.period')}
          value={values.periode ?? '8'}
          error={errors?.periode}
          options={ON_TIME_WEEKS.map((n) => ({ value: String(n), label: t('admin.filter.weeks', { n }) }))}
        />
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
  const filterQuery = queryOf({ jenis: values.jenis, tahap: values.tahap, periode: values.periode });
  const stageLabel = (id: string | null, stored: string | null) => stageName(labels, lang, id, stored) ?? t('admin.noStage');
  return (
    <section>
      <h1>{t('admin.dashboard.title')}</h1>
      {data && <p class="lead">{t('admin.dashboard.lead', { at: format.dateTime(data.asOf) })}</p>}
      <ErrorSummary errors={props.view.errors} labels={{ jenis: t('admin.filter.type'), tahap: t('admin.filter.stage'), periode: t('admin.filter.period') }} />
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
          {data.overdue.total > data.overdue.items.length && (
            <p>
              <a href={`/dasbor/kasus${queryOf({ jenis: values.jenis, tahap: values.tahap, terlambat: 'ya' })}`}>{t('admin.overdue.more', { n: data.overdue.total })}</a>
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

          <script type="application/json" id="dasbor-data" dangerouslySetInnerHTML={{ __html: chartJson(props.view, t, lang, format.date) }} />
          <link rel="stylesheet" href="/assets/uplot/uPlot.min.css" />
          <script src="/assets/uplot/uPlot.iife.min.js" defer />
          <script src="/assets/dashboard.js" defer />
        </>
      )}
    </section>
  );
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

import type { TAdminCaseItem } from '../../../api/use-cases/admin';
import { CASE_STATUSES } from '../../../domain/case';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { CURSOR_PARAM, Pagination } from '../../components/pagination';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';
import { CERT_STATUS, CsvLink, caseColumns, queryOf, TypeAndStageFilters } from './admin-parts';
import type { TAdminLabels } from './admin-query';

export interface TCaseListView {
  labels: TAdminLabels;
  stageOptions: Array<{ value: string; label: string }>;
  values: Record<string, string | undefined>;
  errors: TFormErrors | null;
  /** Null when the filters were refused. */
  list: { asOf: string; nextCursor: string | null; items: TAdminCaseItem[] } | null;
}

/**
 * The administrators' case list: running cases overdue first (or one status, or the stuck ones), filters in the URL,
 * one page at a time. An issued permit is revoked from its row (the one place revocation starts).
 */
export function CaseListPage(props: { view: TCaseListView }) {
  const { t, format } = usePage();
  const { labels, values, errors, list } = props.view;
  const query = { jenis: values.jenis, tahap: values.tahap, status: values.status, terlambat: values.terlambat, masalah: values.masalah };
  return (
    <section>
      <h1>{t('admin.cases.title')}</h1>
      {list && <p class="lead">{t('admin.cases.lead', { at: format.dateTime(list.asOf) })}</p>}
      <ErrorSummary
        errors={errors}
        labels={{ jenis: t('admin.filter.type'), tahap: t('admin.filter.stage'), status: t('admin.filter.status'), terlambat: t('admin.filter.overdueOnly'), masalah: t('admin.filter.problem') }}
      />
      <form method="get" action="/dasbor/kasus" class="filters">
        <SelectField
          name="status"
          label={t('admin.filter.status')}
          value={values.status ?? 'berjalan'}
          error={errors?.status}
          options={[{ value: 'berjalan', label: t('admin.filter.open') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <TypeAndStageFilters view={props.view} />
        <SelectField
          name="terlambat"
          label={t('admin.filter.overdueOnly')}
          value={values.terlambat}
          error={errors?.terlambat}
          placeholder={t('admin.filter.all')}
          options={[{ value: 'ya', label: t('admin.filter.overdueOnly') }]}
        />
        <SelectField
          name="masalah"
          label={t('admin.filter.problem')}
          value={values.masalah}
          error={errors?.masalah}
          placeholder={t('admin.filter.all')}
          options={[{ value: 'macet', label: t('admin.filter.problemStuck') }]}
        />
        <div class="filter-actions">
          <button type="submit" class="button">
            {t('admin.filter.apply')}
          </button>{' '}
          <a href="/dasbor/kasus">{t('admin.filter.reset')}</a>
        </div>
      </form>
      {values.masalah === 'macet' && <p class="hint">{t('admin.cases.stuckNote')}</p>}
      {list && (
        <>
          <Table
            caption={t('admin.cases.caption')}
            rows={list.items}
            columns={caseColumns(labels, [
              {
                header: t('admin.col.certificate'),
                cell: (c) =>
                  c.issued ? (
                    // Long numbers break where they must: the column fits the page instead of pushing the link out of view.
                    <span class="document-number">
                      {c.issued.number} ({t(CERT_STATUS[c.issued.status] ?? 'admin.cert.valid')})
                      {c.issued.status === 'valid' && c.kind === 'permit' && (
                        <>
                          {' '}
                          <a href={`/dasbor/kasus/${encodeURIComponent(c.id)}/pencabutan`}>{t('admin.revoke.link', { number: c.issued.number })}</a>
                        </>
                      )}
                    </span>
                  ) : (
                    '–'
                  ),
              },
            ])}
          />
          <Pagination nextCursor={list.nextCursor} query={{ ...query, [CURSOR_PARAM]: values[CURSOR_PARAM] }} basePath="/dasbor/kasus" />
          <CsvLink href={`/dasbor/kasus.csv${queryOf(query)}`} table={t('admin.cases.caption')} />
        </>
      )}
    </section>
  );
}

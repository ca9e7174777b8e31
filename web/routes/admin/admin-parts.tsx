import type { TAdminCaseItem } from '../../../api/use-cases/admin';
import type { TLapseMark } from '../../../domain/engine/lapse-mark';
import { SelectField } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { SlaTag, StatusTag } from '../../components/status-tag';
import type { TColumn } from '../../components/table';
import type { TMessageKey } from '../../i18n/messages';
import { usePage } from '../../page-context';
import { stageName, typeName } from './admin-query';
import type { TAdminLabels } from './admin-query';

/** A link to a table's CSV export, keeping the page's filters; named after its table for screen readers. */
export function CsvLink(props: { href: string; table: string }) {
  const { t } = usePage();
  return (
    <p class="csv-link">
      <a href={props.href} download aria-label={t('admin.csvLabel', { table: props.table })}>
        {t('admin.csv')}
      </a>
    </p>
  );
}

/** The query string of a filter set (empty values left out), for links that keep the view. */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The columns of a list of cases (overdue list, case list); `extra` columns come last. */
export function caseColumns(labels: TAdminLabels, extra: TColumn<TAdminCaseItem>[] = []): TColumn<TAdminCaseItem>[] {
  const { t, lang, format } = usePage();
  return [
    { header: t('admin.col.registration'), cell: (c) => c.registrationNumber },
    { header: t('admin.col.type'), cell: (c) => typeName(labels, lang, c.typeId) },
    { header: t('admin.col.applicant'), cell: (c) => (c.applicant ? `${c.applicant.name} (${c.applicant.nik})` : '–') },
    {
      header: t('admin.col.status'),
      cell: (c) => (
        <>
          <StatusTag status={c.status} kind={c.kind} /> {c.lapse && <LapseTag mark={c.lapse} />}
        </>
      ),
    },
    { header: t('admin.col.stage'), cell: (c) => stageName(labels, lang, c.stage?.id ?? null, c.stage?.name ?? null) ?? '–' },
    { header: t('admin.col.ageDays'), cell: (c) => format.number(c.ageWorkingDays), numeric: true },
    {
      header: t('admin.col.service'),
      cell: (c) => (
        <>
          {c.stage?.dueAt ? format.date(c.stage.dueAt) : c.dueAt ? format.date(c.dueAt) : '–'} {c.overdue && <SlaTag state="overdue" />}
        </>
      ),
    },
    ...extra,
  ];
}

/**
 * A permit past its legal deadline: "Lewat batas waktu", and "dianggap dikabulkan" once approved by law, or "belum
 * dicatat" while the lapse is not recorded yet. Words, not colour alone.
 */
export function LapseTag(props: { mark: TLapseMark }) {
  const { t, format } = usePage();
  const { state, at } = props.mark;
  return (
    <span class="lapse-mark" data-lapse={state} title={t('admin.lapse.since', { at: format.dateTime(at) })}>
      <strong class="tag tag-lapse">{t('admin.lapse.tag')}</strong>
      {state === 'deemed_approved' && <strong class="tag tag-deemed">{t('clock.lapse.deemed')}</strong>}
      {state === 'past_deadline' && <span class="field-hint">{t('admin.lapse.unrecorded')}</span>}
    </span>
  );
}

/** The name of an issued document's status (valid, revoked …) in the page's language. */
export const CERT_STATUS: Record<string, TMessageKey> = {
  valid: 'admin.cert.valid',
  revoked: 'admin.cert.revoked',
  superseded: 'admin.cert.superseded',
  terminated: 'admin.cert.terminated',
};

/** The permit type and stage filters that the dashboard and the case list share. */
export function TypeAndStageFilters(props: {
  view: { labels: TAdminLabels; values: Record<string, string | undefined>; errors: TFormErrors | null; stageOptions: Array<{ value: string; label: string }> };
}) {
  const { t, lang } = usePage();
  const { labels, values, errors, stageOptions } = props.view;
  return (
    <>
      <SelectField
        name="jenis"
        label={t('admin.filter.type')}
        value={values.jenis}
        error={errors?.jenis}
        placeholder={t('admin.filter.allTypes')}
        options={[...labels.types.keys()].map((id) => ({ value: id, label: typeName(labels, lang, id) }))}
      />
      <SelectField name="tahap" label={t('admin.filter.stage')} value={values.tahap} error={errors?.tahap} placeholder={t('admin.filter.allStages')} options={stageOptions} />
    </>
  );
}

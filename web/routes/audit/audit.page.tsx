import type { TFindingsPage, TFindingView } from '../../../api/use-cases/audit';
import { FINDING_STATUSES } from '../../../api/use-cases/audit';
import { ANOMALY_RULES, type TAnomalyRule } from '../../../domain/anomalies/finding';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextArea, TextField } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { CURSOR_PARAM, Pagination } from '../../components/pagination';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import { queryOf } from '../admin/admin-parts';
import { auditCasePath, FindingEvidence, type TStageNamer } from './finding-evidence';

/** The filters of the findings list as the page's URL carries them (the API's names; the cursor is `setelah`). */
export const AUDIT_FILTERS = ['rule', 'status', 'typeId', 'from', 'to'] as const;
export type TAuditFilterValues = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

export interface TAuditView {
  values: TAuditFilterValues;
  /** The cursor of the page shown (`setelah`), none on the first. */
  cursor: string | undefined;
  errors: TFormErrors | null;
  /** Null when the filters were refused. */
  list: TFindingsPage | null;
  typeOptions: Array<{ value: string; label: string }>;
  typeName: (typeId: string) => string;
  stageName: TStageNamer;
}

export interface TFindingPageView {
  finding: TFindingView;
  typeName: (typeId: string) => string;
  stageName: TStageNamer;
  /** Just acknowledged through this page (after the redirect). */
  done?: boolean;
  note?: string;
  errors?: TFormErrors | null;
}

export const findingPath = (id: string) => `/audit/temuan/${encodeURIComponent(id)}`;

/** Open or followed up, as a tag with its words. */
function FollowUpTag(props: { finding: TFindingView }) {
  const { t } = usePage();
  const done = props.finding.acknowledgement !== null;
  return <strong class={`tag ${done ? 'tag-issued' : 'tag-changes-requested'}`}>{t(done ? 'audit.status.acknowledged' : 'audit.status.open')}</strong>;
}

/** The case a finding is on, its type and when the finding was first seen. */
function FindingMeta(props: { finding: TFindingView; typeName: (typeId: string) => string }) {
  const { t, format } = usePage();
  const f = props.finding;
  return (
    <p class="finding-meta">
      <a href={auditCasePath(f.caseId)}>{f.registrationNumber ?? f.caseId}</a>
      {f.typeId && ` · ${props.typeName(f.typeId)}`} · {t('audit.col.seen')}: {format.dateTime(f.firstSeenAt)}
    </p>
  );
}

/** One finding in a list: rule, follow-up, case, evidence in words, and its follow-up or the link to record one. */
export function FindingItem(props: { finding: TFindingView; view: Pick<TAuditView, 'typeName' | 'stageName'> }) {
  const { t, format } = usePage();
  const f = props.finding;
  return (
    <li class="finding">
      <h3>
        <a href={findingPath(f.id)}>{t(`audit.rule.${f.rule}`)}</a> <FollowUpTag finding={f} />
      </h3>
      <FindingMeta finding={f} typeName={props.view.typeName} />
      <FindingEvidence finding={f} stageName={props.view.stageName} />
      <p class="finding-follow-up">
        {f.acknowledgement ? t('audit.acknowledged', { by: f.acknowledgement.by, at: format.dateTime(f.acknowledgement.at), note: f.acknowledgement.note }) : <a href={findingPath(f.id)}>{t('audit.acknowledge')}</a>}
      </p>
    </li>
  );
}

/** One finding with the form that records its follow-up (once; the note is logged in the transparency log). */
export function FindingPage(props: { view: TFindingPageView }) {
  const { t, format } = usePage();
  const { finding: f, done, errors, note } = props.view;
  return (
    <section>
      <h1>{t(`audit.rule.${f.rule}`)}</h1>
      {done && (
        <div class="notice notice-success" role="status">
          <p>{t('audit.acknowledgedNow')}</p>
        </div>
      )}
      <p>
        <FollowUpTag finding={f} />
      </p>
      <FindingMeta finding={f} typeName={props.view.typeName} />
      <h2>{t('audit.col.evidence')}</h2>
      <FindingEvidence finding={f} stageName={props.view.stageName} />
      {f.acknowledgement ? (
        <p>{t('audit.acknowledged', { by: f.acknowledgement.by, at: format.dateTime(f.acknowledgement.at), note: f.acknowledgement.note })}</p>
      ) : (
        <PostForm action={`${findingPath(f.id)}/tindak-lanjut`} novalidate>
          <ErrorSummary errors={errors} labels={{ note: t('audit.note') }} />
          <TextArea name="note" label={t('audit.note')} value={note} rows={3} maxLength={2000} error={errors?.note} required />
          <button type="submit" class="button" data-action="acknowledge-finding">
            {t('audit.acknowledge')}
          </button>
        </PostForm>
      )}
    </section>
  );
}

/** The filter form: rule, follow-up, case type, the dates first seen (GET, so a filtered view is a link). */
function FindingFilters(props: { view: TAuditView }) {
  const { t } = usePage();
  const { values, errors, typeOptions } = props.view;
  return (
    <form method="get" action="/audit" class="filters filters-compact" aria-label={t('audit.filters')}>
      <SelectField name="rule" label={t('audit.filter.rule')} value={values.rule} error={errors?.rule} placeholder={t('audit.filter.allRules')} options={ANOMALY_RULES.map((r) => ({ value: r, label: t(`audit.rule.${r}`) }))} />
      <SelectField name="status" label={t('audit.filter.status')} value={values.status} error={errors?.status} placeholder={t('audit.filter.anyStatus')} options={FINDING_STATUSES.map((s) => ({ value: s, label: t(`audit.status.${s}`) }))} />
      <SelectField name="typeId" label={t('audit.filter.type')} value={values.typeId} error={errors?.typeId} placeholder={t('audit.filter.allTypes')} options={typeOptions} />
      <TextField name="from" type="date" label={t('audit.filter.from')} value={values.from} error={errors?.from} />
      <TextField name="to" type="date" label={t('audit.filter.to')} value={values.to} error={errors?.to} />
      <div class="filter-actions">
        <button type="submit" class="button" data-action="filter-findings">
          {t('audit.filter.apply')}
        </button>{' '}
        <a href="/audit">{t('audit.filter.reset')}</a>
      </div>
    </form>
  );
}

/** How many findings each rule has under the other filters; each a link that narrows to that rule. */
function RuleCounts(props: { values: TAuditFilterValues; counts: Partial<Record<TAnomalyRule, number>> }) {
  const { t, format } = usePage();
  const { values, counts } = props;
  const total = Object.values(counts).reduce((n, c) => n + (c ?? 0), 0);
  const link = (rule: string | undefined) => `/audit${queryOf({ ...values, rule })}`;
  return (
    <nav class="rule-counts" aria-label={t('audit.counts')}>
      <h2>{t('audit.counts')}</h2>
      <ul>
        <li>
          <a href={link(undefined)} aria-current={values.rule ? undefined : 'page'}>
            {t('audit.counts.all')} <span class="count">{format.number(total)}</span>
          </a>
        </li>
        {ANOMALY_RULES.map((r) => (
          <li>
            <a href={link(r)} aria-current={values.rule === r ? 'page' : undefined} data-rule={r}>
              {t(`audit.rule.${r}`)} <span class="count">{format.number(counts[r] ?? 0)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The export links: the cases the filtered findings are on (same filters), and every case by kind. */
function Exports(props: { values: TAuditFilterValues }) {
  const { t } = usePage();
  const { rule, status, typeId, from, to } = props.values;
  const filtered = queryOf({ rule, findingStatus: status, typeId, from, to });
  const anyFilter = filtered !== '';
  return (
    <>
      <h2>{t('audit.exports')}</h2>
      {anyFilter && (
        <p>
          {t('audit.export.filtered')} <a href={`/audit/ekspor.csv${filtered}`}>{t('audit.export.filteredCsv')}</a> · <a href={`/audit/ekspor.json${filtered}`}>{t('audit.export.filteredJson')}</a>
        </p>
      )}
      <p>
        {t('audit.export.all')} <a href="/audit/ekspor.csv?kind=permit">{t('audit.export.csv')}</a> · <a href="/audit/ekspor.json?kind=permit">{t('audit.export.json')}</a> ·{' '}
        <a href="/audit/ekspor.csv?kind=contract">{t('audit.export.contractsCsv')}</a>
      </p>
    </>
  );
}

/** The Inspektorat's start page: filters, counts per rule, findings newest first in words, paged; the exports. */
export function AuditPage(props: { view: TAuditView }) {
  const { t } = usePage();
  const { values, errors, list } = props.view;
  const labels = { rule: t('audit.filter.rule'), status: t('audit.filter.status'), typeId: t('audit.filter.type'), from: t('audit.filter.from'), to: t('audit.filter.to') };
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <FindingFilters view={props.view} />
      {list && <RuleCounts values={values} counts={list.counts} />}
      <h2>{t('audit.findings')}</h2>
      {list && (list.items.length === 0 ? <p>{t('audit.none')}</p> : <ul class="findings">{list.items.map((f) => <FindingItem finding={f} view={props.view} />)}</ul>)}
      {list && <Pagination nextCursor={list.nextCursor} query={{ ...values, [CURSOR_PARAM]: props.view.cursor }} basePath="/audit" />}
      <Exports values={values} />
    </section>
  );
}

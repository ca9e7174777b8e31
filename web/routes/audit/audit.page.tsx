import type { TFindingView } from '../../../api/use-cases/audit';
import { ErrorSummary } from '../../components/error-summary';
import { TextArea } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { Pagination } from '../../components/pagination';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';

export interface TAuditView {
  findings: TFindingView[];
  nextCursor: string | null;
}

export interface TFindingPageView {
  finding: TFindingView;
  /** Just acknowledged through this page (after the redirect). */
  done?: boolean;
  note?: string;
  errors?: TFormErrors | null;
}

export const auditCasePath = (caseId: string) => `/audit/kasus/${encodeURIComponent(caseId)}`;

export const findingPath = (id: string) => `/audit/temuan/${encodeURIComponent(id)}`;

/** One finding in a list: its rule, case link, evidence as recorded, and its follow-up or a link to record one. */
function FindingItem(props: { finding: TFindingView }) {
  const { t, format } = usePage();
  const f = props.finding;
  return (
    <li class="finding">
      <h3>
        <a href={findingPath(f.id)}>{t(`audit.rule.${f.rule}`)}</a>
      </h3>
      <p>
        <a href={auditCasePath(f.caseId)}>{f.registrationNumber ?? f.caseId}</a> · {t('audit.col.seen')}: {format.dateTime(f.firstSeenAt)}
      </p>
      <pre class="evidence">{JSON.stringify(f.evidence, null, 2)}</pre>
      <p>{f.acknowledgement ? t('audit.acknowledged', { by: f.acknowledgement.by, at: format.dateTime(f.acknowledgement.at), note: f.acknowledgement.note }) : <a href={findingPath(f.id)}>{t('audit.acknowledge')}</a>}</p>
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
        <a href={auditCasePath(f.caseId)}>{f.registrationNumber ?? f.caseId}</a> · {t('audit.col.seen')}: {format.dateTime(f.firstSeenAt)}
      </p>
      <h2>{t('audit.col.evidence')}</h2>
      <pre class="evidence">{JSON.stringify(f.evidence, null, 2)}</pre>
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

/** The Inspektorat's start page: findings newest first, each with its evidence and follow-up; the exports. */
export function AuditPage(props: { view: TAuditView }) {
  const { t } = usePage();
  const { findings, nextCursor } = props.view;
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <h2>{t('audit.exports')}</h2>
      <ul>
        <li>
          <a href="/audit/ekspor.csv?kind=permit">{t('audit.export.csv')}</a>
        </li>
        <li>
          <a href="/audit/ekspor.json?kind=permit">{t('audit.export.json')}</a>
        </li>
        <li>
          <a href="/audit/ekspor.csv?kind=contract">{t('audit.export.contractsCsv')}</a>
        </li>
      </ul>
      <h2>{t('audit.findings')}</h2>
      {findings.length === 0 ? <p>{t('audit.none')}</p> : <ul class="findings">{findings.map((f) => <FindingItem finding={f} />)}</ul>}
      <Pagination nextCursor={nextCursor} query={{}} basePath="/audit" />
    </section>
  );
}

import type { TTrackedPermit } from '../../../api/use-cases/tracking';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { TextField } from '../../components/field';
import { PostForm } from '../../components/post-form';
import { StatusTag } from '../../components/status-tag';
import { usePage } from '../../page-context';

export interface TTrackView {
  number: string;
  /** Field errors (`number`, `pin`) or `_form` for "no such number and PIN" and the throttle. */
  errors?: TFormErrors | null;
  result?: TTrackedPermit;
  /** The current stage's name in the page's language (web/stage-label.ts). */
  stageName?: string;
}

/** Where an application stands, as the tracking code opens it: status and deadlines, nothing personal. */
function TrackResult(props: { result: TTrackedPermit; stageName: string }) {
  const { t, format, lang } = usePage();
  const { result } = props;
  return (
    <section aria-labelledby="track-result" data-track-result={result.status}>
      <h2 id="track-result">
        {t('tracking.result')} {result.registrationNumber}
      </h2>
      <dl class="summary-list">
        <dt>{t('tracking.type')}</dt>
        <dd>{result.typeName[lang]}</dd>
        <dt>{t('tracking.status')}</dt>
        <dd>
          <StatusTag status={result.status} />
        </dd>
        <dt>{t('tracking.submittedAt')}</dt>
        <dd>{format.dateTime(result.submittedAt)}</dd>
        {result.stage && (
          <>
            <dt>{t('tracking.stage')}</dt>
            <dd>{props.stageName}</dd>
            {result.stage.dueAt && (
              <>
                <dt>{t('tracking.stageDue')}</dt>
                <dd>{format.dateTime(result.stage.dueAt)}</dd>
              </>
            )}
          </>
        )}
        {!result.closedAt && (
          <>
            <dt>{t('tracking.caseDue')}</dt>
            <dd>{result.dueAt ? format.dateTime(result.dueAt) : t('tracking.caseDuePaused')}</dd>
          </>
        )}
        {result.estimate && (
          <>
            <dt>{t('tracking.estimate')}</dt>
            <dd>
              <strong data-estimate={result.estimate.issueAt}>{format.date(result.estimate.issueAt)}</strong>
              <br />
              <span class="field-hint">
                {result.estimate.basis === 'recent_cases'
                  ? t('tracking.estimate.recent', { days: format.number(result.estimate.medianWorkingDays ?? 0), count: result.estimate.basedOn })
                  : t('tracking.estimate.serviceLevel')}
              </span>
            </dd>
          </>
        )}
        {result.closedAt && (
          <>
            <dt>{t('tracking.closedAt')}</dt>
            <dd>{format.dateTime(result.closedAt)}</dd>
          </>
        )}
        {result.documentNumber && (
          <>
            <dt>{t('tracking.document')}</dt>
            <dd>
              <a href={`/v/${result.documentNumber.split('/').map(encodeURIComponent).join('/')}`}>{t('tracking.documentLink', { number: result.documentNumber })}</a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/**
 * `/lacak`: the number and the PIN (posted, so the PIN never sits in a link, the browser's history or a log) and,
 * once they match, where the application stands.
 */
export function TrackPage(props: { view: TTrackView }) {
  const { t } = usePage();
  const { view } = props;
  const labels = { number: t('tracking.number'), pin: t('tracking.pin') };
  return (
    <section>
      <h1>{t('tracking.title')}</h1>
      <p class="lead">{t('tracking.lead')}</p>
      <ErrorSummary errors={view.errors} labels={labels} />
      {view.result && <TrackResult result={view.result} stageName={view.stageName ?? ''} />}
      <PostForm action="/lacak">
        <TextField name="number" label={labels.number} hint={t('tracking.numberHint')} value={view.number} required maxLength={64} error={view.errors?.number} />
        <TextField name="pin" label={labels.pin} hint={t('tracking.pinHint')} inputMode="numeric" autocomplete="off" maxLength={9} required error={view.errors?.pin} />
        <button type="submit" class="button" data-action="track">
          {t('tracking.submit')}
        </button>
      </PostForm>
    </section>
  );
}

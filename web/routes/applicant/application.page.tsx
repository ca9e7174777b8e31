import type { TCaseType } from '../../../domain/case-type.schema';
import { CLOSED_STATUSES } from '../../../domain/case';
import type { TPermitDetail } from '../../../api/use-cases/permits';
import { CaseClock } from '../../components/case-clock';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { TextArea } from '../../components/field';
import { PostForm } from '../../components/post-form';
import { SlaTag, StatusTag } from '../../components/status-tag';
import { Timeline } from '../../components/timeline';
import { TrackingCode } from '../../components/tracking-code';
import { usePage } from '../../page-context';
import { stageLabel } from '../../stage-label';
import { DocumentInputs, PermitFieldInput, permitFormLabels } from './permit-inputs';
import { DocumentValues, FieldValues } from './permit-values';
import type { TSlaState } from '../../../domain/sla-state';

export interface TRevisionForm {
  fields: Record<string, string>;
  comment: string;
  errors: TFormErrors;
}

/**
 * `/permohonan/:id`: one application: status, current stage and its due date, what was submitted, the
 * timeline, the revision form while changes are requested (with the reviewer's comments), withdrawal while it
 * is open, and the certificate once issued.
 */
export function ApplicationPage(props: {
  detail: TPermitDetail;
  type: TCaseType;
  documentNames: Record<string, { name: string; bytes: number } | undefined>;
  reviewerComments: { stageName: string; comment: string }[];
  revision: TRevisionForm | null;
  notice: 'revised' | 'withdrawn' | null;
  /** The public page the certificate's QR code opens (with its check code), once issued. */
  verificationHref: string | null;
  /** The stage's service-level state, by the office calendar (domain/sla-state.ts), as the inbox shows it. */
  slaOf: (dueAt: string) => TSlaState;
}) {
  const { t, lang, format } = usePage();
  const { detail, type } = props;
  const open = !CLOSED_STATUSES.includes(detail.status);
  const stageName = detail.stage ? stageLabel(type, detail.stage.id, detail.stage.name, lang) : null;
  const stageOf = (stageId: string | null) => (stageId ? stageLabel(type, stageId, null, lang) : null);
  const labels = permitFormLabels(type, lang, (k) => t(`applicant.person.${k}`));
  return (
    <section>
      <h1>{type.name[lang]}</h1>
      <p class="lead">{t('applicant.case.number', { number: detail.registrationNumber })}</p>
      {props.notice && (
        <p class="notice notice-success" role="status">
          {t(props.notice === 'revised' ? 'applicant.case.revised' : 'applicant.case.withdrawn')}
        </p>
      )}
      <h2>{t('applicant.case.summary')}</h2>
      <dl class="summary-list">
        <dt>{t('applicant.case.status')}</dt>
        <dd data-status={detail.status}>
          <StatusTag status={detail.status} />
        </dd>
        <dt>{t('applicant.case.submitted')}</dt>
        <dd>{format.dateTime(detail.submittedAt)}</dd>
        {open && stageName && (
          <>
            <dt>{t('applicant.case.stage')}</dt>
            <dd data-stage={detail.stage?.id}>{stageName}</dd>
          </>
        )}
        {open && detail.stage?.dueAt && (
          <>
            <dt>{t('applicant.case.stageDue')}</dt>
            <dd>
              <time dateTime={detail.stage.dueAt}>{format.dateTime(detail.stage.dueAt)}</time> <SlaTag state={props.slaOf(detail.stage.dueAt)} />
            </dd>
          </>
        )}
        {open && detail.dueAt && (
          <>
            <dt>{t('applicant.case.caseDue')}</dt>
            <dd>{format.date(detail.dueAt)}</dd>
          </>
        )}
        {detail.closedAt && (
          <>
            <dt>{t('applicant.case.closed')}</dt>
            <dd>{format.dateTime(detail.closedAt)}</dd>
          </>
        )}
        {detail.outcomeReason && (
          <>
            <dt>{t('applicant.case.reason')}</dt>
            <dd>{detail.outcomeReason}</dd>
          </>
        )}
      </dl>

      {detail.trackingPin && <TrackingCode registrationNumber={detail.registrationNumber} pin={detail.trackingPin} />}

      {detail.clock && (
        <CaseClock clock={detail.clock} stageName={(id, fallback) => stageOf(id) ?? fallback} lapseReport={`/permohonan/${detail.id}/lewat-waktu.pdf`} />
      )}

      {detail.certificate && (
        <>
          <h2>{t('applicant.case.certificate')}</h2>
          {detail.certificate.status === 'revoked' && (
            <p class="notice notice-warning" data-certificate-revoked>
              {t('applicant.case.certificateRevoked')}
            </p>
          )}
          <p class="button-row" data-certificate-number={detail.certificate.number}>
            <a class="button" href={`/permohonan/${detail.id}/sertifikat.pdf`} data-action="download-certificate">
              {t('applicant.case.download', { number: detail.certificate.number })}
            </a>
            {props.verificationHref && (
              <a href={props.verificationHref} data-action="verify-certificate">
                {t('applicant.case.verify')}
              </a>
            )}
          </p>
        </>
      )}

      {props.revision && (
        <section aria-labelledby="revision-title">
          <h2 id="revision-title">{t('applicant.revision.title')}</h2>
          <p>{t('applicant.revision.lead')}</p>
          {props.reviewerComments.map((c) => (
            <blockquote class="notice" data-reviewer-comment>
              <p>
                <strong>{t('applicant.revision.comment', { stage: c.stageName })}</strong>
              </p>
              <p>{c.comment}</p>
            </blockquote>
          ))}
          <ErrorSummary errors={props.revision.errors} labels={{ ...labels, comment: t('applicant.revision.yourComment') }} />
          <PostForm action={`/permohonan/${detail.id}/perbaikan`} multipart novalidate id="revision-form">
            <fieldset>
              <legend>
                <h3>{t('applicant.revision.form')}</h3>
              </legend>
              {type.fields.map((f) => (
                <PermitFieldInput field={f} value={props.revision!.fields[f.id] ?? ''} error={props.revision!.errors[`fields.${f.id}`]} />
              ))}
              <DocumentInputs type={type} uploaded={{}} errors={props.revision.errors} replaceOnly />
              <TextArea name="comment" label={t('applicant.revision.yourComment')} value={props.revision.comment} error={props.revision.errors.comment} maxLength={2000} rows={3} />
            </fieldset>
            <div class="button-row">
              <button type="submit" class="button" data-action="submit-revision">
                {t('applicant.revision.submit')}
              </button>
            </div>
          </PostForm>
        </section>
      )}

      <h2>{t('applicant.case.data')}</h2>
      <FieldValues type={type} values={detail.fields} />
      <h2>{t('applicant.case.documents')}</h2>
      <DocumentValues type={type} attached={Object.fromEntries(Object.keys(detail.documents).map((id) => [id, props.documentNames[id] ?? {}]))} />

      <h2>{t('applicant.case.history')}</h2>
      <Timeline
        entries={detail.timeline.map((e) => ({
          at: e.at,
          title: [t(`applicant.action.${e.action}`), stageOf(e.stageId)].filter(Boolean).join(' · '),
          detail: e.comment,
          action: e.action,
        }))}
        stageName={(stageId, recorded) => stageLabel(type, stageId, recorded, lang)}
      />

      {open && (
        <>
          <h2>{t('applicant.case.withdraw')}</h2>
          <p>{t('applicant.case.withdrawLead')}</p>
          <p>
            <a class="button button-danger" href={`/permohonan/${detail.id}/tarik`} data-action="withdraw">
              {t('applicant.case.withdraw')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

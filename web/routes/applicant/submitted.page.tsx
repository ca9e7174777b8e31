import type { TCaseType } from '../../../domain/case-type.schema';
import { TrackingCode } from '../../components/tracking-code';
import { usePage } from '../../page-context';

/** The answer after submitting: the receipt (registration number and tracking PIN), the expected finish, and where to follow the case. */
export function SubmittedPage(props: { type: TCaseType; caseId: string; registrationNumber: string; trackingPin: string | null; dueAt: string | null }) {
  const { t, lang, format } = usePage();
  return (
    <section>
      <div class="notice notice-success">
        <h1>{t('applicant.done.title')}</h1>
        <p>{props.type.name[lang]}</p>
      </div>
      {props.trackingPin ? (
        <TrackingCode registrationNumber={props.registrationNumber} pin={props.trackingPin} />
      ) : (
        <p>
          {t('applicant.tracking.number')}: <strong data-registration-number>{props.registrationNumber}</strong>
        </p>
      )}
      <p>{t('applicant.done.keep')}</p>
      {props.dueAt && <p>{t('applicant.done.finish', { date: format.date(props.dueAt) })}</p>}
      <p>
        <a class="button" href={`/permohonan/${props.caseId}`} data-action="follow">
          {t('applicant.done.follow')}
        </a>
      </p>
    </section>
  );
}

import type { TCaseType } from '../../../domain/case-type.schema';
import { usePage } from '../../page-context';

/** The answer after submitting: the registration number, the expected finish, and where to follow the case. */
export function SubmittedPage(props: { type: TCaseType; caseId: string; registrationNumber: string; dueAt: string | null }) {
  const { t, lang, format } = usePage();
  return (
    <section>
      <div class="notice notice-success">
        <h1>{t('applicant.done.title')}</h1>
        <p>{props.type.name[lang]}</p>
        <p>
          {t('applicant.done.number')}: <strong data-registration-number>{props.registrationNumber}</strong>
        </p>
      </div>
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

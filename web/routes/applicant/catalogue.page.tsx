import { workingDaysText } from '../../i18n/working-days';
import type { TCaseType } from '../../../domain/case-type.schema';
import { usePage } from '../../page-context';

/** `/izin`: every permit type with its description and service level, each leading to what it needs. */
export function CataloguePage(props: { types: TCaseType[] }) {
  const { t, lang } = usePage();
  return (
    <section>
      <h1>{t('applicant.catalogue.title')}</h1>
      <p class="lead">{t('applicant.catalogue.lead')}</p>
      {props.types.map((type) => (
        <article class="card" data-permit-type={type.id}>
          <h2 class="card-title">
            <a href={`/izin/${type.id}`} aria-label={t('applicant.catalogue.details', { type: type.name[lang] })}>
              {type.name[lang]}
            </a>
          </h2>
          {type.description && <p>{type.description[lang]}</p>}
          <p class="card-meta">{t('applicant.catalogue.serviceLevel', { days: workingDaysText(t, type.serviceLevelDays) })}</p>
        </article>
      ))}
    </section>
  );
}

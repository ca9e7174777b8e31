import { OPEN_DATA_PATH } from '../../../api/use-cases/open-data';
import { DATASETS } from '../../../domain/open-data';
import { usePage } from '../../page-context';

/** The open-data page: every dataset of the catalogue with what it holds and its JSON and CSV downloads. */
export function OpenDataPage(props: { office: string }) {
  const { t, lang } = usePage();
  return (
    <section>
      <h1>{t('openData.title')}</h1>
      <p class="lead">{t('openData.lead')}</p>
      <p>{t('openData.license', { office: props.office })}</p>
      <p>
        <a href={OPEN_DATA_PATH}>{t('openData.catalogue')}</a>
      </p>
      {DATASETS.map((d) => (
        <article class="card" data-dataset={d.id}>
          <h2>{d.title[lang]}</h2>
          <p>{d.description[lang]}</p>
          <p class="button-row">
            <a class="button button-secondary button-small" href={`${OPEN_DATA_PATH}/${d.id}`} data-action={`json-${d.id}`}>
              {t('openData.json')}
            </a>
            <a class="button button-secondary button-small" href={`${OPEN_DATA_PATH}/${d.id}.csv`} data-action={`csv-${d.id}`} download>
              {t('openData.csv')}
            </a>
          </p>
        </article>
      ))}
      <p>{t('openData.range')}</p>
    </section>
  );
}

import { entryPointsFor } from '../nav';
import { usePage } from '../page-context';

/**
 * The front page: what the service is and, as cards, every place this person can start from (the same list
 * as the navigation, each with a line saying what it is for), so nobody needs the README to find their way.
 */
export function HomePage() {
  const { t, user, officeName, path } = usePage();
  return (
    <section>
      <h1>{t('home.title', { office: officeName })}</h1>
      <p class="lead">{t('home.lead')}</p>
      {user ? (
        <p>{t('home.greeting', { name: user.name })}</p>
      ) : (
        <p>
          {t('home.signedOut')}{' '}
          <a href={`/masuk?kembali=${encodeURIComponent(path)}`}>{t('home.signInLink')}</a>
        </p>
      )}
      <h2 class="visually-hidden">{t('home.startHere')}</h2>
      <ul class="entry-points">
        {entryPointsFor(user, t).map((entry) => (
          <li class="card">
            <h3 class="card-title">
              <a href={entry.href}>{entry.label}</a>
            </h3>
            <p class="card-meta">{entry.purpose}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

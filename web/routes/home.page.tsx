import { usePage } from '../page-context';

/** The front page: what the service is, and for a signed-in person, where their work is. */
export function HomePage() {
  const { t, user, officeName } = usePage();
  return (
    <section>
      <h1>{t('home.title', { office: officeName })}</h1>
      <p class="lead">{t('home.lead')}</p>
      {user ? <p>{t('home.yourRoles', { roles: user.roles.join(', ') })}</p> : <p>{t('home.signedOut')}</p>}
    </section>
  );
}

import type { TDevUser } from '../../config/dev-users';
import { usePage } from '../page-context';
import { roleName } from '../role-name';
import { PostForm } from '../components/post-form';
import { Table } from '../components/table';

/**
 * Sign-in: through the regency's identity provider when one is configured (`oidc`), and the seeded development
 * users by role, one button each, only while development users are on. With neither, the page says that sign-in
 * is not configured.
 */
export function SignInPage(props: { devUsers: TDevUser[] | undefined; oidc: boolean; back: string; error?: string }) {
  const { t } = usePage();
  return (
    <section>
      <h1>{t('signIn.title')}</h1>
      {props.error && (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {props.oidc && (
        <>
          <p class="lead">{t('signIn.oidcLead')}</p>
          <p class="button-row">
            <a class="button" href={`/masuk/oidc?kembali=${encodeURIComponent(props.back)}`} data-action="sign-in-oidc">
              {t('signIn.oidc')}
            </a>
          </p>
        </>
      )}
      {props.devUsers ? (
        <>
          <p class={props.oidc ? undefined : 'lead'}>{t(props.oidc ? 'signIn.devAlso' : 'signIn.devLead')}</p>
          <Table
            caption={t('signIn.title')}
            captionHidden
            rows={[...props.devUsers].sort((a, b) => a.roles[0]!.localeCompare(b.roles[0]!) || a.name.localeCompare(b.name))}
            columns={[
              { header: t('signIn.role'), cell: (u) => u.roles.map((r) => roleName(r, t)).join(', ') },
              { header: t('signIn.user'), cell: (u) => u.name },
              {
                header: t('signIn.action'),
                cell: (u) => (
                  <PostForm action="/masuk" class="inline-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="kembali" value={props.back} />
                    <button type="submit" class="button button-small" data-user={u.id}>
                      {t('signIn.as', { name: u.name })}
                    </button>
                  </PostForm>
                ),
              },
            ]}
          />
        </>
      ) : (
        !props.oidc && <p>{t('signIn.unavailable')}</p>
      )}
    </section>
  );
}

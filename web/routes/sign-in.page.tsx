import type { TDevUser } from '../../config/dev-users';
import { usePage } from '../page-context';
import { roleName } from '../role-name';
import { PostForm } from '../components/post-form';
import { Table } from '../components/table';

/**
 * Development sign-in: the seeded users by role, one button each. Without development users, the page says
 * that sign-in through the regency's identity provider is not configured (it comes with the production issue).
 */
export function SignInPage(props: { devUsers: TDevUser[] | undefined; back: string; error?: string }) {
  const { t } = usePage();
  return (
    <section>
      <h1>{t('signIn.title')}</h1>
      {props.error && (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {props.devUsers ? (
        <>
          <p class="lead">{t('signIn.devLead')}</p>
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
        <p>{t('signIn.unavailable')}</p>
      )}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { usePage } from './page-context';
import { PostForm } from './components/post-form';

/** Where a role's work starts; pages of later areas add their links here. */
export interface TNavLink {
  href: string;
  label: string;
}

/** The one page frame: skip link, header with navigation and language switch, main content, footer. */
export function Layout(props: { title: string; nav: TNavLink[]; children: ComponentChildren }) {
  const { t, lang, user, path, officeName } = usePage();
  const other = lang === 'id' ? 'en' : 'id';
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              <span class="brand-name">{t('app.name')}</span>
              <span class="brand-office">{officeName}</span>
            </a>
            <nav aria-label={t('layout.nav')} class="site-nav">
              <ul>
                {props.nav.map((link) => (
                  <li>
                    <a href={link.href} aria-current={isCurrent(path, link.href) ? 'page' : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="header-tools">
              <a class="lang-switch" href={`/bahasa/${other}?kembali=${encodeURIComponent(path)}`} hreflang={other} lang={other} aria-label={t('layout.switchToLabel')}>
                {t('layout.switchTo')}
              </a>
              {user ? (
                <PostForm action="/keluar" class="inline-form">
                  <span class="signed-in">{t('layout.signedInAs', { name: user.name })}</span>{' '}
                  <button type="submit" class="button button-secondary button-small">
                    {t('nav.signOut')}
                  </button>
                </PostForm>
              ) : (
                <a class="button button-small" href={`/masuk?kembali=${encodeURIComponent(path)}`}>
                  {t('nav.signIn')}
                </a>
              )}
            </div>
          </div>
        </header>
        <main id="main" class="container" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

const isCurrent = (path: string, href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`));

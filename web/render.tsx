import type { Request, Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formatters } from './i18n/format';
import { isLang, LANG_COOKIE, translator } from './i18n/translate';
import { Layout } from './layout';
import { navFor } from './nav';
import { PageContext } from './page-context';
import type { TPageContext } from './page-context';
import { csrfTokenFor } from './session';

/** The context of the page being answered: language (the remembered switch, else Indonesian), user, form token. */
export function pageContext(req: Request, officeName: string): TPageContext {
  const cookieLang = req.cookies?.[LANG_COOKIE];
  const lang = isLang(cookieLang) ? cookieLang : 'id';
  return {
    lang,
    t: translator(lang),
    format: formatters(lang),
    user: req.session?.user ?? null,
    csrfToken: () => csrfTokenFor(req),
    path: req.originalUrl,
    officeName,
  };
}

/** Renders a page inside the layout and sends it; pages are personal, so never cached. */
export function sendPage(res: Response, page: TPageContext, title: string, body: VNode, status = 200): void {
  const html = renderToString(
    <PageContext.Provider value={page}>
      <Layout title={title} nav={navFor(page.user, page.t)}>
        {body}
      </Layout>
    </PageContext.Provider>,
  );
  res.status(status).setHeader('Cache-Control', 'no-store').type('html').send(`<!doctype html>${html}`);
}

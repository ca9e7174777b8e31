import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TActor } from '../domain/roles';
import type { TLang } from './i18n/define-messages';
import type { TFormatters } from './i18n/format';
import type { TTranslate } from './i18n/translate';

/** What every component of one page may read: the language, who is signed in, the form token, the path. */
export interface TPageContext {
  lang: TLang;
  t: TTranslate;
  format: TFormatters;
  /** Null when nobody is signed in. */
  user: (TActor & { name: string }) | null;
  /**
   * The synchroniser token every form posts back as `_csrf`; made on first use, so that a page without a form
   * (a QR scan) stores no session.
   */
  csrfToken: () => string;
  /** The request's path and query, to come back to after the language switch or sign-in. */
  path: string;
  /** The office's name for the header, from the office data. */
  officeName: string;
}

export const PageContext = createContext<TPageContext | null>(null);

export function usePage(): TPageContext {
  const page = useContext(PageContext);
  if (!page) throw new Error('a component was rendered outside a page');
  return page;
}

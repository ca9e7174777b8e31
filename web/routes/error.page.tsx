import { usePage } from '../page-context';
import type { TMessageKey } from '../i18n/messages';

export type TErrorPageKind = 'notFound' | 'forbidden' | 'conflict' | 'badRequest' | 'csrf' | 'tooMany' | 'unavailable' | 'server';

/** Titles and bodies per kind of error page; `title` is also the document title. */
export const ERROR_PAGE_TITLES: Record<TErrorPageKind, TMessageKey> = {
  notFound: 'error.notFound.title',
  forbidden: 'error.forbidden.title',
  conflict: 'error.conflict.title',
  badRequest: 'error.badRequest.title',
  csrf: 'error.csrf.title',
  tooMany: 'error.tooMany.title',
  unavailable: 'error.unavailable.title',
  server: 'error.server.title',
};
const BODIES: Record<TErrorPageKind, TMessageKey> = {
  notFound: 'error.notFound.body',
  forbidden: 'error.forbidden.body',
  conflict: 'error.conflict.body',
  badRequest: 'error.badRequest.body',
  csrf: 'error.csrf.body',
  tooMany: 'error.tooMany.body',
  unavailable: 'error.unavailable.body',
  server: 'error.server.body',
};

/** A plain explanation and a way home; never a stack trace. The reference ties a 5xx to its log line. */
export function ErrorPage(props: { kind: TErrorPageKind; reference?: string }) {
  const { t } = usePage();
  return (
    <section class="error-page">
      <h1>{t(ERROR_PAGE_TITLES[props.kind])}</h1>
      <p>{t(BODIES[props.kind])}</p>
      {props.reference && <p class="reference">{t('error.reference', { id: props.reference })}</p>}
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </section>
  );
}

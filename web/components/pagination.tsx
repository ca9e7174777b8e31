import { usePage } from '../page-context';

/** The query parameter of the list pages that carries the cursor (the API's nextCursor) of the page to show. */
export const CURSOR_PARAM = 'setelah';

/**
 * "Next" and "first page" links of a list paged by cursor: plain GET links that keep the page's other query
 * parameters (filters stay in the URL so that a view can be shared, and the browser's back button returns to
 * the page before). No page numbers: a cursor knows where the next page starts, not how many there are.
 */
export function Pagination(props: { nextCursor: string | null; query: Record<string, string | undefined>; basePath: string }) {
  const { t } = usePage();
  const later = props.query[CURSOR_PARAM] !== undefined && props.query[CURSOR_PARAM] !== '';
  if (!props.nextCursor && !later) return null;
  const href = (cursor: string | null) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(props.query)) if (value !== undefined && value !== '' && key !== CURSOR_PARAM) params.set(key, value);
    if (cursor) params.set(CURSOR_PARAM, cursor);
    const search = params.toString();
    return search ? `${props.basePath}?${search}` : props.basePath;
  };
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {later && (
        <a href={href(null)} rel="first">
          {t('pagination.first')}
        </a>
      )}
      {props.nextCursor && (
        <a href={href(props.nextCursor)} rel="next">
          {t('pagination.next')}
        </a>
      )}
    </nav>
  );
}

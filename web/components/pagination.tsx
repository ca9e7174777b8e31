import { usePage } from '../page-context';

/**
 * Previous/next links that keep the page's other query parameters (filters stay in the URL so that a view
 * can be shared). `page` is 1-based.
 */
export function Pagination(props: { page: number; pages: number; query: Record<string, string | undefined>; basePath: string }) {
  const { t } = usePage();
  if (props.pages <= 1) return null;
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(props.query)) if (value !== undefined && value !== '' && key !== 'halaman') params.set(key, value);
    params.set('halaman', String(page));
    return `${props.basePath}?${params.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {props.page > 1 && (
        <a href={href(props.page - 1)} rel="prev">
          {t('pagination.previous')}
        </a>
      )}
      <span>{t('pagination.page', { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages && (
        <a href={href(props.page + 1)} rel="next">
          {t('pagination.next')}
        </a>
      )}
    </nav>
  );
}

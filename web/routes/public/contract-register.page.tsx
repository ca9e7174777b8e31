import type { TContractRegisterRow } from '../../../api/use-cases/public';
import { verificationPath } from '../../../documents/render/verification-code';
import { CURSOR_PARAM, Pagination } from '../../components/pagination';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';
import { DocumentStatusTag } from './document-status';

export interface TRegisterView {
  query: string;
  /** The cursor this page starts after (absent on the first page), and the next page's. */
  cursor: string | undefined;
  nextCursor: string | null;
  items: TContractRegisterRow[];
}

/** The public contract register: a search over number, work and vendor (a GET form: no session), a page of rows, CSV. */
export function ContractRegisterPage(props: { view: TRegisterView }) {
  const { t, format } = usePage();
  const { view } = props;
  const csvHref = `/register-kontrak.csv${view.query ? `?${new URLSearchParams({ cari: view.query }).toString()}` : ''}`;
  return (
    <section>
      <h1>{t('public.register.title')}</h1>
      <p class="lead">{t('public.register.lead')}</p>
      <form method="get" action="/register-kontrak" class="search-form" role="search">
        <div class="field">
          <label for="f-cari" class="field-label">
            {t('public.register.search')}
          </label>
          <input id="f-cari" name="cari" type="search" value={view.query} maxLength={100} class="input" />
        </div>
        <button type="submit" class="button">
          {t('public.register.searchButton')}
        </button>
      </form>
      <p class="button-row">
        <a class="button button-secondary button-small" href={csvHref} download>
          {t('public.register.csv')}
        </a>
      </p>
      {view.items.length === 0 ? (
        <p class="empty">{t('public.register.none')}</p>
      ) : (
        <Table
          caption={t('public.register.caption')}
          rows={view.items}
          columns={[
            { header: t('public.register.number'), cell: (r) => <a href={verificationPath(r.number)}>{r.number}</a> },
            { header: t('public.register.work'), cell: (r) => r.title },
            { header: t('public.register.vendor'), cell: (r) => r.vendor },
            { header: t('public.register.value'), cell: (r) => (typeof r.value === 'number' ? format.money(r.value) : ''), numeric: true },
            {
              header: t('public.register.period'),
              cell: (r) => (r.startDate && r.endDate ? `${format.date(r.startDate)} – ${format.date(r.endDate)}` : ''),
            },
            { header: t('public.register.signedAt'), cell: (r) => format.date(r.signedAt) },
            { header: t('public.register.status'), cell: (r) => <DocumentStatusTag status={r.status} /> },
            { header: t('public.register.addenda'), cell: (r) => r.addenda.join(', ') },
          ]}
        />
      )}
      <Pagination nextCursor={view.nextCursor} query={{ cari: view.query, [CURSOR_PARAM]: view.cursor }} basePath="/register-kontrak" />
    </section>
  );
}

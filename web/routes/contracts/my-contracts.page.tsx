import { CLOSED_STATUSES } from '../../../domain/case';
import type { TContractType } from '../../../domain/contract-type.schema';
import type { TSlaState } from '../../../domain/sla-state';
import type { listContracts } from '../../../api/use-cases/contracts';
import { CURSOR_PARAM, Pagination } from '../../components/pagination';
import { SlaTag, StatusTag } from '../../components/status-tag';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';
import { stageLabel } from '../../stage-label';

type TContractRow = Awaited<ReturnType<typeof listContracts>>['items'][number];

/** `/kontrak`: the contracts I may read (a PPK: those it drafted or its unit's; a vendor: only its own), newest first. */
export function MyContractsPage(props: {
  rows: TContractRow[];
  types: ReadonlyMap<string, TContractType>;
  /** The cursor this page starts after (absent on the first page), and the next page's. */
  cursor: string | undefined;
  nextCursor: string | null;
  mayDraft: boolean;
  slaOf: (dueAt: string) => TSlaState;
}) {
  const { t, lang, format } = usePage();
  return (
    <section>
      <h1>{t('contracts.mine.title')}</h1>
      {props.mayDraft && (
        <p>
          <a class="button" href="/kontrak/baru" data-action="new-contract">
            {t('contracts.mine.new')}
          </a>
        </p>
      )}
      {props.rows.length === 0 ? (
        <p class="empty">{t('contracts.mine.none')}</p>
      ) : (
        <Table
          caption={t('contracts.mine.caption')}
          rows={props.rows}
          columns={[
            {
              header: t('contracts.col.number'),
              cell: (r) => (
                <a href={`/kontrak/${r.id}`} data-case={r.id}>
                  {r.registrationNumber}
                </a>
              ),
            },
            { header: t('contracts.col.title'), cell: (r) => String(r.title ?? '') },
            { header: t('contracts.col.vendor'), cell: (r) => String(r.vendor ?? '') },
            { header: t('contracts.col.value'), cell: (r) => (typeof r.value === 'number' ? format.money(r.value) : '—'), numeric: true },
            { header: t('contracts.col.status'), cell: (r) => <StatusTag status={r.status} kind="contract" /> },
            {
              header: t('contracts.col.stage'),
              cell: (r) => (r.stage && !CLOSED_STATUSES.includes(r.status) ? stageLabel(props.types.get(r.typeId), r.stage.id, r.stage.name, lang) : '—'),
            },
            {
              header: t('contracts.col.due'),
              cell: (r) =>
                r.stage?.dueAt && !CLOSED_STATUSES.includes(r.status) && r.status !== 'active' ? (
                  <>
                    <time dateTime={r.stage.dueAt}>{format.dateTime(r.stage.dueAt)}</time> <SlaTag state={props.slaOf(r.stage.dueAt)} />
                  </>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      <Pagination nextCursor={props.nextCursor} query={{ [CURSOR_PARAM]: props.cursor }} basePath="/kontrak" />
    </section>
  );
}

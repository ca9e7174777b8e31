import type { TCaseType } from '../../../domain/case-type.schema';
import { CLOSED_STATUSES } from '../../../domain/case';
import type { TCaseStatus } from '../../../domain/case';
import { stageLabel } from '../../stage-label';
import { CURSOR_PARAM, Pagination } from '../../components/pagination';
import { SlaTag, StatusTag } from '../../components/status-tag';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';
import type { TSlaState } from '../../../domain/sla-state';

export interface TApplicationRow {
  id: string;
  registrationNumber: string;
  typeId: string;
  status: TCaseStatus;
  stage: { id: string; name: string; dueAt: string | null } | null;
  submittedAt: string;
}

/** `/permohonan`: my applications, newest first: status, current stage and its due date. */
export function MyApplicationsPage(props: { rows: TApplicationRow[]; types: ReadonlyMap<string, TCaseType>; cursor: string | undefined; nextCursor: string | null; slaOf: (dueAt: string) => TSlaState }) {
  const { t, lang, format } = usePage();
  return (
    <section>
      <h1>{t('applicant.mine.title')}</h1>
      {props.rows.length === 0 ? (
        <>
          <p>{t('applicant.mine.none')}</p>
          <p>
            <a href="/izin">{t('applicant.mine.start')}</a>
          </p>
        </>
      ) : (
        <Table
          caption={t('applicant.mine.caption')}
          rows={props.rows}
          columns={[
            {
              header: t('applicant.col.number'),
              cell: (r) => (
                <a href={`/permohonan/${r.id}`} data-case={r.id}>
                  {r.registrationNumber}
                </a>
              ),
            },
            { header: t('applicant.col.type'), cell: (r) => props.types.get(r.typeId)?.name[lang] ?? r.typeId },
            { header: t('applicant.col.submitted'), cell: (r) => format.date(r.submittedAt) },
            { header: t('applicant.col.status'), cell: (r) => <StatusTag status={r.status} /> },
            { header: t('applicant.col.stage'), cell: (r) => (r.stage ? stageLabel(props.types.get(r.typeId), r.stage.id, r.stage.name, lang) : t('applicant.rule.none')) },
            {
              header: t('applicant.col.due'),
              cell: (r) =>
                r.stage?.dueAt && !CLOSED_STATUSES.includes(r.status) ? (
                  <>
                    <time dateTime={r.stage.dueAt}>{format.dateTime(r.stage.dueAt)}</time> <SlaTag state={props.slaOf(r.stage.dueAt)} />
                  </>
                ) : (
                  t('applicant.rule.none')
                ),
            },
          ]}
        />
      )}
      <Pagination nextCursor={props.nextCursor} query={{ [CURSOR_PARAM]: props.cursor }} basePath="/permohonan" />
    </section>
  );
}

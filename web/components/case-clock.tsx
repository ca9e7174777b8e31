import { workingDaysText } from '../i18n/working-days';
import type { TCaseClockReading, TClockReading } from '../../domain/engine/case-clock';
import type { TCaseLapse } from '../../domain/engine/case-lapse';
import { usePage } from '../page-context';
import { roleName } from '../role-name';
import { Table } from './table';

type TStageRow = TCaseClockReading['stages'][number];

/**
 * The legal clock of a case (issue 10 §2), for the applicant's case page and the reviewer's task page: each
 * stage's deadline with the working days used and left, the whole case's, and every stop of the clock.
 */
export function CaseClock(props: { clock: TCaseClockReading; stageName: (stageId: string, fallback: string) => string; lapseReport?: string }) {
  const { t, format } = usePage();
  const { clock } = props;
  const open = clock.pauses.find((p) => p.resumed === null);
  const due = (r: TClockReading & { closedAt?: string | null }) => (
    <>
      {r.dueAt ? <time dateTime={r.dueAt}>{format.dateTime(r.dueAt)}</time> : t('clock.heldDue')}
      {r.overdue && (
        <>
          {' '}
          <strong class="tag tag-sla-overdue">{t('clock.overdue')}</strong>
        </>
      )}
    </>
  );
  const wholeCase: TStageRow & { whole: true } = { ...clock.case, whole: true, stageId: '', stageName: t('clock.wholeCase'), policy: 'continue', openedAt: '', closedAt: null };
  return (
    <section aria-labelledby="clock-title" data-clock data-paused={clock.paused}>
      <h2 id="clock-title">{t('clock.title')}</h2>
      <p>{t('clock.lead')}</p>
      {clock.lapse && <CaseLapse lapse={clock.lapse} report={props.lapseReport} />}
      {open && (
        <p class="notice notice-warning" role="status" data-clock-paused>
          {t('clock.pausedNow', { at: format.dateTime(open.paused), reason: t(`clock.reason.${open.reason}`) })}
        </p>
      )}
      <Table<TStageRow & { whole?: true }>
        caption={t('clock.deadlines')}
        rows={[...clock.stages, wholeCase]}
        columns={[
          { header: t('clock.stage'), cell: (s) => (s.whole ? <strong>{s.stageName}</strong> : <span data-clock-stage={s.stageId}>{props.stageName(s.stageId, s.stageName)}</span>) },
          { header: t('clock.serviceLevel'), cell: (s) => workingDaysText(t, s.serviceLevelDays) },
          { header: t('clock.due'), cell: (s) => (s.closedAt ? <>{due(s)} ({t('clock.closed', { at: format.date(s.closedAt) })})</> : due(s)) },
          { header: t('clock.used'), cell: (s) => <span data-used={s.workingDaysUsed}>{s.workingDaysUsed}</span>, numeric: true },
          { header: t('clock.left'), cell: (s) => <span data-left={s.workingDaysLeft}>{s.workingDaysLeft}</span>, numeric: true },
          { header: t('clock.afterRevision'), cell: (s) => (s.whole ? '' : t(`clock.policy.${s.policy}`)) },
          { header: t('clock.notices'), cell: (s) => <span data-notified={(s.notified ?? []).join(' ')}>{(s.notified ?? []).map((k) => t(`clock.notice.${k}`)).join(', ')}</span> },
        ]}
      />
      {clock.pauses.length > 0 && (
        <Table
          caption={t('clock.pauses')}
          rows={clock.pauses}
          columns={[
            { header: t('clock.pausedAt'), cell: (p) => <time dateTime={p.paused}>{format.dateTime(p.paused)}</time> },
            { header: t('clock.resumedAt'), cell: (p) => (p.resumed ? <time dateTime={p.resumed}>{format.dateTime(p.resumed)}</time> : t('clock.stillPaused')) },
            { header: t('clock.reason'), cell: (p) => <span data-reason={p.reason}>{t(`clock.reason.${p.reason}`)}</span> },
            { header: t('clock.stage'), cell: (p) => (p.stageId ? props.stageName(p.stageId, p.stageId) : '') },
            { header: t('clock.by'), cell: (p) => roleName(p.by.role, t) },
          ]}
        />
      )}
    </section>
  );
}

/** The whole case's deadline lapsed undecided (deemed approval): when, the type's policy, the sealed report, the outcome. */
function CaseLapse(props: { lapse: TCaseLapse; report?: string }) {
  const { t, format } = usePage();
  const { lapse } = props;
  return (
    <div class="notice notice-warning" role="status" data-lapse data-policy={lapse.policy} data-deemed={lapse.deemedApproved}>
      <p>
        <strong>{t('clock.lapse.title')}</strong>{' '}
        {lapse.deemedApproved && <strong class="tag tag-deemed" data-deemed-badge>{t('clock.lapse.deemed')}</strong>}
      </p>
      <p>{t('clock.lapse.lead', { at: format.dateTime(lapse.at) })}</p>
      <p>{t(lapse.deemedApproved ? 'clock.lapse.deemedLead' : `clock.lapse.policy.${lapse.policy}`)}</p>
      {props.report && (
        <p>
          <a href={props.report} data-action="lapse-report">
            {t('clock.lapse.report')}
          </a>
        </p>
      )}
    </div>
  );
}


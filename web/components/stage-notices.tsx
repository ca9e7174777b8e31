import type { TNoticeBadge, TNoticeView } from '../../api/use-cases/notices';
import type { TOpenEscalation } from '../../store/stage-notices';
import { usePage } from '../page-context';
import { roleName } from '../role-name';
import { Table } from './table';

/** A notice as the inbox shows it: the API's view and its case type's name in the page's language. */
export type TNoticeItem = TNoticeView & { typeName: string };

/**
 * The inbox's "Pemberitahuan" (issue 10 §2): the reminders and escalations addressed to my roles, newest first, each
 * linking to the task; escalations stand out (a red tag and a border, never colour alone: the tag says it).
 */
export function NoticeList(props: { items: TNoticeItem[]; days: number; olderHref: string | null; newestHref: string | null }) {
  const { t, format } = usePage();
  return (
    <section class="notices-section" aria-labelledby="notices-title" data-testid="notices">
      <h2 id="notices-title">{t('notices.title')}</h2>
      <p class="field-hint">{t('notices.lead', { days: props.days })}</p>
      {props.items.length === 0 ? (
        <p class="empty">{t('notices.empty')}</p>
      ) : (
        <ul class="stage-notices" aria-labelledby="notices-title">
          {props.items.map((n) => (
            <li class={n.kind === 'escalation' ? 'stage-notice stage-notice-escalation' : 'stage-notice'} data-notice-kind={n.kind} data-case-id={n.caseId}>
              <strong class={`tag ${n.kind === 'escalation' ? 'tag-sla-overdue' : 'tag-sla-dueSoon'}`}>{t(`notices.kind.${n.kind}`)}</strong>{' '}
              <a href={n.link}>{n.registrationNumber}</a> · {t('notices.item', { stage: n.stageName, type: n.typeName })}
              <p class="card-meta">
                {t('notices.at', { at: format.dateTime(n.at) })} · {n.dueAt ? t('notices.due', { due: format.dateTime(n.dueAt) }) : t('notices.dueNone')} · {t('notices.role', { role: roleName(n.role, t) })}
                {!n.stageOpen && <> · {t('notices.stageDone')}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      {(props.olderHref || props.newestHref) && (
        <p class="button-row">
          {props.newestHref && <a href={props.newestHref}>{t('notices.newest')}</a>}
          {props.olderHref && <a href={props.olderHref}>{t('notices.older')}</a>}
        </p>
      )}
    </section>
  );
}

export function NoticeBadge(props: { badge: TNoticeBadge | null }) {
  const { t } = usePage();
  if (!props.badge) return null;
  return <strong class={`tag ${props.badge === 'escalated' ? 'tag-sla-overdue' : 'tag-sla-dueSoon'}`} data-notice-badge={props.badge}>{t(`notices.badge.${props.badge}`)}</strong>;
}

/** An open escalation as the dashboard lists it, with its case type's name in the page's language. */
export type TEscalationItem = TOpenEscalation & { typeName: string };

/** The dashboard's open escalations: the count and the longest overdue, each linking to its task. */
export function OpenEscalations(props: { items: TEscalationItem[]; total: number }) {
  const { t, format } = usePage();
  return (
    <section aria-labelledby="escalations-title" data-testid="open-escalations">
      <h2 id="escalations-title">{t('notices.escalations.title')}</h2>
      <p class="field-hint">{t('notices.escalations.lead')}</p>
      <p data-figure="escalations">{t('notices.escalations.count', { n: format.number(props.total) })}</p>
      {props.items.length === 0 ? (
        <p class="empty">{t('notices.escalations.empty')}</p>
      ) : (
        <Table
          caption={t('notices.escalations.title')}
          captionHidden
          rows={props.items}
          columns={[
            { header: t('notices.col.number'), cell: (e) => (e.taskId ? <a href={`/tugas/${e.taskId}`} aria-label={t('notices.openTask', { number: e.registrationNumber })}>{e.registrationNumber}</a> : e.registrationNumber) },
            { header: t('notices.col.type'), cell: (e) => e.typeName },
            { header: t('notices.col.stage'), cell: (e) => e.stageName },
            { header: t('notices.col.since'), cell: (e) => format.dateTime(e.at) },
          ]}
        />
      )}
      {props.total > props.items.length && <p>{t('notices.escalations.more', { shown: format.number(props.items.length), n: format.number(props.total) })}</p>}
    </section>
  );
}

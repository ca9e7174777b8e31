import type { ComponentChildren } from 'preact';
import type { TTask } from '../../../domain/case';
import type { TSlaState } from '../../../domain/sla-state';
import { CURSOR_PARAM, Pagination } from '../../components/pagination';
import { PostForm } from '../../components/post-form';
import { SelectField, TextField } from '../../components/field';
import { NoticeBadge, NoticeList } from '../../components/stage-notices';
import type { TNoticeItem } from '../../components/stage-notices';
import { TaskCard } from '../../components/task-card';
import type { TNoticeBadge } from '../../../api/use-cases/notices';
import { usePage } from '../../page-context';

export interface TInboxItem {
  task: Omit<TTask, 'version'> & { registrationNumber?: string };
  typeName: string;
  stageName: string;
  sla: TSlaState;
  /** Claimable: open and nobody holds it. Releasable: I hold it. */
  claimedBy: 'me' | 'other' | null;
  /** Its stage was escalated, or a reminder went to its role. */
  notice: TNoticeBadge | null;
}

export interface TInboxFilters {
  /** A registration number or a part of it. */
  q?: string;
  jenis?: string;
  tahap?: string;
  terlambat?: string;
}

/** The inbox: filters in the URL (a GET form), the tasks as cards earliest due first, pagination. */
export function InboxPage(props: {
  items: TInboxItem[];
  /** The cursor this page starts after (absent on the first page), and the next page's. */
  cursor: string | undefined;
  nextCursor: string | null;
  filters: TInboxFilters;
  typeOptions: { value: string; label: string }[];
  stageOptions: { value: string; label: string }[];
  hasRoles: boolean;
  notices: { items: TNoticeItem[]; days: number; olderHref: string | null; newestHref: string | null };
  /** "Tandatangani sekaligus" when the signer has open sign tasks (web/routes/tasks/sign-batch.page.tsx). */
  signBatch?: ComponentChildren;
}) {
  const { t } = usePage();
  const { filters } = props;
  return (
    <section>
      <h1>{t('tasks.inbox.title')}</h1>
      <p class="lead">{t('tasks.inbox.lead')}</p>
      {!props.hasRoles ? (
        <p>{t('tasks.inbox.noRoles')}</p>
      ) : (
        <>
          <NoticeList {...props.notices} />
          {props.signBatch}
          <form method="get" action="/tugas" class="filters" aria-labelledby="filters-title">
            <fieldset>
              <legend id="filters-title">{t('tasks.inbox.filters')}</legend>
              <TextField name="q" type="text" label={t('tasks.inbox.number')} hint={t('tasks.inbox.numberHint')} value={filters.q ?? ''} maxLength={60} autocomplete="off" />
              <SelectField name="jenis" label={t('tasks.inbox.type')} value={filters.jenis ?? ''} placeholder={t('tasks.inbox.any')} options={props.typeOptions} />
              <SelectField name="tahap" label={t('tasks.inbox.stage')} value={filters.tahap ?? ''} placeholder={t('tasks.inbox.any')} options={props.stageOptions} />
              <div class="field checkbox">
                <input type="checkbox" id="f-terlambat" name="terlambat" value="1" checked={filters.terlambat === '1'} />
                <label for="f-terlambat">{t('tasks.inbox.overdueOnly')}</label>
              </div>
              <div class="button-row">
                <button type="submit" class="button">
                  {t('tasks.inbox.apply')}
                </button>
                <a href="/tugas">{t('tasks.inbox.reset')}</a>
              </div>
            </fieldset>
          </form>
          <h2 id="task-list-title">{t('tasks.inbox.list')}</h2>
          <p class="field-hint">{t('tasks.inbox.slaHelp')}</p>
          {props.items.length === 0 ? (
            <p class="empty">{t('tasks.inbox.empty')}</p>
          ) : (
            <ul class="task-list" aria-labelledby="task-list-title">
              {props.items.map((item) => (
                <li data-task-id={item.task.id}>
                  <TaskCard
                    href={`/tugas/${item.task.id}`}
                    title={t('tasks.card.title', { kind: t(`tasks.kind.${item.task.kind}`), type: item.typeName })}
                    registrationNumber={item.task.registrationNumber ?? item.task.caseId}
                    dueAt={item.task.dueAt}
                    sla={item.sla}
                  >
                    <p class="card-meta">
                      {t('tasks.card.stage', { stage: item.stageName })} ·{' '}
                      {item.claimedBy === 'me' ? t('tasks.card.claimedByMe') : item.claimedBy === 'other' ? t('tasks.card.claimedByOther') : t('tasks.card.unclaimed')} <NoticeBadge badge={item.notice} />
                    </p>
                    <ClaimButtons item={item} back={`/tugas/${item.task.id}`} />
                  </TaskCard>
                </li>
              ))}
            </ul>
          )}
          <Pagination nextCursor={props.nextCursor} basePath="/tugas" query={{ ...filters, [CURSOR_PARAM]: props.cursor }} />
        </>
      )}
    </section>
  );
}

/** Claim an unclaimed task, release one I hold: one small form each, labelled with the case's number. */
export function ClaimButtons(props: { item: Pick<TInboxItem, 'task' | 'claimedBy'>; back: string }) {
  const { t } = usePage();
  const { task, claimedBy } = props.item;
  const number = task.registrationNumber ?? task.caseId;
  if (claimedBy === 'other') return null;
  const action = claimedBy === 'me' ? 'lepas' : 'ambil';
  return (
    <PostForm action={`/tugas/${task.id}/${action}`} class="inline-form">
      <input type="hidden" name="kembali" value={props.back} />
      <button type="submit" class={claimedBy === 'me' ? 'button button-secondary button-small' : 'button button-small'} aria-label={t(claimedBy === 'me' ? 'tasks.releaseLabel' : 'tasks.claimLabel', { number })} data-action={action}>
        {t(claimedBy === 'me' ? 'tasks.release' : 'tasks.claim')}
      </button>
    </PostForm>
  );
}

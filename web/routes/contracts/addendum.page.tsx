import { CLOSED_STATUSES, OPEN_TASK_STATUSES } from '../../../domain/case';
import type { TTask } from '../../../domain/case';
import { addendumCap } from '../../../domain/kinds/addendum/addendum.change';
import type { TAddendumDetail } from '../../../api/use-cases/addenda';
import { StatusTag } from '../../components/status-tag';
import { byRoleEntries, Timeline } from '../../components/timeline';
import { usePage } from '../../page-context';
import { roleName } from '../../role-name';
import { AddendumChanges, CapResult } from './addendum-parts';

export interface TAddendumPageProps {
  detail: TAddendumDetail;
  /** The page's link to an addendum: `/kontrak/:id/adendum/:addendumId`. */
  href: string;
  stageName: (stageId: string | null, fallback: string | null) => string;
  exceptionStage: string;
  /** The reader holds the role of a task (shown as a link to the task page). */
  mayAct: (task: TTask) => boolean;
  /** The reader is the contract's PPK and the addendum is not approved yet: it may be withdrawn. */
  mayWithdraw: boolean;
  notice?: 'submitted' | 'withdrawn';
}

/**
 * `/kontrak/:id/adendum/:addendumId`: status and stage, the signed PDF once issued, the tasks under way (each a
 * link to its task page), the reason (and the exception's), the 10% figures, semula → menjadi and the timeline.
 */
export function AddendumPage(props: TAddendumPageProps) {
  const { t, format } = usePage();
  const { detail } = props;
  const { row } = detail;
  const exceptionReason = typeof row.fields.exceptionReason === 'string' && row.fields.exceptionReason ? row.fields.exceptionReason : null;
  const openTasks = detail.tasks.filter((task) => OPEN_TASK_STATUSES.includes(task.status));
  const cap = addendumCap(detail.original, detail.base, detail.next.value);
  return (
    <section>
      {detail.contractVisible && (
        <p>
          <a href={`/kontrak/${detail.contract.caseId}`}>{t('addenda.backToContract')}</a>
        </p>
      )}
      <h1>{t('addenda.page.title', { n: row.facts.sequence, title: detail.next.title })}</h1>
      {props.notice === 'submitted' && (
        <div class="notice notice-success" role="status" data-notice="submitted">
          <p>{t('addenda.page.submitted')}</p>
        </div>
      )}
      {props.notice === 'withdrawn' && (
        <div class="notice notice-success" role="status" data-notice="withdrawn">
          <p>{t('addenda.page.withdrawn')}</p>
        </div>
      )}
      <dl class="summary-list">
        <dt>{t('addenda.page.number')}</dt>
        <dd data-addendum-number>{detail.issued?.number ?? t('addenda.page.notYet')}</dd>
        <dt>{t('addenda.page.contract')}</dt>
        <dd>{detail.contractNumber ?? detail.contract.registrationNumber}</dd>
        <dt>{t('addenda.page.registration')}</dt>
        <dd data-registration-number>{row.registrationNumber}</dd>
        <dt>{t('addenda.page.status')}</dt>
        <dd data-addendum-status={row.status}>
          <StatusTag status={row.status} kind="addendum" />
        </dd>
        {row.stageId && (
          <>
            <dt>{t('addenda.page.stage')}</dt>
            <dd data-addendum-stage={row.stageId}>{props.stageName(row.stageId, row.stageName)}</dd>
          </>
        )}
        <dt>{t('addenda.page.path')}</dt>
        <dd data-addendum-path={exceptionReason ? 'exception' : 'normal'}>{exceptionReason ? t('addenda.page.pathException') : t('addenda.page.pathNormal')}</dd>
        <dt>{t('addenda.page.submittedAt')}</dt>
        <dd>
          <time dateTime={row.submittedAt}>{format.dateTime(row.submittedAt)}</time>
        </dd>
      </dl>

      <h2>{t('addenda.page.document')}</h2>
      {detail.issued ? (
        <p class="button-row">
          <a class="button" href={`${props.href}/dokumen.pdf`} data-action="download-addendum">
            {t('addenda.page.download')}
          </a>
          <a href={`/v/${detail.issued.number.split('/').map(encodeURIComponent).join('/')}`}>{t('addenda.page.verify', { number: detail.issued.number })}</a>
        </p>
      ) : (
        <>
          <p>{t('addenda.page.noDocument')}</p>
          {!CLOSED_STATUSES.includes(row.status) && (
            <p>
              <a href={`${props.href}/dokumen.pdf`} data-action="download-draft">
                {t('addenda.page.draft')}
              </a>
            </p>
          )}
        </>
      )}

      <h2>{t('addenda.page.tasks')}</h2>
      {openTasks.length === 0 ? (
        <p class="empty">{t('addenda.page.noTasks')}</p>
      ) : (
        <ul class="task-list">
          {openTasks.map((task) => (
            <li data-task-id={task.id}>
              {props.mayAct(task) ? <a href={`/tugas/${task.id}`}>{t('addenda.page.openTask', { kind: t(`tasks.kind.${task.kind}`) })}</a> : <strong>{t(`tasks.kind.${task.kind}`)}</strong>}
              <p class="field-hint">{t('addenda.page.taskLine', { stage: props.stageName(task.stageId, task.stageName), role: roleName(task.role, t), due: format.dateTime(task.dueAt) })}</p>
            </li>
          ))}
        </ul>
      )}

      {props.mayWithdraw && (
        <>
          <h2>{t('addenda.page.withdraw')}</h2>
          <p>{t('addenda.page.withdrawLead')}</p>
          <p>
            <a class="button button-danger" href={`${props.href}/tarik`} data-action="withdraw-addendum">
              {t('addenda.page.withdraw')}
            </a>
          </p>
        </>
      )}

      <h2>{t('addenda.review.justification')}</h2>
      <p class="pre-line">{String(row.fields.justification ?? '')}</p>
      {exceptionReason && (
        <>
          <h2>{t('addenda.review.exceptionReason')}</h2>
          <p class="pre-line" data-exception-reason>
            {exceptionReason}
          </p>
        </>
      )}

      <h2>{t('addenda.review.changes')}</h2>
      <AddendumChanges base={detail.base} next={detail.next} />

      <CapResult cap={cap} original={detail.original} next={detail.next} exceptionStage={props.exceptionStage} />

      <h2>{t('addenda.page.history')}</h2>
      <Timeline entries={byRoleEntries(detail.events, 'addendum', t)} stageName={props.stageName} />
    </section>
  );
}

/** An addendum just proposed whose case is not registered yet: a moment's wait, said plainly (not a 404). */
export function AddendumPendingPage(props: { contractId: string; href: string }) {
  const { t } = usePage();
  return (
    <section>
      <p>
        <a href={`/kontrak/${props.contractId}`}>{t('addenda.backToContract')}</a>
      </p>
      <h1>{t('addenda.pending.title')}</h1>
      <div class="notice" role="status" data-addendum-pending>
        <p>{t('addenda.pending.body')}</p>
        <p>
          <a href={props.href}>{t('addenda.pending.reload')}</a>
        </p>
      </div>
    </section>
  );
}

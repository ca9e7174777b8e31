import { CLOSED_STATUSES } from '../../../domain/case';
import type { TContractType } from '../../../domain/contract-type.schema';
import type { TSlaState } from '../../../domain/sla-state';
import type { TContractDetail } from '../../../api/use-cases/contracts';
import { caseActionLabel } from '../../case-wording';
import { CaseClock } from '../../components/case-clock';
import { SlaTag, StatusTag } from '../../components/status-tag';
import { Table } from '../../components/table';
import { Timeline } from '../../components/timeline';
import { roleName } from '../../role-name';
import type { TMessageKey } from '../../i18n/messages';
import { usePage } from '../../page-context';
import { stageLabel } from '../../stage-label';
import { ChangesTable, entryNames, Parties, TermsView } from './terms-view';

export type TContractNotice = 'drafted' | 'proposed' | 'withdrawn' | 'terminationRequested' | 'terminationUnavailable';
const NOTICES: Record<TContractNotice, TMessageKey> = {
  drafted: 'contracts.notice.drafted',
  proposed: 'contracts.notice.proposed',
  withdrawn: 'contracts.notice.withdrawn',
  terminationRequested: 'contracts.notice.terminationRequested',
  terminationUnavailable: 'contracts.notice.terminationUnavailable',
};
/** Notices that explain why something was not done rather than confirm it. */
const EXPLANATIONS: ReadonlySet<TContractNotice> = new Set(['terminationUnavailable']);

/** What the viewer may do on the case page itself (the rest happens on the task pages). */
export interface TContractActions {
  /** A new version of the terms: the vendor proposes, the PPK counters or revises after legal review. */
  propose: 'propose' | 'counter' | 'revise' | null;
  withdraw: boolean;
  /** The contract's PPK, on an active contract with no termination under review: the termination request. */
  terminate: boolean;
  terminationNotice: boolean;
  /** The contract's PPK, on an active contract: the addendum form (web/routes/addenda.route.tsx). */
  addendum: boolean;
}

/**
 * `/kontrak/:id`: status, stage and due date, the viewer's open tasks, the parties, the terms in force, every
 * version with its "semula → menjadi" table, the addenda, the timeline and the PDFs.
 */
export function ContractPage(props: {
  detail: TContractDetail;
  type: TContractType | undefined;
  /** The viewer's own open tasks on this contract (links to the task pages). */
  myTasks: TContractDetail['openTasks'];
  actions: TContractActions;
  notice: TContractNotice | null;
  slaOf: (dueAt: string) => TSlaState;
}) {
  const { t, lang, format } = usePage();
  const { detail, type, actions } = props;
  const open = !CLOSED_STATUSES.includes(detail.status) && detail.status !== 'active';
  const terms = detail.currentTerms;
  const names = entryNames(terms, detail.originalTerms);
  const signed = detail.number !== null;
  const partyOf = (role: string) => (role.startsWith('vendor:') ? t('contracts.party.vendor') : role.startsWith('ppk:') ? t('contracts.party.ppk') : roleName(role, t));
  return (
    <section>
      <p>
        <a href="/kontrak">{t('contracts.case.back')}</a>
      </p>
      <h1>{terms.title}</h1>
      <p class="lead">
        <span data-registration-number={detail.registrationNumber}>{t('contracts.case.registration', { number: detail.registrationNumber })}</span>
        {detail.number && (
          <>
            {' · '}
            <span data-contract-number>{t('contracts.case.number', { number: detail.number })}</span>
          </>
        )}
      </p>
      {props.notice && (
        <p class={EXPLANATIONS.has(props.notice) ? 'notice' : 'notice notice-success'} role="status" data-notice={props.notice}>
          {t(NOTICES[props.notice])}
        </p>
      )}
      <dl class="summary-list">
        <dt>{t('contracts.case.type')}</dt>
        <dd>{type?.name[lang] ?? detail.typeId}</dd>
        <dt>{t('contracts.case.status')}</dt>
        <dd data-status={detail.status}>
          <StatusTag status={detail.status} kind="contract" />
          {detail.flags.includes('guarantee_overdue') && (
            <>
              {' '}
              <strong class="tag tag-rejected" data-flag="guarantee_overdue">
                {t('contracts.case.guaranteeOverdue')}
              </strong>
            </>
          )}
        </dd>
        {open && detail.stage && (
          <>
            <dt>{t('contracts.case.stage')}</dt>
            <dd data-stage={detail.stage.id}>{stageLabel(type, detail.stage.id, detail.stage.name, lang)}</dd>
          </>
        )}
        {open && detail.stage?.dueAt && (
          <>
            <dt>{t('contracts.case.stageDue')}</dt>
            <dd>
              <time dateTime={detail.stage.dueAt}>{format.dateTime(detail.stage.dueAt)}</time> <SlaTag state={props.slaOf(detail.stage.dueAt)} />
            </dd>
          </>
        )}
        {open && detail.dueAt && (
          <>
            <dt>{t('contracts.case.caseDue')}</dt>
            <dd>{format.date(detail.dueAt)}</dd>
          </>
        )}
        <dt>{t('contracts.case.submitted')}</dt>
        <dd>{format.dateTime(detail.submittedAt)}</dd>
        {detail.closedAt && (
          <>
            <dt>{t('contracts.case.closed')}</dt>
            <dd>{format.dateTime(detail.closedAt)}</dd>
          </>
        )}
      </dl>

      {detail.clock && <CaseClock clock={detail.clock} stageName={(id, fallback) => stageLabel(type, id, fallback, lang)} />}

      <section aria-labelledby="my-tasks-title" class="card" data-my-tasks>
        <h2 id="my-tasks-title">{t('contracts.case.myTasks')}</h2>
        {props.myTasks.length === 0 ? (
          <p class="empty">{t('contracts.case.noTasks')}</p>
        ) : (
          <ul>
            {props.myTasks.map((task) => (
              <li data-task-kind={task.kind}>
                <a href={`/tugas/${task.id}`} data-task-id={task.id}>
                  {t(`tasks.kind.${task.kind}`)}
                </a>{' '}
                · <time dateTime={task.dueAt}>{format.dateTime(task.dueAt)}</time> <SlaTag state={props.slaOf(task.dueAt)} />
              </li>
            ))}
          </ul>
        )}
        {actions.propose && (
          <p>
            <a class="button" href={`/kontrak/${detail.id}/usulan`} data-action="propose">
              {t(actions.propose === 'propose' ? 'contracts.case.propose' : actions.propose === 'counter' ? 'contracts.case.counter' : 'contracts.case.revise')}
            </a>
          </p>
        )}
      </section>

      <h2>{t('contracts.case.documents')}</h2>
      <p class="button-row">
        {signed ? (
          <a class="button" href={`/kontrak/${detail.id}/kontrak.pdf`} data-action="download-contract">
            {t('contracts.case.downloadSigned', { number: detail.number! })}
          </a>
        ) : (
          <a class="button button-secondary" href={`/kontrak/${detail.id}/kontrak.pdf`} data-action="download-draft">
            {t('contracts.case.downloadDraft')}
          </a>
        )}
        {actions.terminationNotice && (
          <a class="button button-secondary" href={`/kontrak/${detail.id}/pemutusan.pdf`} data-action="download-termination">
            {t('contracts.case.downloadTermination')}
          </a>
        )}
        {signed && <a href={`/v/${encodeURIComponent(detail.number!)}`}>{t('contracts.case.verify')}</a>}
      </p>
      {detail.signatures.length > 0 && (
        <Table
          caption={t('contracts.case.signatures')}
          rows={detail.signatures}
          columns={[
            { header: t('contracts.col.party'), cell: (s) => (s.step === 'vendor' ? t('contracts.party.vendor') : t('contracts.party.ppk')) },
            { header: t('contracts.col.signer'), cell: (s) => s.signer },
            { header: t('contracts.col.signedAt'), cell: (s) => <time dateTime={s.signedAt}>{format.dateTime(s.signedAt)}</time> },
          ]}
        />
      )}

      <h2>{t('contracts.case.parties')}</h2>
      <Parties terms={terms} />

      <h2>{t(detail.agreedVersion ? 'contracts.case.termsInForce' : 'contracts.case.termsOnTable')}</h2>
      <TermsView terms={terms} />

      <section aria-labelledby="versions-title" data-versions>
        <h2 id="versions-title">{t('contracts.case.versions')}</h2>
        <ol class="versions">
          {detail.versions.map((v) => (
            <li data-version={v.version}>
              <h3>
                {t('contracts.case.version', { version: v.version, party: partyOf(v.authorRole), date: format.dateTime(v.createdAt) })}
                {detail.agreedVersion === v.version && (
                  <>
                    {' '}
                    <strong class="tag tag-issued">{t('contracts.case.agreed')}</strong>
                  </>
                )}
              </h3>
              {v.version === 1 ? (
                <p>{t('contracts.case.firstVersion')}</p>
              ) : v.changes.length === 0 ? (
                <p>{t('contracts.case.noChanges')}</p>
              ) : (
                <ChangesTable changes={v.changes} names={names} caption={t('contracts.case.changesOf', { version: v.version })} />
              )}
            </li>
          ))}
        </ol>
      </section>

      {/* The addenda of this contract; the addendum pages (/kontrak/:id/adendum…) add their actions here. */}
      <section aria-labelledby="addenda-title" id="adendum" data-addenda>
        <h2 id="addenda-title">{t('contracts.case.addenda')}</h2>
        <Table
          caption={t('contracts.case.addenda')}
          captionHidden
          rows={detail.addenda}
          columns={[
            { header: t('contracts.col.sequence'), cell: (a) => String(a.sequence) },
            {
              header: t('contracts.col.number'),
              cell: (a) => (
                <a href={`/kontrak/${detail.id}/adendum/${a.id}`} data-addendum={a.id}>
                  {a.registrationNumber}
                </a>
              ),
            },
            { header: t('contracts.col.status'), cell: (a) => <StatusTag status={a.status} kind="addendum" /> },
            { header: t('contracts.col.submitted'), cell: (a) => format.date(a.submittedAt) },
          ]}
        />
        {actions.addendum && (
          <>
            <p class="field-hint">{t('addenda.newHint')}</p>
            <p>
              <a class="button" href={`/kontrak/${detail.id}/adendum/baru`} data-action="new-addendum">
                {t('addenda.new')}
              </a>
            </p>
          </>
        )}
      </section>

      <h2>{t('contracts.case.history')}</h2>
      <Timeline
        entries={detail.timeline.map((e) => ({
          at: e.at,
          title: [caseActionLabel(e.action, 'contract', t), stageLabel(type, e.stageId, null, lang)].filter(Boolean).join(' · '),
          detail: e.comment,
          action: e.action,
        }))}
        stageName={(stageId, recorded) => stageLabel(type, stageId, recorded, lang)}
      />

      {actions.terminate && (
        <section aria-labelledby="terminate-title" data-termination>
          <h2 id="terminate-title">{t('contracts.case.terminate')}</h2>
          <p>{t('contracts.case.terminateLead')}</p>
          <p>
            <a class="button button-danger" href={`/kontrak/${detail.id}/pemutusan`} data-action="terminate">
              {t('contracts.case.terminateAction')}
            </a>
          </p>
        </section>
      )}

      {actions.withdraw && (
        <>
          <h2>{t('contracts.case.withdraw')}</h2>
          <p>{t('contracts.case.withdrawLead')}</p>
          <p>
            <a class="button button-danger" href={`/kontrak/${detail.id}/tarik`} data-action="withdraw">
              {t('contracts.case.withdraw')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

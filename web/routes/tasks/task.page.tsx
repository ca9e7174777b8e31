import type { TTask } from '../../../domain/case';
import type { TSlaState } from '../../../domain/sla-state';
import { outcomesFor } from '../../../domain/outcome';
import type { TTaskDetail } from '../../../api/use-cases/tasks';
import { verificationPath } from '../../../documents/render/verification-code';
import { CaseClock } from '../../components/case-clock';
import { ErrorSummary } from '../../components/error-summary';
import { TextArea, TextField } from '../../components/field';
import { fieldId } from '../../components/form-errors';
import { fieldValueText } from '../../components/field-value';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { SlaTag, StatusTag } from '../../components/status-tag';
import { Table } from '../../components/table';
import { RegistrationNumber } from '../../components/task-card';
import { byRoleEntries, Timeline } from '../../components/timeline';
import { drafterWording } from '../../case-wording';
import { usePage } from '../../page-context';
import { roleName } from '../../role-name';
import { ClaimButtons } from './inbox.page';

/** A short notice after an action (post/redirect/get) or instead of a refused one. */
export type TTaskNotice = 'claimed' | 'released' | 'decided' | 'signed' | 'conflict';

export interface TTaskPageProps {
  detail: TTaskDetail;
  typeName: string;
  stageName: (task: Pick<TTask, 'stageId' | 'stageName'>) => string;
  sla: TSlaState;
  notice?: TTaskNotice;
  /** The decision form as sent, with its field errors. */
  decision?: { outcome?: string; comment?: string; errors?: TFormErrors };
  /** The signing form's errors (the passphrase itself is never sent back). */
  signErrors?: TFormErrors;
}

const NOTICES: Record<TTaskNotice, 'tasks.page.claimed' | 'tasks.page.released' | 'tasks.page.decided' | 'tasks.sign.done' | 'tasks.page.conflict'> = {
  claimed: 'tasks.page.claimed',
  released: 'tasks.page.released',
  decided: 'tasks.page.decided',
  signed: 'tasks.sign.done',
  conflict: 'tasks.page.conflict',
};

/** The task page: the case, its documents previewed inline, earlier decisions, and the decision or signing form. */
export function TaskPage(props: TTaskPageProps) {
  const { t, format, lang } = usePage();
  const { detail } = props;
  const { task, row, type } = detail;
  const contractTask = task.kind === 'vendor_review' || task.kind === 'ppk_review' || task.kind === 'guarantee';
  return (
    <section>
      <p>
        <a href="/tugas">{t('tasks.page.backToInbox')}</a>
      </p>
      <h1>{t('tasks.card.title', { kind: t(`tasks.kind.${task.kind}`), type: props.typeName })}</h1>
      <RegistrationNumber number={row.registrationNumber} />
      {props.notice && (
        <div class={props.notice === 'conflict' ? 'notice notice-warning' : 'notice notice-success'} role="status" data-notice={props.notice}>
          <p>{t(NOTICES[props.notice])}</p>
        </div>
      )}
      <dl class="summary-list">
        <dt>{t('tasks.page.type')}</dt>
        <dd>{props.typeName}</dd>
        <dt>{t('tasks.page.status')}</dt>
        <dd>
          <StatusTag status={row.status} kind={row.kind} />
        </dd>
        <dt>{t('tasks.page.stage')}</dt>
        <dd>{props.stageName(task)}</dd>
        <dt>{t('tasks.page.role')}</dt>
        <dd data-role={task.role}>{roleName(task.role, t)}</dd>
        <dt>{t('tasks.page.due')}</dt>
        <dd>
          <time dateTime={task.dueAt}>{format.dateTime(task.dueAt)}</time> {task.status === 'open' || task.status === 'claimed' ? <SlaTag state={props.sla} /> : <strong class="tag">{t(`tasks.status.${task.status}`)}</strong>}
        </dd>
        {row.caseDueAt && (
          <>
            <dt>{t('tasks.page.caseDue')}</dt>
            <dd>
              <time dateTime={row.caseDueAt}>{format.dateTime(row.caseDueAt)}</time>
            </dd>
          </>
        )}
      </dl>

      {detail.clock && (
        <CaseClock
          clock={detail.clock}
          stageName={(id, fallback) => props.stageName({ stageId: id, stageName: fallback })}
          lapseReport={`/tugas/${encodeURIComponent(task.id)}/lewat-waktu.pdf`}
        />
      )}

      {row.facts.kind === 'addendum' && (
        <p class="notice" data-addendum-link>
          {t('addenda.task.read')}{' '}
          <a href={`/kontrak/${encodeURIComponent(row.facts.contractId)}/adendum/${encodeURIComponent(row.caseId)}`}>{t('addenda.task.open', { n: row.facts.sequence })}</a>
        </p>
      )}

      <ActionArea {...props} contractTask={contractTask} />

      {row.kind === 'permit' ? (
        <>
          <h2>{t('tasks.page.applicant')}</h2>
          <ApplicantData detail={detail} />
        </>
      ) : (
        <ContractLinks detail={detail} />
      )}

      {type && row.kind === 'permit' && (
        <>
          <h2>{t('tasks.page.fields')}</h2>
          <Table
            caption={t('tasks.page.fields')}
            captionHidden
            rows={type.fields.filter((f) => row.fields[f.id] !== undefined)}
            columns={[
              { header: t('tasks.table.field'), cell: (f) => f.label[lang] },
              { header: t('tasks.table.value'), cell: (f) => fieldValueText(f, row.fields[f.id], { t, format, lang }) },
            ]}
          />
        </>
      )}

      {row.kind === 'permit' && <h2>{t('tasks.page.documents')}</h2>}
      {row.kind !== 'permit' ? null : detail.documents.length === 0 ? (
        <p class="empty">{t('table.empty')}</p>
      ) : (
        detail.documents.map((doc) => (
          <div class="document" data-document={doc.requirementId}>
            <h3>{doc.label[lang]}</h3>
            {!doc.meta ? (
              <p>{detail.personalData ? t('tasks.page.documentMissing') : t('tasks.page.documentHidden')}</p>
            ) : (
              <>
                <p>
                  <a href={`/dokumen/${doc.meta.id}`} target="_blank" rel="noopener">
                    {t('tasks.page.openDocument', { name: doc.meta.name })}
                  </a>{' '}
                  <span class="field-hint">({doc.meta.mediaType}, {format.number(Math.ceil(doc.meta.bytes / 1024))} KB)</span>
                </p>
                {doc.meta.mediaType === 'application/pdf' ? (
                  <iframe class="preview-frame" src={`/dokumen/${doc.meta.id}`} title={t('tasks.page.pdfTitle', { label: doc.label[lang] })} loading="lazy" />
                ) : (
                  <img class="preview-image" src={`/dokumen/${doc.meta.id}`} alt={t('tasks.page.imageAlt', { label: doc.label[lang], name: doc.meta.name })} loading="lazy" />
                )}
              </>
            )}
          </div>
        ))
      )}

      <h2>{t('tasks.page.decisions')}</h2>
      <Table
        caption={t('tasks.page.decisions')}
        captionHidden
        rows={detail.tasks.filter((other) => other.id !== task.id || other.status === 'done')}
        columns={[
          { header: t('tasks.table.stage'), cell: (other) => props.stageName(other) },
          { header: t('tasks.table.role'), cell: (other) => roleName(other.role, t) },
          { header: t('tasks.table.status'), cell: (other) => t(`tasks.status.${other.status}`) },
          { header: t('tasks.table.outcome'), cell: (other) => (other.outcome ? outcomeLabel(other.outcome, t) : '—') },
          { header: t('tasks.table.comment'), cell: (other) => other.comment ?? '—' },
          { header: t('tasks.table.decidedAt'), cell: (other) => (other.decidedAt ? <time dateTime={other.decidedAt}>{format.dateTime(other.decidedAt)}</time> : '—') },
        ]}
      />

      <h2>{t('tasks.page.history')}</h2>
      <Timeline entries={byRoleEntries(detail.events, row.kind, t)} stageName={(stageId, recorded) => props.stageName({ stageId, stageName: recorded ?? stageId })} />
    </section>
  );
}

type TT = ReturnType<typeof usePage>['t'];

function outcomeLabel(outcome: string, t: TT): string {
  if (outcome === 'approve' || outcome === 'request_changes' || outcome === 'reject') return t(`tasks.decision.${outcome}`);
  if (outcome === 'sign') return t('tasks.action.sign');
  return t(`tasks.action.${outcome as 'accept' | 'propose_changes' | 'counter' | 'submit'}`);
}

function ApplicantData(props: { detail: TTaskDetail }) {
  const { t } = usePage();
  const { applicant, personalData } = props.detail;
  if (!applicant) return <p class="empty">{t('table.empty')}</p>;
  return (
    <>
      {!personalData && <p class="field-hint">{t('tasks.page.maskedNote')}</p>}
      <dl class="summary-list">
        <dt>{t('tasks.page.applicantName')}</dt>
        <dd>{applicant.name}</dd>
        <dt>{t('tasks.page.nik')}</dt>
        <dd>{applicant.nik}</dd>
        {personalData && (
          <>
            <dt>{t('tasks.page.phone')}</dt>
            <dd>{applicant.phone}</dd>
            <dt>{t('tasks.page.email')}</dt>
            <dd>{applicant.email}</dd>
            <dt>{t('tasks.page.address')}</dt>
            <dd>{applicant.address}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** What the actor can do here: decide, sign, claim/release, or read why not. */
function ActionArea(props: TTaskPageProps & { contractTask: boolean }) {
  const { t } = usePage();
  const { detail } = props;
  const { task } = detail;
  const open = task.status === 'open' || task.status === 'claimed';
  if (task.kind === 'sign' && !open) return <SignedResult detail={detail} />;
  if (!open) return <p class="notice">{t('tasks.page.closed')}</p>;
  if (detail.claimedByOther) return <p class="notice">{t('tasks.page.claimedByOther', { assignee: task.assignee ?? '' })}</p>;
  if (!detail.mayAct) return <p class="notice">{t('tasks.page.notYourRole', { role: roleName(task.role, t) })}</p>;
  if (props.contractTask) return <ContractTaskForm {...props} />;
  const claim = (
    <div class="button-row">
      <ClaimButtons item={{ task: { ...task, registrationNumber: detail.row.registrationNumber ?? undefined }, claimedBy: task.assignee ? 'me' : null }} back={`/tugas/${task.id}`} />
    </div>
  );
  return task.kind === 'sign' ? (
    <>
      {claim}
      <SignForm {...props} />
    </>
  ) : (
    <>
      {claim}
      <DecisionForm {...props} />
    </>
  );
}

/** The outcomes the decision form offers: a review's, and the administrator's on a lapsed case. */
const FORM_OUTCOMES = ['approve', 'request_changes', 'reject', 'deem_approved', 'continue_review'] as const;

function DecisionForm(props: TTaskPageProps) {
  const { t } = usePage();
  const { task } = props.detail;
  const errors = props.decision?.errors;
  const outcomes = outcomesFor(task.kind).filter((o): o is (typeof FORM_OUTCOMES)[number] => (FORM_OUTCOMES as readonly string[]).includes(o));
  const outcomeError = errors?.outcome;
  return (
    <section aria-labelledby="decision-title" class="card">
      <h2 id="decision-title">{t('tasks.decision.title')}</h2>
      <ErrorSummary errors={errors} labels={{ outcome: t('tasks.decision.outcome'), comment: t('tasks.decision.comment') }} />
      <PostForm action={`/tugas/${task.id}/keputusan`} id="decision-form" novalidate>
        <fieldset id={fieldId('outcome')} class={outcomeError ? 'field field-error' : 'field'} aria-describedby={outcomeError ? `${fieldId('outcome')}-error` : undefined} tabindex={-1}>
          <legend>{t('tasks.decision.outcome')}</legend>
          {outcomeError && (
            <p id={`${fieldId('outcome')}-error`} class="field-message">
              {outcomeError}
            </p>
          )}
          {outcomes.map((outcome) => (
            <div class="radio">
              <input type="radio" id={`outcome-${outcome}`} name="outcome" value={outcome} checked={props.decision?.outcome === outcome} required />
              <label for={`outcome-${outcome}`}>{t(`tasks.decision.${outcome}`)}</label>
            </div>
          ))}
        </fieldset>
        <TextArea name="comment" label={t('tasks.decision.comment')} hint={t(`tasks.decision.commentHint.${drafterWording(props.detail.row.kind)}`)} value={props.decision?.comment ?? ''} error={errors?.comment} maxLength={4000} rows={5} />
        <button type="submit" class="button">
          {t('tasks.decision.submit')}
        </button>
      </PostForm>
    </section>
  );
}

function SignForm(props: TTaskPageProps) {
  const { t } = usePage();
  const { task } = props.detail;
  const { kind } = props.detail.row;
  const preview = `/tugas/${task.id}/pratinjau.pdf`;
  return (
    <section aria-labelledby="sign-title" class="card">
      <h2 id="sign-title">{t('tasks.sign.title')}</h2>
      <p data-sign-lead>{t(`tasks.sign.lead.${kind}`)}</p>
      <h3>{t('tasks.sign.preview')}</h3>
      <p>
        <a href={preview} target="_blank" rel="noopener">
          {t('tasks.sign.openPreview')}
        </a>
      </p>
      <iframe class="preview-frame" src={preview} title={t(`tasks.sign.previewTitle.${kind}`)} />
      <ErrorSummary errors={props.signErrors} labels={{ passphrase: t('tasks.sign.passphrase') }} />
      <PostForm action={`/tugas/${task.id}/tanda-tangan`} id="sign-form" novalidate>
        <TextField name="passphrase" type="password" autocomplete="off" label={t('tasks.sign.passphrase')} hint={t('tasks.sign.passphraseHint')} error={props.signErrors?.passphrase} required />
        <button type="submit" class="button">
          {t('tasks.sign.submit')}
        </button>
      </PostForm>
    </section>
  );
}

function SignedResult(props: { detail: TTaskDetail }) {
  const { t } = usePage();
  const { detail } = props;
  const failed = [...detail.events].reverse().find((e) => e.action === 'sign_failed' || e.action === 'issued');
  return (
    <div class="notice notice-success" data-signed-result>
      <p>{t('tasks.sign.done')}</p>
      {detail.certificateNumber ? (
        <>
          <p>{t(`tasks.sign.issued.${detail.row.kind}`, { number: detail.certificateNumber })}</p>
          <p class="button-row">
            <a class="button" href={`/tugas/${detail.task.id}/sertifikat.pdf`}>
              {t(`tasks.sign.download.${detail.row.kind}`)}
            </a>
            <a href={verificationPath(detail.certificateNumber)}>{t('tasks.sign.verify')}</a>
          </p>
        </>
      ) : failed?.action === 'sign_failed' ? (
        <p>{t('tasks.sign.failed', { reason: failed.comment ?? '' })}</p>
      ) : (
        // A contract waits for the other party's signature before anything is issued.
        <p>{t(detail.row.kind === 'permit' ? 'tasks.sign.issuing' : 'contracts.task.signedWaiting')}</p>
      )}
    </div>
  );
}

/** A contract's task: what the contract is, with links to its page (terms, versions) and its current PDF. */
function ContractLinks(props: { detail: TTaskDetail }) {
  const { t, format } = usePage();
  const { row } = props.detail;
  const caseId = row.caseId;
  return (
    <section aria-labelledby="contract-title" data-contract-links>
      <h2 id="contract-title">{t('contracts.task.contract')}</h2>
      <dl class="summary-list">
        <dt>{t('contracts.field.title')}</dt>
        <dd>{String(row.fields.title ?? '')}</dd>
        <dt>{t('contracts.col.vendor')}</dt>
        <dd>{String(row.fields.vendorName ?? '')}</dd>
        {typeof row.fields.value === 'number' && (
          <>
            <dt>{t('contracts.col.value')}</dt>
            <dd>{format.money(row.fields.value)}</dd>
          </>
        )}
      </dl>
      {/* An addendum's task links to the addendum's page (above), which links to the contract for those who may read
          it: the head of office approving an exception acts on the addendum, not on the contract. */}
      {row.kind === 'contract' && (
        <p class="button-row">
          <a href={`/kontrak/${caseId}`} data-action="open-contract">
            {t('contracts.task.openContract')}
          </a>
          <a href={`/kontrak/${caseId}/kontrak.pdf`}>{t('contracts.case.downloadDraft')}</a>
        </p>
      )}
    </section>
  );
}

/**
 * The negotiation and guarantee tasks: accept the terms on the table (a new version is proposed on the contract
 * page, where the terms form is), or hand in the performance guarantee with its details.
 */
function ContractTaskForm(props: TTaskPageProps) {
  const { t } = usePage();
  const { task } = props.detail;
  const errors = props.decision?.errors;
  if (task.kind === 'guarantee') {
    return (
      <section aria-labelledby="decision-title" class="card">
        <h2 id="decision-title">{t('contracts.task.guaranteeTitle')}</h2>
        <p>{t('contracts.task.guaranteeLead')}</p>
        <ErrorSummary errors={errors} labels={{ comment: t('contracts.task.guaranteeNote') }} />
        <PostForm action={`/tugas/${task.id}/keputusan`} id="decision-form" novalidate>
          <input type="hidden" name="outcome" value="submit" />
          <TextArea name="comment" label={t('contracts.task.guaranteeNote')} value={props.decision?.comment ?? ''} error={errors?.comment} maxLength={4000} rows={3} required />
          <button type="submit" class="button" data-action="submit-guarantee">
            {t('contracts.task.submitGuarantee')}
          </button>
        </PostForm>
      </section>
    );
  }
  return (
    <section aria-labelledby="decision-title" class="card">
      <h2 id="decision-title">{t('contracts.task.acceptTitle')}</h2>
      <p>{t('contracts.task.acceptLead')}</p>
      <ErrorSummary errors={errors} />
      <PostForm action={`/tugas/${task.id}/keputusan`} id="decision-form" novalidate>
        <input type="hidden" name="outcome" value="accept" />
        <button type="submit" class="button" data-action="accept-terms">
          {t('contracts.task.accept')}
        </button>
      </PostForm>
      <p>
        {t('contracts.task.orPropose')}{' '}
        <a href={`/kontrak/${task.caseId}`} data-action="open-contract">
          {t('contracts.task.openContract')}
        </a>
      </p>
    </section>
  );
}

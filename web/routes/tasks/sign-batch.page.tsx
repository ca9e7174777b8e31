import { SIGN_BATCH_MAX } from '../../../api/schemas';
import type { TCaseKind } from '../../../domain/case';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';

/** The action of the batch form; the inbox's filters ride along in its query so a refusal shows the same list. */
export const SIGN_BATCH_PATH = '/tugas/tandatangani-sekaligus';
export const SIGN_BATCH_RESULT_PATH = `${SIGN_BATCH_PATH}/hasil`;
/** The field of the chosen tasks (one checkbox each) and the prefix of each listed task's registration number. */
export const CHOSEN_FIELD = 'tugas';
export const numberField = (taskId: string) => `nomor-${taskId}`;
/** A key per rendered form (the batch's Idempotency-Key): a double submission gets the first answer. */
export const KEY_FIELD = 'kunci';

export interface TSignBatchChoice {
  taskId: string;
  registrationNumber: string;
  typeName: string;
}

/**
 * "Tandatangani sekaligus" on the inbox: the signer's open sign tasks (as filtered), a checkbox and a preview link
 * each, one passphrase. Each checked document is confirmed by the registration number shown next to it.
 */
export function SignBatchForm(props: { choices: TSignBatchChoice[]; action: string; formKey: string; errors?: TFormErrors; checked?: readonly string[] }) {
  const { t } = usePage();
  const checked = new Set(props.checked ?? []);
  const chosenError = props.errors?.[CHOSEN_FIELD];
  return (
    <section aria-labelledby="sign-batch-title" class="card" data-sign-batch>
      <h2 id="sign-batch-title">{t('tasks.batch.title')}</h2>
      <p>{t('tasks.batch.lead', { max: SIGN_BATCH_MAX })}</p>
      <ErrorSummary errors={props.errors} labels={{ passphrase: t('tasks.sign.passphrase'), [CHOSEN_FIELD]: t('tasks.batch.choose') }} />
      <PostForm action={props.action} id="sign-batch-form" novalidate>
        <input type="hidden" name={KEY_FIELD} value={props.formKey} />
        <fieldset class={chosenError ? 'field-error' : undefined} id={`f-${CHOSEN_FIELD}`} tabindex={-1}>
          <legend>{t('tasks.batch.choose')}</legend>
          {chosenError && <p class="field-message">{chosenError}</p>}
          <ul class="task-list">
            {props.choices.map((c, i) => (
              <li data-batch-task-id={c.taskId}>
                <div class="radio">
                  <input type="checkbox" id={`batch-${i}`} name={CHOSEN_FIELD} value={c.taskId} checked={checked.has(c.taskId)} />
                  <label for={`batch-${i}`}>{t('tasks.batch.item', { number: c.registrationNumber, type: c.typeName })}</label>
                </div>
                <input type="hidden" name={numberField(c.taskId)} value={c.registrationNumber} />{' '}
                <a href={`/tugas/${c.taskId}/pratinjau.pdf`} target="_blank" rel="noopener" aria-label={t('tasks.batch.previewLabel', { number: c.registrationNumber })}>
                  {t('tasks.batch.preview')}
                </a>
              </li>
            ))}
          </ul>
        </fieldset>
        <TextField name="passphrase" type="password" autocomplete="off" label={t('tasks.sign.passphrase')} hint={t('tasks.sign.passphraseHint')} error={props.errors?.passphrase} required />
        <button type="submit" class="button" data-action="sign-batch">
          {t('tasks.batch.submit')}
        </button>
      </PostForm>
    </section>
  );
}

/** What the result page shows of one task: kept in the session between the POST and the page (nothing secret). */
export interface TSignBatchOutcome {
  taskId: string;
  registrationNumber: string;
  outcome: 'signed' | 'refused';
  /** Signed: what was signed, for the words of its answer (certificate, contract, addendum). */
  kind?: TCaseKind;
  documentNumber?: string | null;
  /** The refusal's code (NOT_FOUND, TASK_CLOSED, INVALID_INPUT, …) and, for an unexpected one, its message. */
  code?: string;
  message?: string;
}

const REFUSALS: Record<string, 'tasks.batch.result.notFound' | 'tasks.batch.result.conflict' | 'tasks.batch.result.mismatch'> = {
  NOT_FOUND: 'tasks.batch.result.notFound',
  TASK_CLOSED: 'tasks.batch.result.conflict',
  INVALID_TRANSITION: 'tasks.batch.result.conflict',
  CONFLICT: 'tasks.batch.result.conflict',
  INVALID_INPUT: 'tasks.batch.result.mismatch',
};

/** The answer to a batch: each document's outcome, with its certificate once issued. */
export function SignBatchResultPage(props: { outcomes: TSignBatchOutcome[] }) {
  const { t } = usePage();
  const signed = props.outcomes.filter((o) => o.outcome === 'signed').length;
  return (
    <section>
      <h1>{t('tasks.batch.result.title')}</h1>
      <p class={signed === props.outcomes.length ? 'notice notice-success' : 'notice'} data-batch-summary>
        {t('tasks.batch.result.lead', { signed, total: props.outcomes.length })}
      </p>
      <ul class="task-list">
        {props.outcomes.map((o) => (
          <li class="card" data-batch-result={o.outcome} data-task-id={o.taskId}>
            <p class="reg-number">
              <span class="reg-number-label">{t('tasks.page.registration')}</span> <strong>{o.registrationNumber}</strong>
            </p>
            {o.outcome === 'signed' ? (
              <>
                <p>
                  <strong>{t('tasks.batch.result.signed')}</strong>
                  {o.documentNumber ? ` · ${t(`tasks.sign.issued.${o.kind ?? 'permit'}`, { number: o.documentNumber })}` : ''}
                </p>
                <p class="button-row">
                  {o.documentNumber && <a href={`/tugas/${o.taskId}/sertifikat.pdf`}>{t(`tasks.sign.download.${o.kind ?? 'permit'}`)}</a>}
                  <a href={`/tugas/${o.taskId}`}>{t('tasks.batch.result.open')}</a>
                </p>
              </>
            ) : (
              <p>
                <strong>{t('tasks.batch.result.refused')}</strong> · {REFUSALS[o.code ?? ''] ? t(REFUSALS[o.code!]!) : t('tasks.batch.result.failed', { message: o.message ?? o.code ?? '' })}
              </p>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href="/tugas">{t('tasks.batch.result.back')}</a>
      </p>
    </section>
  );
}

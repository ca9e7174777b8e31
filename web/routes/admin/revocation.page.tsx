import { REVOCATION_REASONS } from '../../../domain/revocation';
import type { TRevocationReasonCode } from '../../../domain/revocation';
import type { TIssuedDocument } from '../../../store/issuance';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextArea } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import { CERT_STATUS } from './admin-parts';

export const REASON_CODES = Object.keys(REVOCATION_REASONS) as TRevocationReasonCode[];

export interface TRevocationView {
  issued: TIssuedDocument;
  typeLabel: string;
  /** What was typed (kept when refused, carried through the confirmation). */
  values: { reasonCode?: string; reason?: string };
  errors?: TFormErrors | null;
  step: 'form' | 'confirm' | 'closed';
  /** Just revoked through this page (after the redirect). */
  done?: boolean;
}

/** The public verification page of a document number (the public area's `/v/*number`: the number's `/` stay). */
export const publicPageOf = (number: string) => `/v/${number.split('/').map(encodeURIComponent).join('/')}`;

/**
 * Revocation of an issued permit in two steps: the reason (a public code) and an internal note, then a
 * confirmation that says what the public will see. Nothing is revoked until the confirmation is sent.
 */
export function RevocationPage(props: { view: TRevocationView }) {
  const { t, format } = usePage();
  const { issued, values, errors, step } = props.view;
  const action = `/dasbor/kasus/${encodeURIComponent(issued.caseId)}/pencabutan`;
  const reasonLabel = (code: string | undefined) => (code && REASON_CODES.includes(code as TRevocationReasonCode) ? t(`admin.reason.${code as TRevocationReasonCode}`) : '–');
  return (
    <section>
      <h1>{step === 'confirm' ? t('admin.revoke.confirmTitle') : t('admin.revoke.title')}</h1>
      <p class="lead">
        {t('admin.revoke.lead', { number: issued.number, holder: issued.holderName, type: props.view.typeLabel, issuedAt: format.date(issued.issuedAt) })}
      </p>
      {step === 'closed' && (
        <div class={props.view.done ? 'notice notice-success' : 'notice'} role="status">
          <p>
            {props.view.done
              ? t('admin.revoke.done', { number: issued.number, at: format.dateTime(issued.statusChangedAt ?? issued.issuedAt) })
              : t('admin.revoke.already', {
                  number: issued.number,
                  status: t(CERT_STATUS[issued.status] ?? 'admin.cert.revoked'),
                  at: format.dateTime(issued.statusChangedAt ?? issued.issuedAt),
                })}
          </p>
          {issued.publicReason && <p>{reasonLabel(issued.publicReason)}</p>}
        </div>
      )}
      {step === 'form' && (
        <>
          <ErrorSummary errors={errors} labels={{ reasonCode: t('admin.revoke.reasonCode'), reason: t('admin.revoke.note') }} />
          <PostForm action={action} novalidate>
            <input type="hidden" name="langkah" value="periksa" />
            <SelectField
              name="reasonCode"
              label={t('admin.revoke.reasonCode')}
              hint={t('admin.revoke.reasonCodeHint')}
              required
              value={values.reasonCode}
              error={errors?.reasonCode}
              placeholder={t('admin.revoke.choose')}
              options={REASON_CODES.map((code) => ({ value: code, label: t(`admin.reason.${code}`) }))}
            />
            <TextArea name="reason" label={t('admin.revoke.note')} hint={t('admin.revoke.noteHint')} required maxLength={2000} value={values.reason} error={errors?.reason} />
            <button type="submit" class="button">
              {t('admin.revoke.continue')}
            </button>
          </PostForm>
        </>
      )}
      {step === 'confirm' && (
        <>
          <p>{t('admin.revoke.confirmLead')}</p>
          <dl class="summary-list" aria-label={t('admin.revoke.summary')}>
            <dt>{t('admin.revoke.number')}</dt>
            <dd>{issued.number}</dd>
            <dt>{t('admin.revoke.reasonCode')}</dt>
            <dd>{reasonLabel(values.reasonCode)}</dd>
            <dt>{t('admin.revoke.note')}</dt>
            <dd class="pre-wrap">{values.reason}</dd>
          </dl>
          <PostForm action={action} class="button-row">
            <input type="hidden" name="reasonCode" value={values.reasonCode} />
            <input type="hidden" name="reason" value={values.reason} />
            <button type="submit" name="langkah" value="konfirmasi" class="button button-danger">
              {t('admin.revoke.confirm')}
            </button>
            <button type="submit" name="langkah" value="ubah" class="button button-secondary">
              {t('admin.revoke.back')}
            </button>
          </PostForm>
        </>
      )}
      <p>
        {issued.status !== 'valid' && <a href={publicPageOf(issued.number)}>{t('admin.revoke.publicPage')}</a>}
        {issued.status !== 'valid' && ' · '}
        <a href={`/dasbor/kasus?status=issued`}>{t('admin.revoke.backToList')}</a>
      </p>
    </section>
  );
}

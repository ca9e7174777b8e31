import type { TVerifyReport } from '../../../api/use-cases/public';
import { documentVerdict, signatureVerdict } from '../../../api/use-cases/public';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { fieldId } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';
import { DocumentSummary } from './document.page';

const OK_VERDICTS = new Set(['valid', 'genuine']);

/** The upload form for a PDF to check (multipart; the token is checked after the upload is parsed). */
function UploadForm(props: { maxSize: string; maxBytes: number; error?: string | undefined }) {
  const { t } = usePage();
  const id = fieldId('file');
  return (
    <PostForm action="/verifikasi" multipart>
      <div class={props.error ? 'field field-error' : 'field'}>
        <label for={id} class="field-label">
          {t('public.verify.file')} <span class="field-need">{t('form.required')}</span>
        </label>
        <p id={`${id}-hint`} class="field-hint">
          {t('public.verify.fileHint', { size: props.maxSize })}
        </p>
        {props.error && (
          <p id={`${id}-error`} class="field-message">
            {props.error}
          </p>
        )}
        <input
          id={id}
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          required
          data-max-bytes={props.maxBytes}
          data-too-large={t('public.verify.error.tooLarge', { size: props.maxSize })}
          class="input input-file"
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={[`${id}-hint`, props.error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        />
      </div>
      <button type="submit" class="button">
        {t('public.verify.submit')}
      </button>
    </PostForm>
  );
}

/** The result of a check: the whole document's verdict, each signature in plain words, the register's entry. */
function VerifyResult(props: { report: TVerifyReport }) {
  const { t, format } = usePage();
  const { report } = props;
  const verdict = documentVerdict(report);
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{t('public.verify.result')}</h2>
      <p class={`verdict ${OK_VERDICTS.has(verdict) ? 'verdict-ok' : 'verdict-bad'}`} role="status" data-verdict={verdict}>
        {t(`public.verify.doc.${verdict}`)}
      </p>
      <p>
        {t('public.verify.fileSha')}{' '}
        <code class="hash">{report.sha256}</code>
      </p>
      {report.signatures.length > 0 && (
        <>
          <h3>{t('public.verify.signatures')}</h3>
          <Table
            caption={t('public.verify.signatures')}
            captionHidden
            rows={report.signatures}
            columns={[
              { header: t('public.verify.sig.index'), cell: (s) => s.index + 1, numeric: true },
              { header: t('public.verify.sig.signer'), cell: (s) => s.signerName },
              { header: t('public.verify.sig.signedAt'), cell: (s) => (s.signedAt ? format.dateTime(s.signedAt) : t('public.verify.sig.unknownTime')) },
              {
                header: t('public.verify.sig.verdict'),
                cell: (s) => {
                  const v = signatureVerdict(s);
                  return (
                    <strong class={`tag tag-verdict-${v}`} data-signature-verdict={v}>
                      {t(`public.verify.verdict.${v}`)}
                    </strong>
                  );
                },
              },
            ]}
          />
        </>
      )}
      <h3>{t('public.verify.register')}</h3>
      {report.register ? <DocumentSummary doc={report.register} /> : <p>{t('public.verify.notRegistered')}</p>}
    </section>
  );
}

export function VerifyUploadPage(props: { maxSize: string; maxBytes: number; error?: string | undefined; report?: TVerifyReport | undefined }) {
  const { t } = usePage();
  const errors: TFormErrors | null = props.error ? { file: props.error } : null;
  return (
    <section>
      <h1>{t('public.verify.title')}</h1>
      <p class="lead">{t('public.verify.lead')}</p>
      <ErrorSummary errors={errors} labels={{ file: t('public.verify.file') }} />
      {props.report && <VerifyResult report={props.report} />}
      {props.report && <h2>{t('public.verify.again')}</h2>}
      <UploadForm maxSize={props.maxSize} maxBytes={props.maxBytes} error={props.error} />
    </section>
  );
}

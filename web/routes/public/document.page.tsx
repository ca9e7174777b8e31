import type { TPublicView } from '../../../api/use-cases/public';
import { usePage } from '../../page-context';
import { DocumentStatusTag, useReasonLabel } from './document-status';

/** The register's entry for a document as the summary list both public pages show. */
export function DocumentSummary(props: { doc: TPublicView }) {
  const { t, format } = usePage();
  const reasonLabel = useReasonLabel();
  const { doc } = props;
  const reason = doc.status === 'revoked' ? reasonLabel(doc.statusReason, doc.statusReasonLabel) : doc.status !== 'valid' ? doc.statusReason : null;
  return (
    <dl class="summary-list">
      <dt>{t('public.doc.status')}</dt>
      <dd>
        <DocumentStatusTag status={doc.status} />
      </dd>
      {reason && (
        <>
          <dt>{t('public.doc.reason')}</dt>
          <dd class="pre-line">{reason}</dd>
        </>
      )}
      {doc.status !== 'valid' && doc.statusChangedAt && (
        <>
          <dt>{t('public.doc.changedAt')}</dt>
          <dd>{format.date(doc.statusChangedAt)}</dd>
        </>
      )}
      <dt>{t('public.doc.number')}</dt>
      <dd>{doc.number}</dd>
      <dt>{t('public.doc.type')}</dt>
      <dd>{doc.type}</dd>
      <dt>{t('public.doc.holder')}</dt>
      <dd>{doc.holder}</dd>
      <dt>{t('public.doc.issuedAt')}</dt>
      <dd>{format.date(doc.issuedAt)}</dd>
      <dt>{t('public.doc.signer')}</dt>
      <dd>{doc.signer}</dd>
      <dt>{t('public.doc.sha256')}</dt>
      <dd>
        <code class="hash">{doc.sha256}</code>
      </dd>
    </dl>
  );
}

/** What a QR code on a certificate or contract opens: valid or not, in one sentence, then the register's entry. */
export function DocumentPage(props: { doc: TPublicView & { transparencyLog?: { leafIndex: number; treeSize: number; treeHead: { timestamp: string } } | null } }) {
  const { t, format } = usePage();
  const { doc } = props;
  return (
    <section>
      <h1>{t('public.doc.title')}</h1>
      <p class="lead">{t('public.doc.lead', { number: doc.number })}</p>
      <p class={`verdict ${doc.status === 'valid' ? 'verdict-ok' : 'verdict-bad'}`} role="status" data-verdict={doc.status}>
        {t(`public.doc.verdict.${doc.status}`)}
      </p>
      <h2>{t('public.doc.details')}</h2>
      <DocumentSummary doc={doc} />
      <p>{t('public.doc.shaHint')}</p>
      {doc.transparencyLog ? (
        <p data-log-entry={doc.transparencyLog.leafIndex}>
          {t('public.doc.log', { index: String(doc.transparencyLog.leafIndex), size: String(doc.transparencyLog.treeSize), at: format.date(doc.transparencyLog.treeHead.timestamp) })}{' '}
          <a href={`/api/v1/public/log/proof/inclusion?leafIndex=${doc.transparencyLog.leafIndex}&treeSize=${doc.transparencyLog.treeSize}`}>{t('public.doc.logProof')}</a>
        </p>
      ) : (
        doc.transparencyLog === null && <p>{t('public.doc.logPending')}</p>
      )}
      <p>
        <a class="button button-secondary" href="/verifikasi">
          {t('public.doc.checkFile')}
        </a>
      </p>
    </section>
  );
}

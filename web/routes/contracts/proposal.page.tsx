import type { TContractTerms } from '../../../domain/contract.schema';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import type { TTermsForm } from './terms-form';
import { TemplateTerms, TermsInputs, termsLabels } from './terms-inputs';
import { EnterSubmits } from '../../components/enter-submits';

/**
 * `/kontrak/:id/usulan`: a new version of the terms, the form filled with the version on the table. The vendor
 * proposes, the PPK counters (or revises after legal asked for changes); clauses, payments and the guarantee stay.
 */
export function ProposalPage(props: { caseId: string; registrationNumber: string; kind: 'propose' | 'counter' | 'revise'; current: TContractTerms; form: TTermsForm; errors: TFormErrors }) {
  const { t } = usePage();
  const title = t(props.kind === 'propose' ? 'contracts.case.propose' : props.kind === 'counter' ? 'contracts.case.counter' : 'contracts.case.revise');
  return (
    <section>
      <p>
        <a href={`/kontrak/${props.caseId}`}>{t('contracts.proposal.back')}</a>
      </p>
      <h1>
        {title} · {props.registrationNumber}
      </h1>
      <p class="lead">{t('contracts.proposal.lead')}</p>
      <ErrorSummary errors={props.errors} labels={termsLabels(props.form, t)} />
      <PostForm action={`/kontrak/${props.caseId}/usulan`} novalidate id="proposal-form">
        <EnterSubmits value="kirim" label={t('contracts.proposal.submit')} />
        <TermsInputs form={props.form} errors={props.errors} />
        <div class="button-row">
          <button type="submit" name="aksi" value="kirim" class="button" data-action="submit-proposal">
            {t('contracts.proposal.submit')}
          </button>
          <a href={`/kontrak/${props.caseId}`}>{t('form.cancel')}</a>
        </div>
      </PostForm>
      <TemplateTerms payments={props.current.payments} guarantee={props.current.performanceGuarantee} clauses={props.current.clauses} value={props.current.value} terms={props.current} />
    </section>
  );
}

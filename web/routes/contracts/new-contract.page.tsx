import { workingDaysText } from '../../i18n/working-days';
import type { TContractType } from '../../../domain/contract-type.schema';
import { templateTerms } from '../../../domain/contract-type.schema';
import { ErrorSummary } from '../../components/error-summary';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import type { TTermsForm } from './terms-form';
import { TemplateTerms, TermsInputs, termsLabels } from './terms-inputs';
import { EnterSubmits } from '../../components/enter-submits';

/** `/kontrak/baru`: the PPK chooses the contract type (its template) to draft from. */
export function ContractTypesPage(props: { types: TContractType[] }) {
  const { t, lang, format } = usePage();
  return (
    <section>
      <h1>{t('contracts.new.chooseTitle')}</h1>
      <p class="lead">{t('contracts.new.chooseLead')}</p>
      <ul class="task-list">
        {props.types.map((type) => (
          <li class="card" data-contract-type={type.id}>
            <h2 class="card-title">
              <a href={`/kontrak/baru/${type.id}`}>{type.name[lang]}</a>
            </h2>
            <p class="card-meta">
              {t('contracts.new.typeMeta', {
                stages: type.reviewStages.map((s) => s.name[lang]).join(', '),
                days: workingDaysText(t, type.serviceLevelDays),
                guarantee: format.number(type.defaultGuaranteePercent),
                clauses: type.defaultClauses.length,
              })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/kontrak/baru/:typeId`: the draft form, generated from the terms' fields and the type's template. */
export function NewContractPage(props: { type: TContractType; form: TTermsForm; errors: TFormErrors; idempotencyKey: string }) {
  const { t, lang } = usePage();
  const template = templateTerms(props.type);
  return (
    <section>
      <p>
        <a href="/kontrak/baru">{t('contracts.new.otherType')}</a>
      </p>
      <h1>{t('contracts.new.title', { type: props.type.name[lang] })}</h1>
      <p class="lead">{t('contracts.new.lead')}</p>
      <ErrorSummary errors={props.errors} labels={termsLabels(props.form, t)} />
      <PostForm action={`/kontrak/baru/${props.type.id}`} novalidate id="contract-form">
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <EnterSubmits value="kirim" label={t('contracts.new.submit')} />
        <TermsInputs form={props.form} errors={props.errors} />
        <div class="button-row">
          <button type="submit" name="aksi" value="kirim" class="button" data-action="submit-contract">
            {t('contracts.new.submit')}
          </button>
        </div>
      </PostForm>
      <TemplateTerms payments={template.payments} guarantee={template.performanceGuarantee} clauses={template.clauses} />
    </section>
  );
}

import type { TContractTerms } from '../../../domain/contract.schema';
import { ADDENDUM_CAP_PERCENT, type TAddedValueCheck } from '../../../domain/kinds/addendum/addendum.change';
import { ErrorSummary } from '../../components/error-summary';
import { TextArea } from '../../components/field';
import type { TFormErrors } from '../../components/form-errors';
import { PostForm } from '../../components/post-form';
import { usePage } from '../../page-context';
import { AddendumChanges, CapResult } from './addendum-parts';
import { TEXT_MAX } from './addendum-form';

export interface TAddendumReviewPageProps {
  contractId: string;
  contractNumber: string;
  title: string;
  original: TContractTerms;
  current: TContractTerms;
  next: TContractTerms;
  cap: TAddedValueCheck;
  justification: string;
  exceptionReason: string;
  exceptionStage: string;
  errors: TFormErrors;
}

/**
 * `/kontrak/:id/adendum/baru/periksa`: semula → menjadi, the new cumulative percentage against the 10% cap and,
 * above it, the exception path with the reason it needs; the one submit button.
 */
export function AddendumReviewPage(props: TAddendumReviewPageProps) {
  const { t } = usePage();
  const { cap, errors } = props;
  return (
    <section>
      <p>
        <a href={`/kontrak/${props.contractId}/adendum/baru`} data-action="change">
          {t('addenda.review.change')}
        </a>
      </p>
      <p class="field-hint">{t('addenda.review.step')}</p>
      <h1>{t('addenda.review.title')}</h1>
      <p class="lead">
        {props.contractNumber} · {props.title}
      </p>
      <ErrorSummary errors={errors} labels={{ exceptionReason: t('addenda.review.exceptionReason') }} />
      <h2>{t('addenda.review.changes')}</h2>
      <AddendumChanges base={props.current} next={props.next} />
      <h2>{t('addenda.review.justification')}</h2>
      <p class="pre-line" data-justification>
        {props.justification}
      </p>
      <CapResult cap={cap} original={props.original} next={props.next} exceptionStage={props.exceptionStage} asking />
      <PostForm action={`/kontrak/${props.contractId}/adendum/baru/periksa`} id="addendum-submit" novalidate>
        {!cap.withinCap && (
          <TextArea
            name="exceptionReason"
            label={t('addenda.review.exceptionReason')}
            hint={t('addenda.review.exceptionHint', { cap: ADDENDUM_CAP_PERCENT })}
            value={props.exceptionReason}
            error={errors.exceptionReason}
            maxLength={TEXT_MAX}
            rows={5}
            required
          />
        )}
        <div class="button-row">
          <button type="submit" class="button" data-action="submit-addendum">
            {cap.withinCap ? t('addenda.review.submit') : t('addenda.review.submitException')}
          </button>
        </div>
      </PostForm>
    </section>
  );
}

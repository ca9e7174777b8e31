import { toApiError } from '../../../api/errors';
import { TO_BEFORE_FROM } from '../../../api/use-cases/audit';
import type { TFormErrors } from '../../components/form-errors';
import type { TTranslate } from '../../i18n/translate';
import { AUDIT_FILTERS } from './audit.page';

/**
 * The /audit page's filters go to the findings use case as typed (a parameter given twice stays a list, which the
 * schema refuses naming it); the refusals come back as the catalogue's words, next to the field they name.
 */
export const filterQuery = (query: Record<string, unknown>) => Object.fromEntries(AUDIT_FILTERS.flatMap((name) => (query[name] === undefined || query[name] === '' ? [] : [[name, query[name]]])));

/** The page's message for each field the use case refused; null when the refusal is not about the filters. */
export function filterErrors(err: unknown, t: TTranslate): TFormErrors | null {
  const apiError = toApiError(err);
  if (apiError.code !== 'INVALID_INPUT') return null;
  const errors: TFormErrors = {};
  for (const { path, message } of apiError.details ?? []) {
    if (path === 'cursor') errors._form = t('audit.filter.badCursor');
    else if (path === 'to' && message === TO_BEFORE_FROM) errors.to = t('audit.filter.toBeforeFrom');
    else if (path === 'from' || path === 'to') errors[path] = t('audit.filter.badDate');
    else errors[path || '_form'] ??= t('audit.filter.bad');
  }
  return Object.keys(errors).length ? errors : { _form: t('audit.filter.bad') };
}

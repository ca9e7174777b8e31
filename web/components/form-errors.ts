import { toApiError } from '../../api/errors';

/** Field path (as the API names it: `fields.luasBangunan`, `comment`) → the message shown next to that field. */
export type TFormErrors = Record<string, string>;

/** The id of the input for a field path; the error summary links to it. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/**
 * The field errors of a refused request, with the same messages the JSON API gives, so a page shows them next to
 * the fields they concern. Returns null for a refusal that is not about fields (let the error page show it).
 */
export function formErrorsOf(err: unknown): TFormErrors | null {
  const apiError = toApiError(err);
  if (apiError.code !== 'INVALID_INPUT') return null;
  const errors: TFormErrors = {};
  for (const detail of apiError.details ?? []) errors[detail.path || '_form'] ??= detail.message;
  if (Object.keys(errors).length === 0) errors._form = apiError.message;
  return errors;
}

import { usePage } from '../page-context';
import { fieldId } from './form-errors';
import type { TFormErrors } from './form-errors';

/**
 * The list of problems at the top of a form, each linking to its field (GOV.UK's pattern). It takes focus
 * on load (app.js) so a screen reader announces it first.
 */
export function ErrorSummary(props: { errors: TFormErrors | null | undefined; labels?: Record<string, string> }) {
  const { t } = usePage();
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([path, message]) => (
          <li>
            {path === '_form' ? message : <a href={`#${fieldId(path)}`}>{props.labels?.[path] ? `${props.labels[path]}: ${message}` : message}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

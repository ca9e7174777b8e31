import { trackingPath } from '../../domain/notices/receipt-mail';
import { usePage } from '../page-context';

/** "123456" → ["123", "456"]: a PIN read out, typed or copied by hand in groups of three. */
export function digitGroups(value: string, size = 3): string[] {
  const groups: string[] = [];
  for (let i = 0; i < value.length; i += size) groups.push(value.slice(i, i + size));
  return groups;
}

/**
 * The receipt's registration number and tracking PIN, large and in monospace so that 0 and O, 1 and l differ. The
 * PIN's groups are apart on screen only (CSS): a selection copies the bare digits. The copy and print buttons are
 * hidden until /assets/app.js (our CSP allows no inline script) finds the clipboard; printed, the box stands alone.
 */
export function TrackingCode(props: { registrationNumber: string; pin: string }) {
  const { t } = usePage();
  return (
    <section class="tracking-code" aria-labelledby="tracking-code-title" data-tracking-code>
      <h2 id="tracking-code-title">{t('applicant.tracking.title')}</h2>
      <dl>
        <div class="tracking-code-item">
          <dt>{t('applicant.tracking.number')}</dt>
          <dd>
            <span class="tracking-code-value" data-registration-number>
              {props.registrationNumber}
            </span>
            <button type="button" class="button button-secondary copy-button" data-copy={props.registrationNumber} data-copied={t('applicant.tracking.copied')} data-action="copy-number" hidden>
              {t('applicant.tracking.copyNumber')}
            </button>
          </dd>
        </div>
        <div class="tracking-code-item">
          <dt>{t('applicant.case.trackingPin')}</dt>
          <dd>
            <span class="tracking-code-value tracking-code-pin" data-tracking-pin={props.pin}>
              {digitGroups(props.pin).map((group) => (
                <span class="tracking-code-group">{group}</span>
              ))}
            </span>
            <button type="button" class="button button-secondary copy-button" data-copy={props.pin} data-copied={t('applicant.tracking.copied')} data-action="copy-pin" hidden>
              {t('applicant.tracking.copyPin')}
            </button>
          </dd>
        </div>
      </dl>
      <p class="field-hint">{t('applicant.case.trackingHint')}</p>
      <p class="visually-hidden" role="status" data-copy-status />
      <p class="tracking-code-links">
        <a href={trackingPath(props.registrationNumber)}>{t('applicant.case.trackingLink')}</a>
        <button type="button" class="button button-secondary print-button" data-print data-action="print-receipt" hidden>
          {t('applicant.tracking.print')}
        </button>
      </p>
    </section>
  );
}

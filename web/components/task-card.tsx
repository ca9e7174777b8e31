import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';
import { SlaTag } from './status-tag';
import type { TSlaState } from './status-tag';

/**
 * One task in an inbox: what, the case's registration number set apart (the number people quote on the phone and
 * search by), due when, and its service-level tag.
 */
export function TaskCard(props: { href: string; title: string; registrationNumber: string; dueAt: string; sla: TSlaState; children?: ComponentChildren }) {
  const { t, format } = usePage();
  return (
    <article class="card task-card">
      <h3 class="card-title">
        <a href={props.href}>{props.title}</a>
      </h3>
      <RegistrationNumber number={props.registrationNumber} />
      <p class="card-meta">
        {t('tasks.card.due')} <time dateTime={props.dueAt}>{format.dateTime(props.dueAt)}</time> <SlaTag state={props.sla} />
      </p>
      {props.children}
    </article>
  );
}

/** A case's registration number, labelled and set large: on inbox cards and at the top of the task page. */
export function RegistrationNumber(props: { number: string }) {
  const { t } = usePage();
  return (
    <p class="reg-number">
      <span class="reg-number-label">{t('tasks.page.registration')}</span> <strong data-registration-number>{props.number}</strong>
    </p>
  );
}

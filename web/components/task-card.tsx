import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';
import { SlaTag } from './status-tag';
import type { TSlaState } from './status-tag';

/** One task in an inbox: what, for which case, due when, and its service-level tag. */
export function TaskCard(props: { href: string; title: string; caseLabel: string; dueAt: string; sla: TSlaState; children?: ComponentChildren }) {
  const { format } = usePage();
  return (
    <article class="card task-card">
      <h3 class="card-title">
        <a href={props.href}>{props.title}</a>
      </h3>
      <p class="card-meta">
        {props.caseLabel} · <time dateTime={props.dueAt}>{format.dateTime(props.dueAt)}</time> <SlaTag state={props.sla} />
      </p>
      {props.children}
    </article>
  );
}

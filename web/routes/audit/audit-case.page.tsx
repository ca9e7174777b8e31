import type { TCaseEvent } from '../../../domain/case';
import type { TCaseRow } from '../../../store/records.types';
import type { TFindingView } from '../../../api/use-cases/audit';
import { StatusTag } from '../../components/status-tag';
import { byRoleEntries, Timeline } from '../../components/timeline';
import { usePage } from '../../page-context';
import { FindingItem } from './audit.page';
import { eventAnchor, HISTORY_ANCHOR, type TStageNamer } from './finding-evidence';

export interface TAuditCaseView {
  row: TCaseRow;
  typeLabel: string;
  events: TCaseEvent[];
  findings: TFindingView[];
  typeName: (typeId: string) => string;
  stageName: TStageNamer;
}

/**
 * A case as the Inspektorat reads it: its facts, the findings on it in words, its whole history with each event's
 * number (what a finding cites) and who took it (their user id). Nothing to act on.
 */
export function AuditCasePage(props: { view: TAuditCaseView }) {
  const { t, format } = usePage();
  const { row, typeLabel, events, findings } = props.view;
  const when = (at: string | null) => (at ? format.dateTime(at) : '–');
  // Who took each step, by user id (what the findings name); the system's own steps need no name.
  const actorOf = (e: TCaseEvent) => (e.actorId === 'system' ? '' : ` (${e.actorId})`);
  return (
    <section>
      <h1>{t('audit.case.title', { number: row.registrationNumber })}</h1>
      <p class="lead">{t('audit.case.lead')}</p>
      <dl class="summary-list">
        <dt>{t('audit.case.type')}</dt>
        <dd>{typeLabel}</dd>
        <dt>{t('audit.case.status')}</dt>
        <dd>
          <StatusTag status={row.status} kind={row.kind} />
        </dd>
        <dt>{t('audit.case.submitted')}</dt>
        <dd>{when(row.submittedAt)}</dd>
        <dt>{t('audit.case.due')}</dt>
        <dd>{when(row.caseDueAt)}</dd>
        <dt>{t('audit.case.closed')}</dt>
        <dd>{when(row.closedAt)}</dd>
      </dl>
      <h2>{t('audit.case.findings')}</h2>
      {findings.length === 0 ? <p>{t('audit.none')}</p> : <ul class="findings">{findings.map((f) => <FindingItem finding={f} view={props.view} />)}</ul>}
      <h2 id={HISTORY_ANCHOR}>{t('audit.case.history')}</h2>
      {/* Each event with its number: a finding's evidence links the event it cites, and the export lists it as eventSeq. */}
      <Timeline entries={byRoleEntries(events, row.kind, t).map((entry, i) => ({ ...entry, id: eventAnchor(events[i]!.seq), title: `#${events[i]!.seq} · ${entry.title}${actorOf(events[i]!)}` }))} />
    </section>
  );
}

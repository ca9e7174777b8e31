import type { TCaseKind } from '../../domain/case';
import { LAPSE_POLICIES, type TLapsePolicy } from '../../domain/case-type.schema';
import { deadlineMovedDataOf, type TDeadlineMovedData } from '../../domain/working-time/calendar-change';
import { caseActionLabel, caseRoleName } from '../case-wording';
import type { TFormatters } from '../i18n/format';
import type { TTranslate } from '../i18n/translate';
import { usePage } from '../page-context';

export interface TTimelineEntry {
  /** An anchor for links to this entry (the auditor's findings link the events they cite). */
  id?: string;
  at: string;
  title: string;
  detail?: string | null;
  /** The event's action: a `deadline_moved` event's detail is its data, written out here as a sentence. */
  action?: string;
}

/** A stage's name in the page's language (web/stage-label.ts over the case's type); the recorded one is Indonesian. */
export type TStageNamer = (stageId: string, recorded: string | null) => string;

/** "Batas waktu tahap X bergeser dari 24 Des 16.00 ke 28 Des 16.00: 24 Des ditetapkan sebagai hari libur (reason)." */
export function deadlineMovedText(data: TDeadlineMovedData, t: TTranslate, format: TFormatters, stageName: TStageNamer = (id, recorded) => recorded ?? id): string {
  const when = (at: string | null) => (at ? format.shortDateTime(at) : t('clock.moved.none'));
  const cause = t(`clock.moved.${data.action}`, { date: format.shortDate(data.date), reason: data.reason });
  const moved = { before: when(data.before), after: when(data.after), cause };
  return data.stageId ? t('clock.moved.stage', { ...moved, stage: stageName(data.stageId, data.stageName) }) : t('clock.moved.case', moved);
}

/** Staff pages' history: each event's action, in the case kind's words, with the role that took it (the task and addendum pages). */
export function byRoleEntries(events: readonly { at: string; action: string; role: string; comment?: string | null }[], kind: TCaseKind, t: TTranslate): TTimelineEntry[] {
  return events.map((e) => ({
    at: e.at,
    title: `${caseActionLabel(e.action, kind, t)} · ${caseRoleName(e.role, kind, t)}`,
    detail: e.comment,
    action: e.action,
  }));
}

/** What happened to a case, oldest first, each with its instant in WIB. */
export function Timeline(props: { entries: TTimelineEntry[]; stageName?: TStageNamer }) {
  const { t, format } = usePage();
  const detailOf = (e: TTimelineEntry) => {
    // A lapse records its type's policy (a code) and a deemed approval its legal line: both read in the page's language.
    if (e.action === 'lapsed' && (LAPSE_POLICIES as readonly string[]).includes(e.detail ?? '')) return t(`clock.lapse.policy.${e.detail as TLapsePolicy}`);
    if (e.action === 'deemed_approved') return t('clock.lapse.deemedLead');
    const moved = e.action === 'deadline_moved' ? deadlineMovedDataOf(e.detail ?? null) : null;
    return moved ? deadlineMovedText(moved, t, format, props.stageName) : e.detail;
  };
  return (
    <ol class="timeline" aria-label={t('timeline.label')}>
      {props.entries.map((e) => {
        const detail = detailOf(e);
        return (
          <li id={e.id}>
            <time dateTime={e.at}>{format.dateTime(e.at)}</time>
            <p class="timeline-title">{e.title}</p>
            {detail && <p class="timeline-detail">{detail}</p>}
          </li>
        );
      })}
    </ol>
  );
}

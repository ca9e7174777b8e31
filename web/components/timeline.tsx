import { usePage } from '../page-context';

export interface TTimelineEntry {
  at: string;
  title: string;
  detail?: string | null;
}

/** What happened to a case, oldest first, each with its instant in WIB. */
export function Timeline(props: { entries: TTimelineEntry[] }) {
  const { t, format } = usePage();
  return (
    <ol class="timeline" aria-label={t('timeline.label')}>
      {props.entries.map((e) => (
        <li>
          <time dateTime={e.at}>{format.dateTime(e.at)}</time>
          <p class="timeline-title">{e.title}</p>
          {e.detail && <p class="timeline-detail">{e.detail}</p>}
        </li>
      ))}
    </ol>
  );
}

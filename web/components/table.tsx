import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';

export interface TColumn<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** Numbers and money align right. */
  numeric?: boolean;
}

/** A data table with a caption (read by screen readers) and a clear message when there is nothing to show. */
export function Table<Row>(props: { caption: string; columns: TColumn<Row>[]; rows: Row[]; captionHidden?: boolean }) {
  const { t } = usePage();
  if (props.rows.length === 0) return <p class="empty">{t('table.empty')}</p>;
  return (
    // A wide table scrolls sideways in its frame: the frame is a named region in the tab order, so a keyboard can scroll it.
    <div class="table-wrap" role="region" aria-label={props.caption} tabindex={0}>
      <table class="table">
        <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'numeric' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((c) => (
                <td class={c.numeric ? 'numeric' : undefined}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { contractEndDate, type TContractTerms } from '../../../domain/contract.schema';
import { diffTerms } from '../../../domain/contract-diff';
import { ADDENDUM_CAP_PERCENT, type TAddedValueCheck } from '../../../domain/kinds/addendum/addendum.change';
import type { ComponentChildren } from 'preact';
import { Table } from '../../components/table';
import { usePage } from '../../page-context';

/** Parts shared by the addendum form, its review step and the addendum's page. */

type TPage = ReturnType<typeof usePage>;

/** A percent with at most two decimals in the page's language: 9,12. */
export const percentText = (value: number, p: TPage) => p.format.number(Math.round(value * 100) / 100);

/** A signed amount: "+Rp 13.500.000", "−Rp 2.000.000", "Rp 0". */
export const signedMoney = (value: number, p: TPage) => (value > 0 ? `+${p.format.money(value)}` : value < 0 ? `−${p.format.money(-value)}` : p.format.money(0));

/** The rule in words and the figures of a contract before a change: original, earlier addenda, now, cap, room left. */
export function CapRule(props: { original: TContractTerms; current: TContractTerms; signedCount: number; exceptionStage: string; children?: ComponentChildren }) {
  const p = usePage();
  const { t, format } = p;
  const capValue = Math.floor((props.original.value * ADDENDUM_CAP_PERCENT) / 100);
  const highest = props.original.value + capValue;
  return (
    <section class="card" aria-labelledby="cap-title" data-cap-rule>
      <h2 id="cap-title">{t('addenda.cap.title')}</h2>
      <p>{t('addenda.cap.rule', { percent: ADDENDUM_CAP_PERCENT })}</p>
      <dl class="summary-list">
        <dt>{t('addenda.cap.original')}</dt>
        <dd data-cap="original">{format.money(props.original.value)}</dd>
        <dt>{t('addenda.cap.earlier', { count: props.signedCount })}</dt>
        <dd data-cap="earlier">{signedMoney(props.current.value - props.original.value, p)}</dd>
        <dt>{t('addenda.cap.current')}</dt>
        <dd data-cap="current">{format.money(props.current.value)}</dd>
        <dt>{t('addenda.cap.limit', { percent: ADDENDUM_CAP_PERCENT })}</dt>
        <dd data-cap="limit">{format.money(capValue)}</dd>
        <dt>{t('addenda.cap.highest')}</dt>
        <dd data-cap="highest">{format.money(highest)}</dd>
        <dt>{t('addenda.cap.left')}</dt>
        <dd data-cap="left">{format.money(Math.max(0, highest - props.current.value))}</dd>
      </dl>
      <p>{t('addenda.cap.exceptionPath', { stage: props.exceptionStage })}</p>
      {props.children}
    </section>
  );
}

/** What a proposal does to the cap: the new value, this addendum's change, the cumulative increase and the verdict; `asking` on the review step, which asks for the exception's reason. */
export function CapResult(props: { cap: TAddedValueCheck; original: TContractTerms; next: TContractTerms; exceptionStage: string; asking?: boolean }) {
  const p = usePage();
  const { t, format } = p;
  const { cap } = props;
  const percent = percentText(cap.cumulativePercent, p);
  return (
    <section class="card" aria-labelledby="cap-result-title" data-cap-result={cap.withinCap ? 'within' : 'above'}>
      <h2 id="cap-result-title">{t('addenda.cap.title')}</h2>
      <dl class="summary-list">
        <dt>{t('addenda.cap.original')}</dt>
        <dd>{format.money(props.original.value)}</dd>
        <dt>{t('addenda.cap.proposed')}</dt>
        <dd data-cap="proposed">{format.money(props.next.value)}</dd>
        <dt>{t('addenda.cap.thisAdds')}</dt>
        <dd data-cap="increase">{signedMoney(cap.increase, p)}</dd>
        <dt>{t('addenda.cap.cumulative')}</dt>
        <dd data-cap="cumulative">{t('addenda.cap.cumulativeValue', { amount: format.money(cap.cumulativeAdded), percent })}</dd>
        <dt>{t('addenda.cap.limit', { percent: ADDENDUM_CAP_PERCENT })}</dt>
        <dd>{format.money(cap.capValue)}</dd>
      </dl>
      {cap.withinCap ? (
        <p class="notice notice-success">{t('addenda.cap.within', { percent, cap: ADDENDUM_CAP_PERCENT })}</p>
      ) : (
        <div class="notice" data-exception-needed>
          <p>
            <strong>{t('addenda.cap.above', { percent, cap: ADDENDUM_CAP_PERCENT, excess: format.money(cap.cumulativeAdded - cap.capValue) })}</strong>
          </p>
          {props.asking && <p>{t('addenda.cap.aboveHow', { stage: props.exceptionStage })}</p>}
        </div>
      )}
    </section>
  );
}

interface TChangeRow {
  label: string;
  before: ComponentChildren;
  after: ComponentChildren;
}

/** `items[id=pc].quantity` → ['items', 'pc', 'quantity']; null for a path of another shape. */
const entryPath = (path: string) => /^(items|clauses)\[id=([^\]]+)\](?:\.(\w+))?$/.exec(path);

/** Each change from `base` to `next` as a labelled row in the page's language (the addendum PDF's table, bilingual). */
export function changeRows(base: TContractTerms, next: TContractTerms, p: TPage): TChangeRow[] {
  const { t, format } = p;
  const none = t('addenda.change.none');
  const itemName = (id: string) => (next.items.find((i) => i.id === id) ?? base.items.find((i) => i.id === id))?.description ?? id;
  const clauseName = (id: string) => (next.clauses.find((c) => c.id === id) ?? base.clauses.find((c) => c.id === id))?.heading ?? id;
  const itemLine = (item: unknown) => {
    const i = item as { quantity: number; unit: string; unitPrice: number } | null;
    return i ? t('addenda.change.itemLine', { quantity: format.number(i.quantity), unit: i.unit, price: format.money(i.unitPrice) }) : none;
  };
  const longText = (value: unknown) => (typeof value === 'string' ? <span class="pre-wrap">{value}</span> : none);
  const rows: TChangeRow[] = [];
  for (const e of diffTerms(base, next)) {
    if (e.path.endsWith('[order]')) continue;
    const entry = entryPath(e.path);
    if (e.path === 'value') rows.push({ label: t('addenda.change.value'), before: format.money(e.before as number), after: format.money(e.after as number) });
    else if (e.path === 'durationDays') {
      rows.push({ label: t('addenda.change.duration'), before: t('addenda.change.days', { days: e.before as number }), after: t('addenda.change.days', { days: e.after as number }) });
      rows.push({ label: t('addenda.change.endDate'), before: format.date(contractEndDate(base)), after: format.date(contractEndDate(next)) });
    } else if (entry?.[1] === 'items' && !entry[3]) {
      const added = e.before === null;
      rows.push({ label: t(added ? 'addenda.change.itemAdded' : 'addenda.change.itemRemoved', { item: itemName(entry[2]!) }), before: itemLine(e.before), after: itemLine(e.after) });
    } else if (entry?.[1] === 'items') {
      const field = entry[3] as 'description' | 'quantity' | 'unit' | 'unitPrice';
      const shown = (v: unknown) => (field === 'unitPrice' ? format.money(v as number) : field === 'quantity' ? format.number(v as number) : String(v));
      rows.push({ label: t('addenda.change.item', { item: itemName(entry[2]!), field: t(`addenda.item.${field}`) }), before: shown(e.before), after: shown(e.after) });
    } else if (entry?.[1] === 'clauses' && !entry[3]) {
      const added = e.before === null;
      const clause = (added ? e.after : e.before) as { heading: string; text: string };
      rows.push({
        label: t(added ? 'addenda.change.clauseAdded' : 'addenda.change.clauseRemoved', { heading: clause.heading }),
        before: added ? none : longText(clause.text),
        after: added ? longText(clause.text) : none,
      });
    } else if (entry?.[1] === 'clauses') {
      const field = entry[3] === 'heading' ? t('addenda.change.heading') : t('addenda.change.text');
      rows.push({ label: t('addenda.change.clause', { heading: clauseName(entry[2]!), field }), before: longText(e.before), after: longText(e.after) });
    } else rows.push({ label: t('addenda.change.other', { path: e.path }), before: JSON.stringify(e.before), after: JSON.stringify(e.after) });
  }
  return rows;
}

/** The semula → menjadi table of an addendum. */
export function ChangesTable(props: { base: TContractTerms; next: TContractTerms }) {
  const p = usePage();
  const { t } = p;
  return (
    <div data-changes>
      <Table
        caption={t('addenda.review.changes')}
        captionHidden
        rows={changeRows(props.base, props.next, p)}
        columns={[
          { header: t('addenda.change.field'), cell: (r) => r.label },
          { header: t('addenda.change.before'), cell: (r) => r.before },
          { header: t('addenda.change.after'), cell: (r) => r.after },
        ]}
      />
    </div>
  );
}

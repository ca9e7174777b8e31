import { contractEndDate, formatNpwp, guaranteeAmount, lineTotal } from '../../../domain/contract.schema';
import type { TContractTerms } from '../../../domain/contract.schema';
import type { TTermsDiffEntry } from '../../../domain/contract-diff';
import { Table } from '../../components/table';
import type { TMessageKey } from '../../i18n/messages';
import { usePage } from '../../page-context';
import { ITEM_COLUMNS, TERMS_FIELDS } from './terms-form';
import { TemplateTerms } from './terms-inputs';

type TPage = ReturnType<typeof usePage>;

/** The parties as the contract names them: PIHAK PERTAMA (the PPK) and PIHAK KEDUA (the vendor). */
export function Parties(props: { terms: TContractTerms }) {
  const { t } = usePage();
  const { ppk, vendor } = props.terms;
  return (
    <div class="parties">
      <h3>{t('contracts.group.ppk')}</h3>
      <dl class="summary-list" data-party="ppk">
        <dt>{t('contracts.field.ppk.name')}</dt>
        <dd>{ppk.name}</dd>
        <dt>{t('contracts.field.ppk.nip')}</dt>
        <dd>{ppk.nip}</dd>
        <dt>{t('contracts.field.ppk.position')}</dt>
        <dd>{ppk.position}</dd>
        <dt>{t('contracts.field.ppk.unit')}</dt>
        <dd>{ppk.unit}</dd>
      </dl>
      <h3>{t('contracts.group.vendor')}</h3>
      <dl class="summary-list" data-party="vendor">
        <dt>{t('contracts.field.vendor.name')}</dt>
        <dd>{vendor.name}</dd>
        <dt>{t('contracts.field.vendor.npwp')}</dt>
        <dd>{formatNpwp(vendor.npwp)}</dd>
        <dt>{t('contracts.field.vendor.address')}</dt>
        <dd>{vendor.address}</dd>
        <dt>{t('contracts.party.representative')}</dt>
        <dd>
          {vendor.representative.name} ({vendor.representative.position})
        </dd>
      </dl>
    </div>
  );
}

/** The terms in force: award, value, period, the bill of quantities, then what the template fixed. */
export function TermsView(props: { terms: TContractTerms }) {
  const { t, format } = usePage();
  const { terms } = props;
  return (
    <>
      <dl class="summary-list" data-terms>
        <dt>{t('contracts.field.award.letterNumber')}</dt>
        <dd>
          {terms.award.letterNumber} · {format.date(terms.award.date)}
        </dd>
        <dt>{t('contracts.field.value')}</dt>
        <dd data-terms-value={terms.value}>{format.money(terms.value)}</dd>
        <dt>{t('contracts.terms.period')}</dt>
        <dd>{t('contracts.terms.periodText', { start: format.date(terms.startDate), end: format.date(contractEndDate(terms)), days: terms.durationDays })}</dd>
        <dt>{t('contracts.field.delayPenaltyPerMille')}</dt>
        <dd>{format.number(terms.delayPenaltyPerMille)}‰</dd>
        <dt>{t('contracts.template.guarantee')}</dt>
        <dd>{terms.performanceGuarantee.percent > 0 ? format.money(guaranteeAmount(terms)) : t('contracts.template.noGuarantee')}</dd>
      </dl>
      <h3>{t('contracts.group.items')}</h3>
      <Table
        caption={t('contracts.group.items')}
        captionHidden
        rows={terms.items}
        columns={[
          { header: t('contracts.item.description'), cell: (i) => i.description },
          { header: t('contracts.item.quantity'), cell: (i) => format.number(i.quantity), numeric: true },
          { header: t('contracts.item.unit'), cell: (i) => i.unit },
          { header: t('contracts.item.unitPrice'), cell: (i) => format.money(i.unitPrice), numeric: true },
          { header: t('contracts.item.total'), cell: (i) => format.money(lineTotal(i)), numeric: true },
        ]}
      />
      <TemplateTerms payments={terms.payments} guarantee={terms.performanceGuarantee} clauses={terms.clauses} value={terms.value} terms={terms} />
    </>
  );
}

const FIELD_LABELS: Record<string, TMessageKey> = Object.fromEntries(TERMS_FIELDS.map((f) => [f.path, f.label]));
const ITEM_LABELS: Record<string, TMessageKey> = Object.fromEntries(ITEM_COLUMNS.map((c) => [c.key, c.label]));
const OTHER_LABELS: Record<string, TMessageKey> = {
  'performanceGuarantee.percent': 'contracts.diff.guaranteePercent',
  'performanceGuarantee.dueWorkingDays': 'contracts.diff.guaranteeDays',
};
const MONEY_KEYS = new Set(['value', 'unitPrice']);

/** A diff path in words: `items[id=pc].unitPrice` → "Rincian «Komputer desktop» · Harga satuan". */
function pathLabel(path: string, names: Map<string, string>, p: TPage): string {
  const { t } = p;
  const entry = /^(items|payments|clauses)\[(?:id=([^\]]+)|order)\](?:\.(\w+))?$/.exec(path);
  if (entry) {
    const [, list, id, key] = entry;
    const what = list === 'items' ? 'contracts.diff.item' : list === 'payments' ? 'contracts.diff.payment' : 'contracts.diff.clause';
    if (!id) return `${t(list === 'items' ? 'contracts.group.items' : list === 'payments' ? 'contracts.template.payments' : 'contracts.diff.clauses')} · ${t('contracts.diff.order')}`;
    const base = t(what, { name: names.get(`${list}:${id}`) ?? id });
    const keyLabel = key && (ITEM_LABELS[key] ? t(ITEM_LABELS[key]) : key === 'milestone' ? t('contracts.template.milestone') : key === 'percent' ? t('contracts.template.percent') : key);
    return keyLabel ? `${base} · ${keyLabel}` : base;
  }
  const key = FIELD_LABELS[path] ?? OTHER_LABELS[path];
  return key ? t(key) : path;
}

function shownValue(path: string, value: unknown, p: TPage): string {
  const { t, format } = p;
  if (value === null || value === undefined) return '—';
  const last = path.replace(/\[[^\]]*\]/g, '').split('.').at(-1) ?? path;
  if (typeof value === 'number') return MONEY_KEYS.has(last) ? format.money(value) : format.number(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(value) : value;
  if (Array.isArray(value)) return value.join(', ');
  const entry = value as Record<string, unknown>;
  if (typeof entry.description === 'string') {
    return t('contracts.diff.itemValue', { description: entry.description, quantity: format.number(Number(entry.quantity)), unit: String(entry.unit), price: format.money(Number(entry.unitPrice)) });
  }
  if (typeof entry.milestone === 'string') return `${entry.milestone}: ${format.number(Number(entry.percent))}%`;
  if (typeof entry.heading === 'string') return entry.heading;
  return JSON.stringify(value);
}

/** One proposal's changes as a "semula → menjadi" table (as the addendum PDF prints it). */
export function ChangesTable(props: { changes: TTermsDiffEntry[]; names: Map<string, string>; caption: string }) {
  const page = usePage();
  const { t } = page;
  return (
    <Table
      caption={props.caption}
      captionHidden
      rows={props.changes}
      columns={[
        { header: t('contracts.diff.what'), cell: (c) => pathLabel(c.path, props.names, page) },
        { header: t('contracts.diff.before'), cell: (c) => <span data-change="before">{shownValue(c.path, c.before, page)}</span> },
        { header: t('contracts.diff.after'), cell: (c) => <span data-change="after">{shownValue(c.path, c.after, page)}</span> },
      ]}
    />
  );
}

/** Names of items, payments and clauses by `list:id`, from any terms seen (for diff labels). */
export function entryNames(...terms: Array<TContractTerms | null | undefined>): Map<string, string> {
  const names = new Map<string, string>();
  for (const version of terms) {
    if (!version) continue;
    for (const i of version.items) names.set(`items:${i.id}`, i.description);
    for (const pay of version.payments) names.set(`payments:${pay.id}`, pay.milestone);
    for (const c of version.clauses) names.set(`clauses:${c.id}`, c.heading);
  }
  return names;
}

import type { TContractTerms } from '../../../domain/contract.schema';
import { diffTerms } from '../../../domain/contract-diff';
import { ADDENDUM_CAP_PERCENT, type TAddedValueCheck } from '../../../domain/kinds/addendum/addendum.change';
import type { ComponentChildren } from 'preact';
import { usePage } from '../../page-context';
import { ChangesTable, entryNames } from './terms-view';

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

/** The semula → menjadi table of an addendum: the contract pages' table of a version's changes (as the addendum PDF prints it). */
export function AddendumChanges(props: { base: TContractTerms; next: TContractTerms }) {
  const { t } = usePage();
  const changes = diffTerms(props.base, props.next).filter((e) => !e.path.endsWith('[order]'));
  return (
    <div data-changes>
      <ChangesTable changes={changes} names={entryNames(props.base, props.next)} caption={t('addenda.review.changes')} />
    </div>
  );
}

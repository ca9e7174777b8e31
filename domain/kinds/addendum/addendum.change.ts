/**
 * Addenda: changes to a signed contract (value, end date, bill of quantities, clauses) and the cap on
 * how much value they may add.
 *
 * The rule (Perpres 16/2018 jo. Perpres 12/2021, pasal 54 ayat 2): when a change adds to the contract value,
 * the increase of the final contract value may not exceed 10% of the price in the ORIGINAL contract.
 * The cap is measured against the original value, not the current one: a decrease does not make room beyond
 * original + 10% (100 → 80 → at most 110, not 88 or 120), and several small addenda cannot each add 10%.
 * Above the cap an addendum needs an exception reason approved by the head of office.
 */
import { z } from 'zod';
import {
  durationDaysBetween,
  itemsTotal,
  ZClausesSchema,
  ZContractTermsSchema,
  ZIsoDateSchema,
  ZItemsSchema,
  type TContractTerms,
} from '../../contract.schema';
import { ZCleanText } from '../../clean-text';
import { TERBILANG_MAX } from '../../terbilang';

/** The share of the original value addenda may add without an exception. */
export const ADDENDUM_CAP_PERCENT = 10;

/** An addendum proposal. Lists are given whole (the new bill of quantities, the new clauses), not as patches. */
export const ZAddendumChangeSchema = z
  .strictObject({
    justification: ZCleanText({ multiline: true }).trim().min(20, 'explain the change in at least 20 characters').max(4000),
    /** The new contract value; must equal the total of the (new or current) items. */
    value: z.number().int().positive().max(TERBILANG_MAX).optional(),
    /** The new last day of the execution period. */
    endDate: ZIsoDateSchema.optional(),
    items: ZItemsSchema.optional(),
    clauses: ZClausesSchema.optional(),
    /** Why the addendum may exceed the 10% cap; only meaningful when addedValueCheck says it does. */
    exceptionReason: ZCleanText({ multiline: true }).trim().min(20, 'explain the exception in at least 20 characters').max(4000).optional(),
  })
  .refine((c) => c.value !== undefined || c.endDate !== undefined || c.items !== undefined || c.clauses !== undefined, {
    message: 'an addendum changes at least one of value, endDate, items or clauses',
  });
export type TAddendumChange = z.infer<typeof ZAddendumChangeSchema>;

/**
 * The terms after an addendum. New items set the value to their total (a given value must agree); a value
 * alone must still be the items' total, since the value is always the bill of quantities' sum. A new end
 * date changes durationDays. Throws an Error naming the field when the result would be inconsistent.
 */
export function applyAddendum(current: TContractTerms, change: TAddendumChange): TContractTerms {
  const items = change.items ?? current.items;
  const total = itemsTotal(items);
  if (change.value !== undefined && change.value !== total) {
    const source = change.items ? 'the new items' : 'the current items (send the new items with the new value)';
    throw new Error(`value: ${change.value} is not the total of ${source}, ${total}`);
  }
  let durationDays = current.durationDays;
  if (change.endDate !== undefined) {
    durationDays = durationDaysBetween(current.startDate, change.endDate);
    if (durationDays < 1) throw new Error(`endDate: ${change.endDate} is before the start date ${current.startDate}`);
  }
  const next: TContractTerms = { ...current, items, value: total, durationDays, clauses: change.clauses ?? current.clauses };
  // Re-check the whole: defence against a caller that skipped ZAddendumChangeSchema.
  const checked = ZContractTermsSchema.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return checked.data;
}

export interface TAddedValueInput {
  /** The value in the contract as first signed. */
  originalValue: number;
  /**
   * What signed addenda have added so far (the sum of their increases). Not needed for the rule, which
   * looks at the final value; used to catch inconsistent input: the current value cannot exceed the
   * original by more than the addenda added.
   */
  signedAddendaAddedValue: number;
  /** The total value the proposed addendum would set. */
  proposedValue: number;
  /** The value now in force (after signed addenda). */
  currentValue: number;
}

export interface TAddedValueCheck {
  /** The proposed value's increase over the original value, 0 when it is not above it. */
  cumulativeAdded: number;
  /** cumulativeAdded as a percent of the original value (unrounded). */
  cumulativePercent: number;
  /** 10% of the original value, rounded down to whole rupiah. */
  capValue: number;
  /**
   * true when the addendum needs no exception: the final value stays within original + cap, or the
   * addendum adds nothing (a time-only change or a decrease to a contract already above the cap by an
   * earlier, approved exception does not need a new one).
   */
  withinCap: boolean;
  /** proposedValue − currentValue: what this addendum adds (negative for a decrease). */
  increase: number;
}

/** Applies the 10% rule (see the top of this file) to a proposed addendum's value. */
export function addedValueCheck(input: TAddedValueInput): TAddedValueCheck {
  const { originalValue, signedAddendaAddedValue, proposedValue, currentValue } = input;
  for (const [name, v] of Object.entries(input)) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be whole rupiah ≥ 0, got ${v}`);
  }
  if (originalValue === 0) throw new RangeError('originalValue must be positive');
  if (currentValue - originalValue > signedAddendaAddedValue) {
    throw new RangeError(
      `currentValue ${currentValue} exceeds originalValue ${originalValue} by more than the signed addenda added (${signedAddendaAddedValue})`,
    );
  }
  const capValue = Math.floor((originalValue * ADDENDUM_CAP_PERCENT) / 100);
  const cumulativeAdded = Math.max(0, proposedValue - originalValue);
  const increase = proposedValue - currentValue;
  return {
    cumulativeAdded,
    cumulativePercent: (cumulativeAdded * 100) / originalValue,
    capValue,
    withinCap: cumulativeAdded <= capValue || increase <= 0,
    increase,
  };
}


/**
 * The 10% rule for a proposal against a contract's terms: `original` as first signed, `current` in force (after
 * signed addenda). One place for the API's refusal and the page that explains it before anything is sent.
 */
export function addendumCap(original: Pick<TContractTerms, 'value'>, current: Pick<TContractTerms, 'value'>, proposedValue: number): TAddedValueCheck {
  return addedValueCheck({
    originalValue: original.value,
    signedAddendaAddedValue: Math.max(current.value - original.value, 0),
    proposedValue,
    currentValue: current.value,
  });
}

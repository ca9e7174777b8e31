import { z } from 'zod';
import type { TCaseKind } from '../case';

/**
 * What every case kind (domain/kinds/<kind>/) declares about itself. The engine (domain/engine/) runs every
 * kind; a kind's module says what is its own: its facts (the kind's state, kept apart from the `fields` the
 * applicant or PPK filled in), its phases, where its document numbers come from and which document it issues.
 */
export interface TCaseKindModule<K extends TCaseKind = TCaseKind, TFacts extends TCaseFactsBase & { kind: K } = TCaseFactsBase & { kind: K }> {
  kind: K;
  /** The workflow type that runs a case of this kind (exported from workflows/index.ts). */
  workflowType: string;
  /** The kind's own state, typed; the workflow keeps it and projects it to the store's `facts` column. */
  factsSchema: z.ZodType<TFacts>;
  /**
   * The facts of a case that kept them in `fields` (workflows started and rows written before facts had their
   * own place). Never throws: a field missing or of the wrong type takes its starting value.
   */
  factsFromFields(fields: Readonly<Record<string, unknown>>): TFacts;
  /** The `fields` keys older cases used for these facts; stripped from `fields` when the facts are taken out. */
  legacyFactKeys: readonly string[];
  /** The phases a case of this kind goes through, in order (the workflow runs them). */
  phases: readonly TCasePhase[];
  /** Where the issued document's number comes from: the case step it is reserved for and its gapless series. */
  numbering: { step: string; scope: (at: TNumberingContext) => string };
  /** The document the kind issues and the template folder that describes it. */
  document: { spec: string; templates: string };
}

/** What a number series may depend on: the type's code and series, the year, the parent document's number. */
export interface TNumberingContext {
  typeCode: string;
  year: number;
  /** The type's own series pattern (contract types: `numberSeries`), when it has one. */
  series?: string;
  /** The number of the document this one belongs to (an addendum's contract). */
  parentNumber?: string;
}

export const CASE_PHASES = ['review', 'negotiation', 'guarantee', 'signature', 'issued', 'active', 'addenda', 'termination'] as const;
export type TCasePhase = (typeof CASE_PHASES)[number];

/** Facts every kind has: conditions that need someone's attention (e.g. `guarantee_overdue`). */
export const ZCaseFactsBaseSchema = z.strictObject({
  flags: z.array(z.string().min(1)),
});
export type TCaseFactsBase = z.infer<typeof ZCaseFactsBaseSchema>;

/** A whole number ≥ `min` from an untyped value, or `fallback`. */
export function wholeOr(value: unknown, fallback: number, min = 0): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min ? n : fallback;
}

/** The flags kept in an old case's `fields`, or none. */
export function flagsFrom(fields: Readonly<Record<string, unknown>>): string[] {
  return Array.isArray(fields.flags) ? fields.flags.filter((f): f is string => typeof f === 'string' && f.length > 0) : [];
}

/** `fields` without the keys older cases used for facts. */
export function withoutKeys(fields: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k)));
}

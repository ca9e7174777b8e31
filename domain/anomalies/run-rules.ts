import { addendaNearCap } from './contract-rules';
import { afterHoursDecisions, fastApproval, issuedAfterDeadline, revisionLoops, samePersonTwoStages, signedDocumentDiffers } from './case-rules';
import type { TAuditCase, TFinding } from './finding';
import type { TOfficeHours } from './office-hours';

export interface TRuleContext {
  office: TOfficeHours;
  /** The median time from submission to issue of each permit type, over its recent issued permits. */
  typeMedianMs: ReadonlyMap<string, { medianMs: number; samples: number }>;
}

/** Every rule that reads one case, on one case. */
export function caseFindings(c: TAuditCase, ctx: TRuleContext): TFinding[] {
  return [
    ...afterHoursDecisions(c, ctx.office),
    ...samePersonTwoStages(c),
    ...fastApproval(c, ctx.typeMedianMs),
    ...revisionLoops(c),
    ...signedDocumentDiffers(c),
    ...issuedAfterDeadline(c),
    ...addendaNearCap(c),
  ];
}

/** The median of durations (ms); undefined for none. */
export function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

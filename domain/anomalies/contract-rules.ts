import type { TAuditCase, TFinding } from './finding';

/** The rules of procurement: addenda near the 10% cap (Perpres 16/2018 as amended) and a vendor's awards from one PPK. */

/** Addenda that together add at least `nearPercent` of the original contract value (the cap is 10%). */
export function addendaNearCap(c: TAuditCase, nearPercent = 9): TFinding[] {
  if (c.kind !== 'contract' || !c.contractValues) return [];
  const { original, current } = c.contractValues;
  const percent = ((current - original) * 100) / original;
  if (percent < nearPercent) return [];
  return [{ rule: 'addenda_near_cap', caseId: c.caseId, subject: '', evidence: { originalValue: original, currentValue: current, addedPercent: Math.round(percent * 100) / 100, nearPercent } }];
}

/** A contract as the concentration rule reads it: who awarded it to whom, and when. */
export interface TAward {
  caseId: string;
  registrationNumber: string;
  ppkRole: string;
  vendorRole: string;
  awardDate: string;
}

/**
 * A vendor awarded `threshold` or more contracts by one PPK within `windowDays` before `now`: one finding per PPK
 * and vendor, on the latest contract, listing them all.
 */
export function vendorConcentration(awards: readonly TAward[], now: Date, threshold = 3, windowDays = 365): TFinding[] {
  const since = new Date(now.getTime() - windowDays * 86_400_000).toISOString().slice(0, 10);
  const groups = new Map<string, TAward[]>();
  for (const a of awards) {
    if (a.awardDate < since) continue;
    const key = `${a.ppkRole}|${a.vendorRole}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups].flatMap(([key, group]) => {
    if (group.length < threshold) return [];
    // Same award date: the registration numbers give the order the contracts were drafted in.
    const sorted = [...group].sort((a, b) => (a.awardDate === b.awardDate ? a.registrationNumber.localeCompare(b.registrationNumber) : a.awardDate.localeCompare(b.awardDate)));
    const latest = sorted.at(-1)!;
    return [{ rule: 'vendor_concentration' as const, caseId: latest.caseId, subject: `pair:${key}`, evidence: { ppkRole: latest.ppkRole, vendorRole: latest.vendorRole, count: group.length, windowDays, threshold, contracts: sorted.slice(-20).map((a) => ({ caseId: a.caseId, number: a.registrationNumber, awardDate: a.awardDate })) } }];
  });
}

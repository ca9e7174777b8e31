/**
 * An addendum's case id: its contract's with the version of the terms it proposes. Unique, since every addendum
 * takes the contract's next version; a contract's addenda are the ids of the versions after the agreed one.
 */
export const addendumCaseId = (contractId: string, termsVersion: number): string => `${contractId}-a${termsVersion}`;

/** The case ids an addendum of this contract may have, oldest first: one per version after the agreed one. */
export function addendumCaseIds(contractId: string, facts: { agreedVersion: number | null; termsVersion: number }): string[] {
  if (facts.agreedVersion === null) return [];
  const ids: string[] = [];
  for (let v = facts.agreedVersion + 1; v <= facts.termsVersion; v++) ids.push(addendumCaseId(contractId, v));
  return ids;
}

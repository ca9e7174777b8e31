/**
 * What changed between two versions of a contract's terms, field by field ("semula → menjadi"), for the
 * negotiation history and addenda. Lists of entries with ids (items, payments, clauses) are matched by id,
 * not by position, so inserting an item does not show every later item as changed.
 */
import { z } from 'zod';
import { ZCleanText } from './clean-text';
import { ZContractTermsSchema, type TContractTerms } from './contract.schema';

/**
 * A negotiation proposal: the full proposed terms (each proposal is a new version; the diff is computed,
 * never sent). `baseVersion`, when given, is the version the proposer edited: the workflow can refuse a
 * proposal made on a version that is no longer current instead of silently overwriting the other party's.
 */
export const ZTermsChangeSchema = z.strictObject({
  terms: ZContractTermsSchema,
  baseVersion: z.number().int().positive().optional(),
  comment: ZCleanText({ multiline: true }).trim().min(1).max(2000).optional(),
});
export type TTermsChange = z.infer<typeof ZTermsChangeSchema>;

/**
 * One changed field. Paths: `vendor.representative.name`; entries by id: `items[id=i3].unitPrice`;
 * an added or removed entry as a whole: `items[id=i4]` with before (added) or after (removed) null;
 * `items[order]` with the id lists when the same entries were put in another order.
 */
export interface TTermsDiffEntry {
  path: string;
  before: unknown;
  after: unknown;
}

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (list: unknown[]): list is Array<Plain & { id: string }> => list.every((e) => isPlain(e) && typeof e.id === 'string');
/** JSON cannot carry undefined: a missing value is reported as null. */
const shown = (v: unknown): unknown => (v === undefined ? null : v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

function diffValue(path: string, before: unknown, after: unknown, out: TTermsDiffEntry[]): void {
  if (sameValue(before, after)) return;
  if (isPlain(before) && isPlain(after)) {
    // Keys in the order of `before`, then keys only `after` has: stable for the same two inputs.
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) diffValue(join(path, key), before[key], after[key], out);
  } else if (Array.isArray(before) && Array.isArray(after) && hasIds(before) && hasIds(after)) {
    diffById(path, before, after, out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) diffValue(join(path, String(i)), before[i], after[i], out);
  } else {
    out.push({ path, before: shown(before), after: shown(after) });
  }
}

/** Entries in `before`'s order (changed or removed), then the added ones in `after`'s order, then any reordering. */
function diffById(path: string, before: Array<Plain & { id: string }>, after: Array<Plain & { id: string }>, out: TTermsDiffEntry[]): void {
  const afterById = new Map(after.map((e) => [e.id, e]));
  const beforeIds = new Set(before.map((e) => e.id));
  for (const entry of before) {
    const at = `${path}[id=${entry.id}]`;
    const next = afterById.get(entry.id);
    if (next) diffValue(at, entry, next, out);
    else out.push({ path: at, before: entry, after: null });
  }
  for (const entry of after) if (!beforeIds.has(entry.id)) out.push({ path: `${path}[id=${entry.id}]`, before: null, after: entry });
  // Order matters on paper (items and articles are numbered), so a pure move is a change too.
  const keptBefore = before.map((e) => e.id).filter((id) => afterById.has(id));
  const keptAfter = after.map((e) => e.id).filter((id) => beforeIds.has(id));
  if (!sameValue(keptBefore, keptAfter)) out.push({ path: `${path}[order]`, before: keptBefore, after: keptAfter });
}

/** Every changed field from `before` to `after`, in a stable order (see TTermsDiffEntry for the paths). */
export function diffTerms(before: TContractTerms, after: TContractTerms): TTermsDiffEntry[] {
  const out: TTermsDiffEntry[] = [];
  diffValue('', before, after, out);
  return out;
}

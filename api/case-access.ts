import type { TCaseKind } from '../domain/case';
import { isStaff } from '../domain/roles';
import type { TActor } from '../domain/roles';
import type { Records } from '../store/records';
import type { TCaseRow } from '../store/records.types';
import { notFound } from './errors';

/** A case the actor may see: staff see every case, an applicant only their own; anything else is "not found". */
export async function visibleCase(records: Records, actor: TActor, kind: TCaseKind, caseId: string): Promise<TCaseRow> {
  const row = await records.getCase(caseId);
  if (!row || row.kind !== kind || (!isStaff(actor) && row.applicantId !== actor.userId)) throw notFound(kind);
  return row;
}

/** A case only its own applicant may act on (revise, withdraw); for anyone else it does not exist. */
export async function ownCase(records: Records, actor: TActor, kind: TCaseKind, caseId: string): Promise<TCaseRow> {
  const row = await records.getCase(caseId);
  if (!row || row.kind !== kind || row.applicantId !== actor.userId) throw notFound(kind);
  return row;
}

import { caseFacts, caseScope, mayActAsApplicant, mayAddressTask, mayReadCase, mayReadDocument, maySeePersonalData } from '../domain/access-policy';
import type { TCaseAccessFacts, TCaseScope } from '../domain/access-policy';
import type { TCaseKind, TTask } from '../domain/case';
import type { TActor } from '../domain/roles';
import type { Records } from '../store/records';
import { isCaseOfKind, type TCaseRow, type TDocumentMeta } from '../store/records.types';
import { notFound } from './errors';

/**
 * The store side of domain/access-policy.ts: loads the facts the policy needs and turns its "no" into 404.
 * Routes ask only these functions; the rules themselves live in the policy.
 */

export interface TReadableCase<K extends TCaseKind = TCaseKind> {
  row: TCaseRow<K>;
  facts: TCaseAccessFacts;
  /** Whether the applicant's NIK, phone, address and KTP scan may be shown in full. */
  personalData: boolean;
}

async function factsOf(records: Records, row: TCaseRow): Promise<TCaseAccessFacts> {
  return caseFacts(row, await records.listTaskRoles(row.caseId));
}

/** A case the actor may read; for anyone else it does not exist. */
export async function visibleCase<K extends TCaseKind>(records: Records, actor: TActor, kind: K, caseId: string): Promise<TReadableCase<K>> {
  const row = await records.getCase(caseId);
  if (!isCaseOfKind(row, kind)) throw notFound(kind);
  const facts = await factsOf(records, row);
  if (!mayReadCase(actor, facts)) throw notFound(kind);
  return { row, facts, personalData: maySeePersonalData(actor, facts) };
}

/** A case only its own applicant may act on (revise, withdraw); for anyone else it does not exist. */
export async function ownCase<K extends TCaseKind>(records: Records, actor: TActor, kind: K, caseId: string): Promise<TCaseRow<K>> {
  const row = await records.getCase(caseId);
  if (!isCaseOfKind(row, kind) || !mayActAsApplicant(actor, await factsOf(records, row))) throw notFound(kind);
  return row;
}

/** A task and its case, when the policy lets the actor address it; otherwise 404. */
export async function visibleTask(records: Records, actor: TActor, taskId: string): Promise<{ task: TTask; row: TCaseRow }> {
  const task = await records.getTask(taskId);
  const row = task && (await records.getCase(task.caseId));
  if (!task || !row || !mayAddressTask(actor, task.role, await factsOf(records, row))) throw notFound('task');
  return { task, row };
}

/** An upload the actor may download (see `mayReadDocument`); otherwise 404. */
export async function visibleDocument(records: Records, actor: TActor, documentId: string): Promise<TDocumentMeta> {
  const meta = await records.getDocument(documentId);
  if (!meta) throw notFound('document');
  if (meta.ownerId !== actor.userId) {
    const referencedBy = await Promise.all((await records.casesReferencingDocument(meta.id)).map((row) => factsOf(records, row)));
    if (!mayReadDocument(actor, meta, referencedBy)) throw notFound('document');
  }
  return meta;
}

/** The filter for lists: only the cases the actor may read. */
export const listScope = (actor: TActor): TCaseScope => caseScope(actor);

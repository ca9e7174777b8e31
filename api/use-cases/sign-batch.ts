import type { z } from 'zod';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import type { TSignerCertificate } from '../../store/signers';
import { decisionUpdate } from '../../workflows/shared/case.messages';
import { visibleTask } from '../case-access';
import { onceWithKey } from '../case-ids';
import { updateCase } from '../case-updates';
import type { TApiDeps } from '../deps';
import { ApiError, invalid, logRequestFailure, notFound, toApiError } from '../errors';
import type { ZSignBatchItemSchema } from '../response-schemas';
import { ZSignBatchSchema } from '../schemas';
import type { TSignBatch } from '../schemas';
import { checkPassphrase, grantFor } from '../signing-grants';
import { caseSummary } from '../views';
import { approvedContentSha256 } from './signing-preview';

/**
 * Signing a day's documents with one passphrase entry (`POST /tasks/signatures`, the page /tugas): the passphrase
 * is checked once (one attempt against the throttle; a wrong one refuses the whole batch before anything is
 * signed), then each task goes the single sign decision's way with a grant of its own, a few at a time. Each
 * document keeps its own confirmation (its registration number), its own signature and its own answer.
 */

/** Decisions in flight at once: each waits for its case's signing and issuance in the worker. */
const SIGN_CONCURRENCY = 4;

export type TSignBatchItem = z.infer<typeof ZSignBatchItemSchema>;
export interface TSignBatchAnswer {
  signed: number;
  refused: number;
  items: TSignBatchItem[];
}

/**
 * Each task is looked at first: one that is not an open sign task of the signer's (or whose number does not match)
 * is refused on its own and costs no passphrase attempt, so a batch of nothing signable never touches the throttle
 * (as a single decision on a closed task does not). Then the passphrase once, then the signable tasks.
 */
export async function signTasks(deps: TApiDeps, actor: TActor, input: unknown, idempotencyKey?: string): Promise<TSignBatchAnswer> {
  const { passphrase, items } = ZSignBatchSchema.parse(input);
  // A repeat with the same Idempotency-Key (a lost answer) gets the first answer instead of a 409 per task. The key
  // is bound to the tasks only: no digest of the passphrase is ever stored.
  return onceWithKey(deps.records, actor, idempotencyKey, 'POST /tasks/signatures', { items }, async () => {
    const looked = await mapBounded(items, SIGN_CONCURRENCY, (item, index) => refusedAs(deps, item.taskId, () => signable(deps, actor, item, index)));
    const cert = looked.some((l) => !isAnswer(l)) ? await checkPassphrase(deps, actor, passphrase) : null;
    const answers = await mapBounded(looked, SIGN_CONCURRENCY, async (l): Promise<TSignBatchItem> => (isAnswer(l) ? l : refusedAs(deps, l.task.id, () => sign(deps, actor, cert!, passphrase, l))));
    const signed = answers.filter((a) => a.outcome === 'signed').length;
    return { signed, refused: answers.length - signed, items: answers };
  });
}

type TSignable = Awaited<ReturnType<typeof visibleTask>>;
const isAnswer = (l: TSignable | TSignBatchItem): l is TSignBatchItem => 'outcome' in l;

/** The task and its case when it is an open sign task of the signer's and the number confirms it; else why not. */
async function signable(deps: TApiDeps, actor: TActor, item: TSignBatch['items'][number], index: number): Promise<TSignable> {
  const { task, row } = await visibleTask(deps.records, actor, item.taskId);
  // Only the signer's own sign tasks exist here (as for the preview): nothing about another role's task is told.
  if (task.kind !== 'sign' || !holdsRole(actor, task.role)) throw notFound('sign task');
  if (task.status !== 'open' && task.status !== 'claimed') throw new ApiError('TASK_CLOSED', `task ${task.id} is closed`);
  if (row.registrationNumber !== item.registrationNumber) {
    throw invalid(`items.${index}.registrationNumber`, "does not match the task's case: check the document before signing it");
  }
  return { task, row };
}

/** One task, as its own sign decision would go: its own grant, the decision update, the case as it stands after. */
async function sign(deps: TApiDeps, actor: TActor, cert: TSignerCertificate, passphrase: string, { task, row }: TSignable): Promise<TSignBatchItem> {
  // Each grant keeps the digest of the document the task shows its signer (the preview or the draft).
  const grantId = await grantFor(deps, actor, task, cert, passphrase, await approvedContentSha256(deps, actor, row));
  await updateCase(deps, row, decisionUpdate, { actor, taskId: task.id, outcome: 'sign', comment: null, grantId });
  const [after, issued] = await Promise.all([deps.records.getCase(row.caseId), deps.records.issuance.byCase(row.caseId)]);
  return { taskId: task.id, outcome: 'signed', kind: row.kind, case: after ? caseSummary(after) : null, documentNumber: issued?.number ?? null };
}

/** A step for one task whose refusal is that item's answer, never the batch's. */
async function refusedAs<T>(deps: TApiDeps, taskId: string, step: () => Promise<T>): Promise<T | TSignBatchItem> {
  try {
    return await step();
  } catch (err) {
    const error = toApiError(err);
    logRequestFailure(deps.logger.child({ taskId }), err, 'a task of a sign batch could not be signed');
    const details = error.details && { details: error.details };
    return { taskId, outcome: 'refused', error: { status: error.status, code: error.code, message: error.message, ...details } };
  }
}

/** `fn` over `items`, at most `limit` at a time, answers in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

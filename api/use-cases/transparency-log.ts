import crypto from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { z } from 'zod';
import { isPublicLogKind, type TSignedTreeHead } from '../../domain/transparency/log-entry';
import { logProblem, type TStoredLogEntry } from '../../store/audit-log';
import { adminActionItem } from '../../store/admin-items';
import { issuanceLogKey } from '../../store/log-items';
import { logMerkle, toHex } from '../../store/log-merkle';
import { treeHeadWorkflowId, type treeHeadWorkflow } from '../../workflows/log/tree-head.workflow';
import { isAuditor, type TActor } from '../../domain/roles';
import type { TApiDeps } from '../deps';
import { caseIdFor } from '../case-ids';
import { ApiError, invalid, NOT_YET_PUBLISHED_RETRY_SECONDS, notFound } from '../errors';
import { assertAdmin } from './admin';

/** Entries per page of GET /public/log/entries. */
export const MAX_LOG_ENTRIES = 100;
/** Above any log this office will hold for decades; keeps the numbers in the integers a double holds exactly. */
const MAX_TREE_SIZE = 1_000_000_000;

const zIndex = (min: number) => z.coerce.number().int().min(min).max(MAX_TREE_SIZE);
const ZLeafHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 leaf hash, 64 lowercase hex digits');

export const ZInclusionQuerySchema = z
  .object({ treeSize: zIndex(1).optional(), leafIndex: zIndex(0).optional(), leafHash: ZLeafHash.optional() })
  .refine((q) => (q.leafIndex === undefined) !== (q.leafHash === undefined), { path: ['leafIndex'], message: 'give exactly one of leafIndex and leafHash' });
export const ZConsistencyQuerySchema = z.object({ first: zIndex(1), second: zIndex(1) }).refine((q) => q.first <= q.second, { path: ['first'], message: 'first must not exceed second' });
export const ZEntriesQuerySchema = z
  .object({ start: zIndex(0), end: zIndex(1) })
  .refine((q) => q.end > q.start, { path: ['end'], message: 'end must be greater than start' })
  .refine((q) => q.end - q.start <= MAX_LOG_ENTRIES, { path: ['end'], message: `at most ${MAX_LOG_ENTRIES} entries at once` });

/** Where the seal's certificate is published: what verifies a tree head's signature. */
export const SEAL_CERTIFICATE_PATH = '/api/v1/public/log/seal.pem';

const published = (head: TSignedTreeHead) => ({
  ...head,
  signatureAlgorithm: 'RSASSA-PKCS1-v1_5 with SHA-256 over the RFC 8785 canonical JSON of {treeSize, rootHash, timestamp}',
  certificate: SEAL_CERTIFICATE_PATH,
});

/** The latest signed tree head. */
export async function latestTreeHead(deps: Pick<TApiDeps, 'records'>) {
  const head = await deps.records.auditLog.latestTreeHead();
  if (!head) throw new ApiError('UNAVAILABLE', 'no tree head is published yet (the worker signs the first at its start)', undefined, NOT_YET_PUBLISHED_RETRY_SECONDS);
  return published(head);
}

/** A size the log has reached: beyond it there is no tree to prove anything in. */
async function withinLog(deps: Pick<TApiDeps, 'records'>, path: string, size: number): Promise<void> {
  const logSize = await deps.records.auditLog.size();
  if (size > logSize) throw invalid(path, `the log holds ${logSize} entries`);
}

/** The audit path of one entry (by index or leaf hash) in the tree of `treeSize` (default: the latest signed head's). */
export async function inclusionProof(deps: Pick<TApiDeps, 'records'>, query: unknown) {
  const q = ZInclusionQuerySchema.parse(query);
  const treeSize = q.treeSize ?? (await deps.records.auditLog.latestTreeHead())?.treeSize;
  if (treeSize === undefined) throw new ApiError('UNAVAILABLE', 'no tree head is published yet: give treeSize', undefined, NOT_YET_PUBLISHED_RETRY_SECONDS);
  await withinLog(deps, 'treeSize', treeSize);
  const entry = q.leafHash === undefined ? (await deps.records.auditLog.entries(q.leafIndex!, q.leafIndex! + 1))[0] : await deps.records.auditLog.entryByLeafHash(q.leafHash);
  if (!entry) throw notFound('log entry');
  if (entry.seq >= treeSize) throw invalid(q.leafHash === undefined ? 'leafIndex' : 'leafHash', `the entry is number ${entry.seq}, not in a tree of ${treeSize}`);
  return proofOf(deps, entry, treeSize);
}

/** An entry as the public sees it (domain/transparency/log-entry.ts PUBLIC_LOG_KINDS): whole, or its place and leaf. */
export const publicEntry = (entry: TStoredLogEntry) => (isPublicLogKind(entry.kind) ? entry : { seq: entry.seq, leafHash: entry.leafHash, withheld: true as const });

/** The audit path of a stored entry in the tree of `treeSize` entries (entry.seq < treeSize), the entry as public. */
async function proofOf(deps: Pick<TApiDeps, 'records'>, entry: TStoredLogEntry, treeSize: number) {
  const tree = await deps.records.auditLog.tree(treeSize);
  return { treeSize, leafIndex: entry.seq, leafHash: entry.leafHash, rootHash: toHex(logMerkle.rootOf(tree)), auditPath: logMerkle.inclusionProofOf(tree, entry.seq).map(toHex), entry: publicEntry(entry) };
}

/**
 * The inclusion proof of an issued document's issuance entry in the latest signed head (its public verification
 * shows it), or null while no signed head covers the entry yet (the next one, at the latest a day later, will).
 */
export async function issuanceInLog(deps: Pick<TApiDeps, 'records'>, number: string) {
  const [head, entry] = await Promise.all([deps.records.auditLog.latestTreeHead(), deps.records.auditLog.entryByKey(issuanceLogKey(number))]);
  if (!head || !entry || entry.seq >= head.treeSize) return null;
  return { treeHead: published(head), ...(await proofOf(deps, entry, head.treeSize)) };
}

/** The consistency proof between the trees of `first` and `second` entries, with both roots. */
export async function consistencyProof(deps: Pick<TApiDeps, 'records'>, query: unknown) {
  const { first, second } = ZConsistencyQuerySchema.parse(query);
  await withinLog(deps, 'second', second);
  const tree = await deps.records.auditLog.tree(second);
  return {
    first,
    second,
    firstRootHash: toHex(logMerkle.rootOf({ ...tree, size: first })),
    secondRootHash: toHex(logMerkle.rootOf(tree)),
    proof: logMerkle.consistencyProofOf(tree, first).map(toHex),
  };
}

/** Entries `start` ≤ seq < `end` (at most MAX_LOG_ENTRIES) as the public sees them: a public act with what recomputes its leaf. */
export async function logEntries(deps: Pick<TApiDeps, 'records'>, query: unknown) {
  const { start, end } = ZEntriesQuerySchema.parse(query);
  return { start, items: (await deps.records.auditLog.entries(start, end)).map(publicEntry) };
}

/** The same entries whole, every one with what recomputes its leaf: auditors only (their read is logged, as all). */
export async function auditorLogEntries(deps: Pick<TApiDeps, 'records'>, actor: TActor, query: unknown) {
  if (!isAuditor(actor)) throw new ApiError('FORBIDDEN', 'only auditors may do this');
  const { start, end } = ZEntriesQuerySchema.parse(query);
  return { start, items: await deps.records.auditLog.entries(start, end) };
}

/**
 * An administrator asks for a signed tree head now. The log is re-read first (409 naming what was altered); the
 * worker, which holds the office seal, signs it (treeHeadWorkflow). With an Idempotency-Key the workflow id derives
 * from the administrator and the key, so a repeated request gets the head the first one signed and is logged once
 * (a failed one may run again); without one every request is a new head.
 */
export async function requestTreeHead(deps: TApiDeps, actor: TActor, idempotencyKey?: string) {
  assertAdmin(actor);
  const requestId = idempotencyKey === undefined ? crypto.randomUUID() : caseIdFor(actor, idempotencyKey);
  const problem = logProblem(await deps.records.auditLog.audit());
  if (problem) throw new ApiError('CONFLICT', problem);
  const workflowId = treeHeadWorkflowId(requestId);
  let head: TSignedTreeHead;
  try {
    head = await deps.temporal.workflow.execute<typeof treeHeadWorkflow>('treeHeadWorkflow', { taskQueue: deps.taskQueue, workflowId, workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY', args: [] });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    head = await deps.temporal.workflow.getHandle<typeof treeHeadWorkflow>(workflowId).result();
  }
  await deps.records.auditLog.append([
    adminActionItem({ action: 'tree_head_requested', actorId: actor.userId, target: String(head.treeSize), ids: { timestamp: head.timestamp }, request: {}, once: requestId, at: head.timestamp }),
  ]);
  return published(head);
}

import type { TAddendumDocument } from '../../domain/contract-document';
import { CLOSED_STATUSES, OPEN_TASK_STATUSES } from '../../domain/case';
import type { TCaseEvent, TTask } from '../../domain/case';
import { ZContractTermsSchema, type TContractTerms } from '../../domain/contract.schema';
import type { TContractType } from '../../domain/contract-type.schema';
import { addendumCaseIds } from '../../domain/kinds/addendum/addendum.ids';
import { versionInForce } from '../../domain/kinds/contract/contract.facts';
import type { TActor } from '../../domain/roles';
import { visibleCase } from '../case-access';
import type { TApiDeps } from '../deps';
import { composeAddendumDocument } from '../../documents/render/contract-compose';
import { IsolatedTaskError, runIsolated } from '../../documents/isolated';
import { ApiError, notFound } from '../errors';
import { isCaseOfKind, type TCaseRow } from '../../store/records.types';

/**
 * What the addendum pages (web/routes/addenda.route.tsx) and the contract's detail read of a contract's addenda.
 * Only through the access policy: a contract or an addendum the reader may not see does not exist (404). The
 * action itself, proposing an addendum, is `proposeAddendum` in contracts.ts.
 */

async function termsOf(deps: TApiDeps, contractId: string, version: number): Promise<TContractTerms> {
  const stored = version > 0 ? await deps.records.contractVersions.get(contractId, version) : undefined;
  if (!stored) throw notFound('contract terms');
  return ZContractTermsSchema.parse(stored.terms);
}

/** Every addendum of a contract, oldest first (rejected and withdrawn ones too). */
export async function addendaOf(deps: TApiDeps, contract: TCaseRow<'contract'>): Promise<TCaseRow<'addendum'>[]> {
  const rows = await Promise.all(addendumCaseIds(contract.caseId, contract.facts).map((id) => deps.records.getCase(id)));
  return rows.filter((row): row is TCaseRow<'addendum'> => isCaseOfKind(row, 'addendum') && row.facts.contractId === contract.caseId);
}

export interface TAddendumContext {
  contract: TCaseRow<'contract'>;
  type: TContractType | undefined;
  /** The contract's number once signed. */
  number: string | null;
  /** The terms as first signed and as in force now. */
  original: TContractTerms;
  current: TContractTerms;
  /** Signed addenda (their number and sequence). */
  signed: TCaseRow<'contract'>['facts']['addenda'];
  /** The addendum still under way, if any: only one runs at a time. */
  inProgress: TCaseRow<'addendum'> | undefined;
  /** A termination request under review blocks addenda. */
  terminationPending: boolean;
  /** The reader is this contract's PPK. */
  isPpk: boolean;
}

/** A signed contract as the addendum form needs it; 404 when the reader may not see it or it was never signed. */
export async function addendumContext(deps: TApiDeps, actor: TActor, contractId: string): Promise<TAddendumContext> {
  const { row } = await visibleCase(deps.records, actor, 'contract', contractId);
  if (row.facts.agreedVersion === null) throw notFound('contract');
  const [original, current, issued, addenda, tasks] = await Promise.all([
    termsOf(deps, row.caseId, row.facts.agreedVersion),
    termsOf(deps, row.caseId, versionInForce(row.facts)),
    deps.records.issuance.byCase(row.caseId),
    addendaOf(deps, row),
    deps.records.listTasksForCase(row.caseId),
  ]);
  return {
    contract: row,
    type: deps.contractTypes.get(row.typeId),
    number: issued?.number ?? null,
    original,
    current,
    signed: row.facts.addenda,
    inProgress: addenda.find((a) => !CLOSED_STATUSES.includes(a.status)),
    terminationPending: tasks.some((t) => t.kind === 'termination_review' && OPEN_TASK_STATUSES.includes(t.status)),
    isPpk: row.applicantId === actor.userId,
  };
}

export interface TAddendumDetail {
  row: TCaseRow<'addendum'>;
  contract: TCaseRow<'contract'>;
  type: TContractType | undefined;
  contractNumber: string | null;
  /** Whether the reader may open the contract's own page (the head of office acting on an exception may not). */
  contractVisible: boolean;
  original: TContractTerms;
  /** The terms in force when it was proposed, and the terms it puts in force. */
  base: TContractTerms;
  next: TContractTerms;
  events: TCaseEvent[];
  tasks: TTask[];
  /** The signed addendum once issued. */
  issued: { number: string; sha256: string; issuedAt: string } | null;
}

/** One addendum of a contract, for anyone the access policy lets read the addendum; otherwise 404. */
export async function addendumDetail(deps: TApiDeps, actor: TActor, contractId: string, addendumId: string): Promise<TAddendumDetail> {
  const { row } = await visibleCase(deps.records, actor, 'addendum', addendumId);
  const contract = await deps.records.getCase(row.facts.contractId);
  if (row.facts.contractId !== contractId || !isCaseOfKind(contract, 'contract')) throw notFound('addendum');
  const [contractVisible, original, base, next, events, tasks, issued, contractIssued] = await Promise.all([
    visibleCase(deps.records, actor, 'contract', contractId).then(
      () => true,
      () => false,
    ),
    termsOf(deps, contractId, contract.facts.agreedVersion ?? 0),
    termsOf(deps, contractId, row.facts.baseVersion),
    termsOf(deps, contractId, row.facts.termsVersion),
    deps.records.listEvents(row.caseId),
    deps.records.listTasksForCase(row.caseId),
    deps.records.issuance.byCase(row.caseId),
    deps.records.issuance.byCase(contractId),
  ]);
  return {
    row,
    contract,
    type: deps.contractTypes.get(contract.typeId),
    contractNumber: contractIssued?.number ?? null,
    contractVisible,
    original,
    base,
    next,
    events,
    tasks,
    issued: issued ? { number: issued.number, sha256: issued.sha256, issuedAt: issued.issuedAt } : null,
  };
}

/**
 * Waits (bounded) until a just-proposed addendum is in the store. The contract's update answers once the child
 * workflow has started, a moment before the child has registered itself; a page that redirects to the addendum
 * waits for it so that the reader does not land on a 404.
 */
export async function addendumRegistered(deps: TApiDeps, addendumId: string, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (isCaseOfKind(await deps.records.getCase(addendumId), 'addendum')) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const DRAFT_RENDER_LIMITS = { timeoutMs: 30_000, maxMemoryMb: 256 };

/**
 * An addendum's PDF for whoever may read it: the signed one once issued, before that a draft rendered from the
 * same data as issuance (marked DRAFT, no number), off the API's event loop with a deadline and a memory cap.
 */
/** An addendum's draft: its changes to the terms in force, without number or date (what its signers are shown). */
function draftOf(deps: TApiDeps, detail: Awaited<ReturnType<typeof addendumDetail>>): TAddendumDocument {
  if (!detail.type || !detail.contractNumber) throw notFound('addendum document');
  return composeAddendumDocument({
    office: deps.office,
    type: detail.type,
    base: detail.base,
    next: detail.next,
    contractNumber: detail.contractNumber,
    sequence: detail.row.facts.sequence,
    justification: String(detail.row.fields.justification ?? detail.row.fields.title),
    number: null,
    signedOn: null,
  });
}

export const addendumDraft = async (deps: TApiDeps, actor: TActor, contractId: string, addendumId: string): Promise<TAddendumDocument> => draftOf(deps, await addendumDetail(deps, actor, contractId, addendumId));

export async function addendumDocument(deps: TApiDeps, actor: TActor, contractId: string, addendumId: string): Promise<{ fileName: string; pdf: Buffer; issued: boolean }> {
  const detail = await addendumDetail(deps, actor, contractId, addendumId);
  const signed = detail.issued && (await deps.blobs.get(detail.issued.sha256));
  if (signed) return { fileName: `${detail.issued!.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`, pdf: signed, issued: true };
  const pdf = await runIsolated<Uint8Array>('render-addendum', draftOf(deps, detail), DRAFT_RENDER_LIMITS).catch((err: unknown) => {
    if (err instanceof IsolatedTaskError) throw new ApiError('UNAVAILABLE', 'the addendum draft could not be rendered now; try again later');
    throw err;
  });
  return { fileName: `draf-adendum-${detail.row.caseId}.pdf`, pdf: Buffer.from(pdf), issued: false };
}

/**
 * Whether `addendumId` is an addendum of the contract that the actor may read but that is not registered yet (the
 * moment between the PPK's proposal and the child workflow's registration); the pages say so instead of a 404.
 */
export async function addendumPending(deps: TApiDeps, actor: TActor, contractId: string, addendumId: string): Promise<boolean> {
  const { row } = await visibleCase(deps.records, actor, 'contract', contractId);
  // One version further than the store's view of the contract may show yet: the proposal wrote its terms first.
  const candidates = addendumCaseIds(row.caseId, { agreedVersion: row.facts.agreedVersion, termsVersion: row.facts.termsVersion + 1 });
  const at = candidates.indexOf(addendumId);
  if (at < 0 || !(await deps.records.contractVersions.get(row.caseId, row.facts.agreedVersion! + 1 + at))) return false;
  // Registered but not yet projected as an addendum counts as not registered yet.
  return !isCaseOfKind(await deps.records.getCase(addendumId), 'addendum');
}

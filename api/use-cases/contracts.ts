import type { TContractDocument } from '../../domain/contract-document';
import { deadlineAfter } from '../../domain/working-time/working-days';
import { calendarSnapshotOf } from '../../domain/working-time/calendar-snapshot';
import { contractEndDate, ZContractTermsSchema } from '../../domain/contract.schema';
import type { TContractTerms, TContractTermsDraft } from '../../domain/contract.schema';
import { templateTerms } from '../../domain/contract-type.schema';
import { diffTerms } from '../../domain/contract-diff';
import { holdsRole } from '../../domain/roles';
import type { TActor } from '../../domain/roles';
import { composeContractDocument } from '../../documents/render/contract-compose';
import { IsolatedTaskError, runIsolated } from '../../documents/isolated';
import type { TCaseRow } from '../../store/records.types';
import { newContractFacts, versionInForce } from '../../domain/kinds/contract/contract.facts';
import type { TContractWorkflowInput } from '../../workflows/contract/contract.workflow';
import { addendumRequestUpdate, decisionUpdate, revisionUpdate, terminationUpdate, withdrawalUpdate } from '../../workflows/shared/case.messages';
import { ADDENDUM_CAP_PERCENT, addendumCap, applyAddendum, ZAddendumChangeSchema } from '../../domain/kinds/addendum/addendum.change';
import { addendumCaseId } from '../../domain/kinds/addendum/addendum.ids';
import { listScope, visibleCase } from '../case-access';
import { addendaOf } from './addenda';
import { contractCaseType, contractTypeData } from '../../domain/kinds/contract/contract.case-type';
import { caseIdFor, claimIdempotencyKey, onceWithKey } from '../case-ids';
import { retriedStart, startCase, updateCase } from '../case-updates';
import type { TApiDeps } from '../deps';
import { ApiError, invalid, notFound, zodDetails } from '../errors';
import { ZContractDraftSchema, ZContractVersionSchema, ZListContractsQuerySchema, ZTerminationSchema, ZWithdrawalSchema } from '../schemas';
import { nextCursorOf } from '../cursor';
import { caseClockView, caseSummary, taskView } from '../views';

/**
 * The contract actions, one code path for the JSON API (api/routes/contracts.route.ts) and the contract pages
 * (web/routes/contracts.route.tsx): `(deps, actor, …input) => result`, refusals as ApiError or zod errors.
 * A contract another user may not read does not exist for them (404).
 */

/** Terms as sent, with clauses, payments and guarantee taken from `base` (the template or the current version) when left out. */
function parseTerms(raw: TContractTermsDraft, base: Pick<TContractTerms, 'clauses' | 'payments' | 'performanceGuarantee'>): TContractTerms {
  const parsed = ZContractTermsSchema.safeParse({
    ...raw,
    clauses: raw.clauses ?? base.clauses,
    payments: raw.payments ?? base.payments,
    performanceGuarantee: raw.performanceGuarantee ?? base.performanceGuarantee,
  });
  if (!parsed.success) {
    const details = zodDetails(parsed.error, 'terms');
    throw new ApiError('INVALID_INPUT', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return parsed.data;
}

const DRAFT_RENDER_LIMITS = { timeoutMs: 30_000, maxMemoryMb: 256 };

const visibleContract = async (deps: TApiDeps, actor: TActor, caseId: string): Promise<TCaseRow<'contract'>> =>
  (await visibleCase(deps.records, actor, 'contract', caseId)).row;

const termsOf = async (deps: TApiDeps, caseId: string, version: number): Promise<TContractTerms> =>
  ZContractTermsSchema.parse((await deps.records.contractVersions.get(caseId, version))!.terms);

const isPpk = (role: string) => role.startsWith('ppk:');

/** Whether the actor may draft contracts (holds a PPK role). */
export const mayDraftContract = (actor: TActor): boolean => actor.roles.some(isPpk);

/**
 * The PPK drafts a contract from a contract type. With an Idempotency-Key the case id derives from the PPK and
 * the key: a repeat attaches to the same case.
 */
export async function draftContract(deps: TApiDeps, actor: TActor, input: unknown, idempotencyKey: string | undefined) {
  const { records, contractTypes } = deps;
  if (!mayDraftContract(actor)) throw new ApiError('FORBIDDEN', 'only commitment-making officials (PPK) may do this');
  const body = ZContractDraftSchema.parse(input);
  const type = contractTypes.get(body.typeId);
  if (!type) throw invalid('typeId', `unknown contract type "${body.typeId}"`);
  const terms = parseTerms(body.terms, templateTerms(type));
  const ppkRole = actor.roles.find(isPpk)!;
  const vendorRole = `vendor:${terms.vendor.npwp}`;
  const caseId = caseIdFor(actor, idempotencyKey);
  await claimIdempotencyKey(records, caseId, idempotencyKey, 'POST /contracts', body);
  const existing = await records.getCase(caseId);
  if (existing) return caseSummary(await retriedStart(deps, actor, existing));
  await records.contractVersions.put({ caseId, version: 1, authorId: actor.userId, authorRole: ppkRole, terms });
  const award = new Date(`${terms.award.date}T00:00:00+07:00`);
  const edition = await deps.records.calendarClosures.edition();
  const workflowInput: TContractWorkflowInput = {
    caseId,
    kind: 'contract',
    type: contractCaseType(type, ppkRole),
    applicantId: actor.userId,
    fields: {
      vendorRole,
      ppkRole,
      title: terms.title,
      vendorName: terms.vendor.name,
      value: terms.value,
      startDate: terms.startDate,
      endDate: contractEndDate(terms),
    },
    facts: newContractFacts(),
    documents: {},
    calendar: deps.calendar,
    officeCalendar: calendarSnapshotOf(deps.officeCalendar, edition),
    maxNegotiationRounds: deps.maxNegotiationRounds,
    parties: { ppkRole, vendorRole },
    signingOrder: type.signingOrder,
    typeData: contractTypeData(type, ppkRole),
    guaranteeDueAt: deadlineAfter(award, terms.performanceGuarantee.dueWorkingDays, { calendar: deps.officeCalendar, closures: edition.closures }).toISOString(),
  };
  await startCase(deps, actor, workflowInput);
  return caseSummary((await records.getCase(caseId))!);
}

/** One page of the contracts the actor may read (a vendor: only its own), newest first; `nextCursor` continues. */
export async function listContracts(deps: TApiDeps, actor: TActor, query: unknown) {
  const q = ZListContractsQuerySchema.parse(query);
  const page = await deps.records.listCases({ kind: 'contract', scope: listScope(actor), limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map((row) => ({ ...caseSummary(row), title: row.fields.title, vendor: row.fields.vendorName, value: row.fields.value })),
    nextCursor: nextCursorOf('contracts', page),
  };
}

export type TContractDetail = Awaited<ReturnType<typeof contractDetail>>;

/** One contract as its reader sees it: terms in force (and as signed), every version with its changes, addenda, timeline, open tasks. */
export async function contractDetail(deps: TApiDeps, actor: TActor, caseId: string) {
  const { records } = deps;
  const row = await visibleContract(deps, actor, caseId);
  const { facts } = row;
  const upTo = facts.termsVersion;
  const [versions, events, tasks, issued, vendorSig, ppkSig] = await Promise.all([
    records.contractVersions.list(row.caseId, upTo),
    records.listEvents(row.caseId),
    records.listTasksForCase(row.caseId),
    records.issuance.byCase(row.caseId),
    records.signers.signature(row.caseId, 'vendor'),
    records.signers.signature(row.caseId, 'ppk'),
  ]);
  const parsed = versions.map((v) => ({ ...v, terms: ZContractTermsSchema.parse(v.terms) }));
  const current = parsed.find((v) => v.version === versionInForce(facts)) ?? parsed.at(-1)!;
  // By id (one per version after the agreed one), not by listing every addendum in the store.
  const addenda = await addendaOf(deps, row);
  return {
    ...caseSummary(row),
    number: issued?.number ?? null,
    flags: facts.flags,
    agreedVersion: facts.agreedVersion,
    currentTerms: current.terms,
    originalTerms: facts.agreedVersion ? parsed.find((v) => v.version === facts.agreedVersion)?.terms : null,
    addenda: addenda.map((a) => ({ ...caseSummary(a), sequence: a.facts.sequence, termsVersion: a.facts.termsVersion, exceptionReason: a.fields.exceptionReason ?? null })),
    versions: parsed.map((v, i) => ({
      version: v.version,
      authorId: v.authorId,
      authorRole: v.authorRole,
      createdAt: v.createdAt,
      changes: i === 0 ? [] : diffTerms(parsed[i - 1]!.terms, v.terms),
    })),
    signatures: [vendorSig, ppkSig].filter(Boolean).map((s) => ({ step: s!.step, signer: s!.signerName, serial: s!.serial, signedAt: s!.signedAt })),
    timeline: events.map(({ caseId: _caseId, ...e }) => e),
    openTasks: tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map(taskView),
    clock: caseClockView(row, deps.officeCalendar),
  };
}

/** A new version of the terms: the vendor's proposal, the PPK's counter-proposal, or the PPK's revision after legal review. */
export async function proposeContractVersion(deps: TApiDeps, actor: TActor, caseId: string, input: unknown, idempotencyKey?: string) {
  const { records } = deps;
  const row = await visibleContract(deps, actor, caseId);
  const body = ZContractVersionSchema.parse(input);
  return onceWithKey(records, actor, idempotencyKey, `POST /contracts/${row.caseId}/versions`, body, async () => {
    const version = row.facts.termsVersion + 1;
    const terms = parseTerms(body.terms, await termsOf(deps, row.caseId, version - 1));
    const tasks = (await records.listTasksForCase(row.caseId)).filter((t) => t.status === 'open' || t.status === 'claimed');
    const negotiation = tasks.find((t) => (t.kind === 'vendor_review' || t.kind === 'ppk_review') && holdsRole(actor, t.role));
    const revising = row.status === 'changes_requested' && row.applicantId === actor.userId;
    if (!negotiation && !revising) throw new ApiError('INVALID_TRANSITION', 'there is no open negotiation step for you on this contract');
    await records.contractVersions.put({ caseId: row.caseId, version, authorId: actor.userId, authorRole: negotiation?.role ?? String(row.fields.ppkRole), terms });
    if (negotiation) {
      const outcome = negotiation.kind === 'vendor_review' ? 'propose_changes' : 'counter';
      await updateCase(deps, row, decisionUpdate, { actor, taskId: negotiation.id, outcome, comment: null, termsVersion: version });
    } else {
      await updateCase(deps, row, revisionUpdate, { actor, fields: {}, documents: {}, comment: null, termsVersion: version });
    }
    return { version, changes: diffTerms(await termsOf(deps, row.caseId, version - 1), terms) };
  });
}

/**
 * An addendum: changes to the terms in force, checked against the 10% cap, run as a child of the contract. With an
 * Idempotency-Key a repeat gets the first answer (the same addendum) instead of a refusal or a second one.
 */
export async function proposeAddendum(deps: TApiDeps, actor: TActor, caseId: string, input: unknown, idempotencyKey?: string) {
  const row = await visibleContract(deps, actor, caseId);
  if (row.applicantId !== actor.userId) throw new ApiError('FORBIDDEN', 'only the PPK of this contract may propose an addendum');
  if (row.status !== 'active') throw new ApiError('INVALID_TRANSITION', `a contract in status ${row.status} cannot be amended`);
  const change = ZAddendumChangeSchema.parse(input);
  return onceWithKey(deps.records, actor, idempotencyKey, `POST /contracts/${row.caseId}/addenda`, change, async () => {
    const original = await termsOf(deps, row.caseId, row.facts.agreedVersion ?? 0);
    const current = await termsOf(deps, row.caseId, versionInForce(row.facts));
    let next: TContractTerms;
    try {
      next = applyAddendum(current, change);
    } catch (err) {
      const [path, ...message] = (err as Error).message.split(': ');
      throw invalid(path!, message.join(': '));
    }
    const cap = addendumCap(original, current, next.value);
    if (!cap.withinCap && !change.exceptionReason) {
      throw new ApiError(
        'CAP_EXCEEDED',
        `addenda would add ${cap.cumulativePercent.toFixed(2)}% to the original value, above the ${ADDENDUM_CAP_PERCENT}% cap (at most ${cap.capValue} rupiah); give an exceptionReason for the head of office to approve`,
        [{ path: 'value', message: `cumulative increase ${cap.cumulativeAdded} exceeds ${cap.capValue}` }],
      );
    }
    const version = row.facts.termsVersion + 1;
    const sequence = row.facts.addenda.length + 1;
    const addendumId = addendumCaseId(row.caseId, version);
    await deps.records.contractVersions.put({ caseId: row.caseId, version, authorId: actor.userId, authorRole: String(row.fields.ppkRole), terms: next });
    await updateCase(deps, row, addendumRequestUpdate, {
      actor,
      addendumId,
      sequence,
      justification: change.justification,
      termsVersion: version,
      exceptionReason: cap.withinCap ? null : change.exceptionReason!,
      value: next.value,
      endDate: contractEndDate(next),
    });
    return { id: addendumId, sequence, termsVersion: version, cap, changes: diffTerms(current, next) };
  });
}

/**
 * The PPK withdraws an addendum before it is approved (e.g. after legal asked for changes): the engine's
 * withdrawal on the addendum's own workflow. Its contract then takes a new addendum; the withdrawn one keeps its
 * version of the terms (unused) and its history.
 */
export async function withdrawAddendum(deps: TApiDeps, actor: TActor, contractId: string, addendumId: string, input: unknown) {
  const { row } = await visibleCase(deps.records, actor, 'addendum', addendumId);
  if (row.facts.contractId !== contractId) throw notFound('addendum');
  if (row.applicantId !== actor.userId) throw new ApiError('FORBIDDEN', 'only the PPK of this contract may withdraw its addendum');
  const body = ZWithdrawalSchema.parse(input ?? {});
  await updateCase(deps, row, withdrawalUpdate, { actor, reason: body.reason ?? null });
  return caseSummary((await deps.records.getCase(row.caseId))!);
}

/** The PPK ends a contract before it is signed (e.g. the vendor let the guarantee deadline pass). */
export async function withdrawContract(deps: TApiDeps, actor: TActor, caseId: string, input: unknown) {
  const row = await visibleContract(deps, actor, caseId);
  if (row.applicantId !== actor.userId) throw new ApiError('FORBIDDEN', 'only the PPK of this contract may end it');
  const body = ZWithdrawalSchema.parse(input ?? {});
  await updateCase(deps, row, withdrawalUpdate, { actor, reason: body.reason ?? null });
  return caseSummary((await deps.records.getCase(row.caseId))!);
}

/**
 * The PPK asks to end an active contract early (pemutusan kontrak). The workflow's validator refuses any
 * other status at once; the contract's legal role reviews the request, and its approval ends the contract.
 */
export async function requestTermination(deps: TApiDeps, actor: TActor, caseId: string, input: unknown) {
  const row = await visibleContract(deps, actor, caseId);
  if (row.applicantId !== actor.userId) throw new ApiError('FORBIDDEN', 'only the PPK of this contract may terminate it');
  const body = ZTerminationSchema.parse(input ?? {});
  await updateCase(deps, row, terminationUpdate, { actor, reason: body.reason });
  return caseSummary((await deps.records.getCase(row.caseId))!);
}

/** Whether the actor is a party of the contract (its PPK or its vendor). */
export const isContractParty = (actor: TActor, row: TCaseRow<'contract'>): boolean =>
  row.applicantId === actor.userId || holdsRole(actor, String(row.fields.ppkRole)) || holdsRole(actor, String(row.fields.vendorRole));

/** The termination notice, to the parties of the contract only (its PPK and its vendor). */
export async function terminationNotice(deps: TApiDeps, actor: TActor, caseId: string): Promise<{ fileName: string; pdf: Buffer }> {
  const row = await visibleContract(deps, actor, caseId);
  const notice = row.documents.terminationNotice;
  const pdf = isContractParty(actor, row) && notice ? await deps.blobs.get(notice.sha256) : undefined;
  if (!pdf) throw notFound('termination notice');
  return { fileName: `pemutusan-${row.caseId}.pdf`, pdf };
}

/** A contract's draft: the latest version of its terms, without number or date (what its signers are shown). */
export async function contractDraft(deps: TApiDeps, row: TCaseRow<'contract'>): Promise<TContractDocument> {
  const version = row.facts.termsVersion;
  const type = deps.contractTypes.get(row.typeId)!;
  return composeContractDocument({ office: deps.office, type, terms: await termsOf(deps, row.caseId, version), version, number: null, signedOn: null });
}

/** The signed contract once issued, else a draft rendered from the latest version of the terms. */
export async function contractDocument(deps: TApiDeps, actor: TActor, caseId: string): Promise<{ fileName: string; pdf: Buffer }> {
  const row = await visibleContract(deps, actor, caseId);
  const issued = await deps.records.issuance.byCase(row.caseId);
  let pdf = issued ? await deps.blobs.get(issued.sha256) : undefined;
  if (!pdf) {
    const draft = await contractDraft(deps, row);
    // Rendered off the API's event loop, with a deadline and a memory cap, like every slow PDF job.
    pdf = Buffer.from(
      await runIsolated<Uint8Array>('render-contract', draft, DRAFT_RENDER_LIMITS).catch((err: unknown) => {
        if (err instanceof IsolatedTaskError) throw new ApiError('UNAVAILABLE', 'the contract draft could not be rendered now; try again later');
        throw err;
      }),
    );
  }
  return { fileName: `kontrak-${row.caseId}.pdf`, pdf };
}

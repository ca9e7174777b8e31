import { condition, patched, setHandler, startChild } from '@temporalio/workflow';
import type { TTask } from '../../domain/case';
import type { ChildWorkflowHandle } from '@temporalio/workflow';
import { addendumCaseType, DEFAULT_EXCEPTION_APPROVAL } from '../../domain/kinds/addendum/addendum.case-type';
import { contractFactsOf, type TContractFacts } from '../../domain/kinds/contract/contract.facts';
import type { TContractTypeData } from '../../domain/kinds/contract/contract.case-type';
import { CaseRun, issuance } from '../shared/case.lifecycle';
import { assertNotExpired } from '../shared/case.errors';
import { addendumRequestUpdate, caseWorkflowId, contractTerminatedSignal, terminationUpdate } from '../shared/case.messages';
import type { TAddendumRequestInput, TCaseView, TCaseWorkflowInput } from '../shared/case.messages';
import { addendumWorkflow } from './addendum.workflow';
import { contractSigners } from './contract.parties';
import type { TContractParties } from './contract.parties';
import type { TAddendumWorkflowInput } from './addendum.workflow';

export type TContractWorkflowInput = TCaseWorkflowInput & {
  kind: 'contract';
  parties: TContractParties;
  /** When the performance guarantee is due (14 working days after the award letter); an input, so tests use seconds. */
  guaranteeDueAt: string;
  /** The order of signatures from the contract type; cases started without it sign vendor, then PPK. */
  signingOrder?: Array<'vendor' | 'ppk'>;
  /** The contract type's data the workflow runs on (negotiation, exception approval, termination review); absent in cases started before. */
  typeData?: TContractTypeData;
};

/** The negotiation service level of contracts started before their type's data was in the input. */
const NEGOTIATION_SERVICE_DAYS = 5;
const GUARANTEE_STAGE = { stageId: 'jaminan_pelaksanaan', stageName: 'Jaminan pelaksanaan' };
const VENDOR_STAGE = { stageId: 'tinjauan_penyedia', stageName: 'Tinjauan penyedia' };
const PPK_STAGE = { stageId: 'tinjauan_ppk', stageName: 'Tinjauan PPK atas usulan penyedia' };
/** Marks the runs that took the termination path (request, legal review, notice, cancelled addendum). */
export const TERMINATION_PATCH = 'contract-termination-v1';

/**
 * One e-contract, workflow id `contract:<caseId>`, on the same engine as permits: the type's review stages
 * (legal review), then negotiation with the vendor in versions, the performance guarantee with its legal
 * deadline, signatures of the vendor and then the PPK on one document, a number, and `active`. The
 * workflow stays open while the contract is active: addenda will run under it.
 */
export async function contractWorkflow(input: TContractWorkflowInput): Promise<TCaseView> {
  const run = await CaseRun.start(input);
  const { state } = run;
  const { ppkRole, vendorRole } = input.parties;
  // Installed from the start so a request is refused at once (the validator) whatever the contract's phase.
  setHandler(
    terminationUpdate,
    async (msg) => {
      patched(TERMINATION_PATCH);
      state.requestTermination(new Date(), msg, input.typeData?.terminationReview);
      return run.answer();
    },
    {
      validator: (msg) => {
        assertNotExpired(msg);
        state.assertCanRequestTermination(msg, input.typeData?.terminationReview);
      },
    },
  );

  // The guarantee runs beside everything else: the vendor hands it in, or the deadline flags the case.
  const guarantee = state.openTask(new Date(), { kind: 'guarantee', ...GUARANTEE_STAGE, role: vendorRole, dueAt: input.guaranteeDueAt });
  const guaranteeDone = () => guarantee.status === 'done';
  void (async () => {
    await condition(() => guaranteeDone() || state.isClosed, Math.max(Date.parse(input.guaranteeDueAt) - Date.now(), 1));
    if (!guaranteeDone() && !state.isClosed) {
      state.flag(new Date(), 'guarantee_overdue', 'jaminan pelaksanaan belum diserahkan; penyedia dianggap mengundurkan diri');
    }
  })();

  await run.reviewStages();
  if (state.status !== 'awaiting_signature') return run.finish();

  // Negotiation: the vendor accepts or proposes a version; the PPK accepts it or counters with another.
  state.enterPhase('negotiation');
  // Each step reads its own task's decision: the guarantee handed in at the same moment must not mask it.
  const ownDecision = patched('contract-negotiation-own-decision-v1');
  const decisionOf = (task: TTask) => (ownDecision ? state.decisionOf(task.id)! : state.lastDecision!);
  for (;;) {
    const due = () => state.dueAfter(new Date(), input.typeData?.negotiationServiceDays ?? NEGOTIATION_SERVICE_DAYS);
    const review = state.openTask(new Date(), { kind: 'vendor_review', ...VENDOR_STAGE, role: vendorRole, dueAt: due() });
    if (await run.waitFor(() => review.status === 'done')) return run.finish();
    if (decisionOf(review).outcome === 'accept') break;
    state.setTerms({ termsVersion: decisionOf(review).termsVersion!, proposals: state.proposals + 1 });
    const answer = state.openTask(new Date(), { kind: 'ppk_review', ...PPK_STAGE, role: ppkRole, dueAt: due() });
    if (await run.waitFor(() => answer.status === 'done')) return run.finish();
    if (decisionOf(answer).outcome === 'accept') break;
    state.setTerms({ termsVersion: decisionOf(answer).termsVersion!, proposals: state.proposals + 1 });
  }
  state.setTerms({ agreedVersion: state.termsVersion });

  if (await run.waitFor(guaranteeDone)) return run.finish();
  state.enterPhase('awaiting_signature');
  await run.signAndIssue(
    contractSigners(input.parties, input.signingOrder),
    (signerId) => issuance.prepareContract({ caseId: input.caseId, signerId }),
    'active',
  );
  await serveAddenda(run, input);
  return run.finish();
}

/**
 * While the contract is in force, addenda run one at a time as child workflows through the same review and
 * signature cycle; a signed addendum makes its version of the terms the current one. An approved termination
 * ends the loop: an addendum in flight is told to end first, then the contract ends `terminated`.
 */
async function serveAddenda(run: CaseRun, input: TContractWorkflowInput): Promise<void> {
  const { state } = run;
  const pending: TAddendumRequestInput[] = [];
  let running: string | null = null;
  setHandler(
    addendumRequestUpdate,
    async (msg) => {
      pending.push(msg);
      state.setTerms({ termsVersion: msg.termsVersion });
      await condition(() => running === msg.addendumId);
      return state.view();
    },
    {
      validator: (msg) => {
        assertNotExpired(msg);
        state.assertCanRequestAddendum(msg, running !== null || pending.length > 0);
      },
    },
  );
  const terminationApproved = () => state.termination?.approved === true;
  for (;;) {
    // Ends the loop when the contract closes; never reads a request that is not there. A request already
    // queued is started first, so that its update is answered (the child is then told to end).
    if (await run.waitFor(() => pending.length > 0 || terminationApproved())) return;
    const request = pending.shift();
    if (!request) {
      await terminate(run, input);
      return;
    }
    const child = await startChild(addendumWorkflow, {
      workflowId: caseWorkflowId('addendum', request.addendumId),
      args: [addendumInput(input, { fields: state.fields, facts: contractFactsOf(state.facts) }, request)],
    });
    running = request.addendumId;
    const result = await addendumOutcome(run, child);
    running = null;
    if (result.status === 'issued') {
      state.amend(new Date(), { sequence: request.sequence, number: result.documentNumber!, termsVersion: request.termsVersion }, { value: request.value, endDate: request.endDate });
    }
  }
}

/**
 * The addendum's final view. The contract keeps answering its own updates meanwhile (a termination request,
 * legal's decision on it); once a termination is approved the child is told to end, and its end awaited.
 */
async function addendumOutcome(run: CaseRun, child: ChildWorkflowHandle<typeof addendumWorkflow>): Promise<TCaseView> {
  const { state } = run;
  let outcome: { view: TCaseView } | { failure: unknown } | undefined;
  child.result().then(
    (view) => (outcome = { view }),
    (failure: unknown) => (outcome = { failure }),
  );
  await run.waitFor(() => outcome !== undefined || state.termination?.approved === true);
  if (!outcome) {
    // The child may finish on its own at the same moment: then the signal finds no workflow, which is fine.
    await child.signal(contractTerminatedSignal, { contractId: state.input.caseId, reason: state.termination!.reason }).catch(() => undefined);
    await condition(() => outcome !== undefined);
  }
  if ('failure' in outcome!) throw outcome.failure;
  return outcome!.view;
}

/** The approved termination takes effect: the notice is rendered and stored, the register shows it, the contract ends. */
async function terminate(run: CaseRun, input: TContractWorkflowInput): Promise<void> {
  const { state } = run;
  const reason = state.termination!.reason;
  const notice = await issuance.prepareTerminationNotice({ caseId: input.caseId, reason });
  await issuance.markContractTerminated({ caseId: input.caseId, reason });
  state.terminate(new Date(), { number: notice.number, document: { id: notice.number, sha256: notice.sha256 } });
}

/**
 * The child's case: the contract's legal review, the exception approval stage when above the cap, then both
 * signatures. Its facts tie it to the contract's versions; its fields are what the PPK gave (and the parties).
 */
export function addendumInput(
  contract: TContractWorkflowInput,
  current: { fields: Record<string, unknown>; facts: TContractFacts },
  request: TAddendumRequestInput,
): TAddendumWorkflowInput {
  const { fields, facts } = current;
  return {
    caseId: request.addendumId,
    kind: 'addendum',
    type: addendumCaseType(contract.type, request.exceptionReason ? (contract.typeData?.exceptionApproval ?? DEFAULT_EXCEPTION_APPROVAL) : null),
    applicantId: contract.applicantId,
    fields: {
      justification: request.justification,
      exceptionReason: request.exceptionReason,
      title: `Adendum ke-${request.sequence} ${String(fields.title)}`,
      vendorName: fields.vendorName,
      vendorRole: contract.parties.vendorRole,
      ppkRole: contract.parties.ppkRole,
    },
    facts: {
      kind: 'addendum',
      flags: [],
      contractId: contract.caseId,
      sequence: request.sequence,
      baseVersion: facts.currentVersion ?? facts.agreedVersion ?? 0,
      termsVersion: request.termsVersion,
    },
    documents: {},
    calendar: contract.calendar,
    officeCalendar: contract.officeCalendar,
    parties: contract.parties,
    signingOrder: contract.signingOrder,
  };
}

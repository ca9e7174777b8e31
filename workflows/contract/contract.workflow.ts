import { condition } from '@temporalio/workflow';
import { addWorkingDays } from '../../domain/calendar';
import { CaseRun, issuance } from '../shared/case.lifecycle';
import type { TCaseView, TCaseWorkflowInput } from '../shared/case.messages';

/** The parties of a contract, as roles: the PPK's unit and the vendor's NPWP. */
export interface TContractParties {
  ppkRole: string;
  vendorRole: string;
}

export type TContractWorkflowInput = TCaseWorkflowInput & {
  kind: 'contract';
  parties: TContractParties;
  /** When the performance guarantee is due (14 working days after the award letter); an input, so tests use seconds. */
  guaranteeDueAt: string;
};

const NEGOTIATION_SERVICE_DAYS = 5;
const GUARANTEE_STAGE = { stageId: 'jaminan_pelaksanaan', stageName: 'Jaminan pelaksanaan' };
const VENDOR_STAGE = { stageId: 'tinjauan_penyedia', stageName: 'Tinjauan penyedia' };
const PPK_STAGE = { stageId: 'tinjauan_ppk', stageName: 'Tinjauan PPK atas usulan penyedia' };

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

  const lastOutcome = () => state.lastDecision?.outcome; // read afresh: handlers change it between awaits
  // Negotiation: the vendor accepts or proposes a version; the PPK accepts it or counters with another.
  state.enterPhase('negotiation');
  for (;;) {
    const due = () => addWorkingDays(new Date(), NEGOTIATION_SERVICE_DAYS, input.calendar).toISOString();
    const review = state.openTask(new Date(), { kind: 'vendor_review', ...VENDOR_STAGE, role: vendorRole, dueAt: due() });
    if (await run.waitFor(() => review.status === 'done')) return run.finish();
    if (lastOutcome() === 'accept') break;
    state.setTerms({ termsVersion: state.lastDecision!.termsVersion!, proposals: state.proposals + 1 });
    const answer = state.openTask(new Date(), { kind: 'ppk_review', ...PPK_STAGE, role: ppkRole, dueAt: due() });
    if (await run.waitFor(() => answer.status === 'done')) return run.finish();
    if (lastOutcome() === 'accept') break;
    state.setTerms({ termsVersion: state.lastDecision!.termsVersion!, proposals: state.proposals + 1 });
  }
  state.setTerms({ agreedVersion: state.termsVersion });

  if (await run.waitFor(guaranteeDone)) return run.finish();
  state.enterPhase('awaiting_signature');
  await run.signAndIssue(
    [
      { step: 'vendor', role: vendorRole },
      { step: 'ppk', role: ppkRole },
    ],
    (signerId) => issuance.prepareContract({ caseId: input.caseId, signerId }),
    'active',
  );
  await run.waitFor(() => false);
  return run.finish();
}

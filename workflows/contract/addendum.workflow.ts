import { setHandler } from '@temporalio/workflow';
import { CaseRun, issuance } from '../shared/case.lifecycle';
import { contractTerminatedSignal } from '../shared/case.messages';
import type { TCaseView, TCaseWorkflowInput } from '../shared/case.messages';
import { contractSigners } from './contract.parties';
import type { TContractParties } from './contract.parties';

export type TAddendumWorkflowInput = TCaseWorkflowInput & {
  kind: 'addendum';
  parties: TContractParties;
  signingOrder?: Array<'vendor' | 'ppk'>;
};

/**
 * One addendum, workflow id `addendum:<caseId>`, a child of its contract's workflow: the same engine's review
 * stages (legal review; the head of office when above the cap), then the vendor's and the PPK's signatures on
 * its own document with its own number. When its contract is terminated, the contract tells it to end: it
 * closes withdrawn, its open tasks cancelled, whatever phase it is in.
 */
export async function addendumWorkflow(input: TAddendumWorkflowInput): Promise<TCaseView> {
  const run = await CaseRun.start(input);
  setHandler(contractTerminatedSignal, (msg) => run.state.cancelWithContract(new Date(), msg));
  await run.reviewStages();
  if (run.state.status === 'awaiting_signature') {
    await run.signAndIssue(
      contractSigners(input.parties, input.signingOrder),
      (signerId) => issuance.prepareAddendum({ caseId: input.caseId, signerId }),
    );
  }
  return run.finish();
}

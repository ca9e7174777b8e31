import { CaseRun, issuance } from '../shared/case.lifecycle';
import type { TCaseView, TCaseWorkflowInput } from '../shared/case.messages';
import type { TContractParties } from './contract.workflow';

export type TAddendumWorkflowInput = TCaseWorkflowInput & { kind: 'addendum'; parties: TContractParties };

/**
 * One addendum, workflow id `addendum:<caseId>`, a child of its contract's workflow: the same engine's review
 * stages (legal review; the head of office when above the cap), then the vendor's and the PPK's signatures on
 * its own document with its own number.
 */
export async function addendumWorkflow(input: TAddendumWorkflowInput): Promise<TCaseView> {
  const run = await CaseRun.start(input);
  await run.reviewStages();
  if (run.state.status === 'awaiting_signature') {
    await run.signAndIssue(
      [
        { step: 'vendor', role: input.parties.vendorRole },
        { step: 'ppk', role: input.parties.ppkRole },
      ],
      (signerId) => issuance.prepareAddendum({ caseId: input.caseId, signerId }),
    );
  }
  return run.finish();
}

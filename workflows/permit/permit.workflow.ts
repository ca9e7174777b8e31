import { signerRoleOf } from '../../domain/case-type.schema';
import { CaseRun, issuance } from '../shared/case.lifecycle';
import type { TCaseView, TCaseWorkflowInput } from '../shared/case.messages';

export type TPermitWorkflowInput = TCaseWorkflowInput & { kind: 'permit' };

/** One permit application, workflow id `permit:<caseId>`: review stages, then the certificate's signature. */
export async function permitWorkflow(input: TPermitWorkflowInput): Promise<TCaseView> {
  const run = await CaseRun.start(input);
  await run.reviewStages();
  if (run.state.status === 'awaiting_signature') {
    const role = signerRoleOf(input.type)!;
    // A deemed-approved permit says so on its certificate; others send the input they always did.
    const deemed = run.state.deemedApproved ? { deemedApproved: true } : {};
    await run.signAndIssue([{ step: 'certificate', role }], (signerId) => issuance.prepareCertificate({ caseId: input.caseId, signerId, ...deemed }));
  }
  return run.finish();
}

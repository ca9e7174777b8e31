import { createPrepareCertificate, type TCertificateDeps } from './certificate.activity';
import { createPrepareAddendum, createPrepareContract, createPrepareTerminationNotice, type TContractDeps } from './contract.activity';
import { createIssuanceActivities, type TIssuanceDeps } from './issuance.activities';
import { createLapseActivities, type TLapseDeps } from './lapse.activity';
import { createRecordActivities } from './records.activities';
import type { TStageNoticeDeps } from './stage-notice.activity';
import { createTreeHeadActivities } from './tree-head.activity';

export interface TActivityDeps extends TCertificateDeps, TContractDeps, TIssuanceDeps, TStageNoticeDeps, TLapseDeps {}

/**
 * Every activity of the worker, built from one set of dependencies. The names are the wire names recorded in
 * workflow histories: never rename one without a `patched` workflow change.
 */
export function createActivities(deps: TActivityDeps) {
  return {
    ...createRecordActivities(deps),
    // Documents, all through the one pipeline (prepare-document.ts).
    prepareCertificate: createPrepareCertificate(deps),
    prepareContract: createPrepareContract(deps),
    prepareAddendum: createPrepareAddendum(deps),
    prepareTerminationNotice: createPrepareTerminationNotice(deps),
    ...createIssuanceActivities(deps),
    // Deemed approval: a lapsed case's evidence and sealed report, and the applicant's notice.
    ...createLapseActivities(deps),
    // The transparency log's signed tree head, on demand.
    ...createTreeHeadActivities(deps),
  };
}

export type TActivities = ReturnType<typeof createActivities>;

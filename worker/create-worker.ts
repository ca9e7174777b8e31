import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { createPrepareCertificate } from '../activities/certificate.activity';
import type { TCertificateDeps } from '../activities/certificate.activity';
import { createPrepareAddendum, createPrepareContract, createPrepareTerminationNotice } from '../activities/contract.activity';
import type { TContractDeps } from '../activities/contract.activity';
import { createIssuanceActivities } from '../activities/issuance.activities';
import { createRecordActivities } from '../activities/records.activities';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

export interface TWorkerDeps extends TCertificateDeps, TContractDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** The office root certificate, embedded in signatures and used to check them. */
  rootCertPem: string;
  /** A prebuilt bundle (tests build one per run); otherwise the worker bundles `workflows/` itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The one place that wires activities and workflows into a worker, for `npm start` and tests alike. */
export function createWorker(deps: TWorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: {
      ...createRecordActivities(deps),
      ...createIssuanceActivities({
        ...deps,
        prepareCertificate: createPrepareCertificate(deps),
        prepareContract: createPrepareContract(deps),
        prepareAddendum: createPrepareAddendum(deps),
        prepareTerminationNotice: createPrepareTerminationNotice(deps),
      }),
    },
  });
}

import { treeHeadBytes, type TSignedTreeHead } from '../domain/transparency/log-entry';
import { sealBytes, type TOfficeSeal } from '../documents/signing/office-seal';
import { logProblem } from '../store/audit-log';
import type { Records } from '../store/records';
import { activityFailure } from './activity-failure';

export interface TTreeHeadDeps {
  records: Records;
  seal: TOfficeSeal;
}

/**
 * Signs the log's current tree head with the office seal and publishes it (RSA-SHA256 over the head's canonical
 * JSON, verifiable with the seal's certificate at GET /public/log/seal.pem). The whole log is re-read first: a log
 * that no longer gives its last signed head is never signed over, so a rewrite cannot be laundered into a new head.
 */
export async function publishTreeHead(deps: TTreeHeadDeps, now = new Date()): Promise<TSignedTreeHead> {
  const audit = await deps.records.auditLog.audit();
  const problem = logProblem(audit);
  if (problem) throw activityFailure('LogInconsistent', problem);
  const head = { treeSize: audit.size, rootHash: audit.rootHash, timestamp: now.toISOString() };
  const signed = { ...head, signature: sealBytes(deps.seal, treeHeadBytes(head)).toString('base64') };
  await deps.records.auditLog.saveTreeHead(signed);
  return signed;
}

export function createTreeHeadActivities(deps: TTreeHeadDeps) {
  return {
    async publishTreeHead(): Promise<TSignedTreeHead> {
      return publishTreeHead(deps);
    },
  };
}

export type TTreeHeadActivities = ReturnType<typeof createTreeHeadActivities>;

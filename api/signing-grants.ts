import type { TTask } from '../domain/case';
import { holdsRole } from '../domain/roles';
import type { TActor } from '../domain/roles';
import { unlockSignerKey, WrongPassphraseError } from '../documents/signing/pki';
import type { TApiDeps } from './deps';
import { ApiError } from './errors';

const GRANT_TTL_MS = 10 * 60_000;

/**
 * Checks the signer's passphrase against their own key at once (a wrong one is a 403 and the task stays
 * open) and exchanges it for a single-use grant sealed in the store. Only the grant id travels on to the
 * workflow; the passphrase never reaches workflow history, activity inputs or logs.
 */
export async function exchangePassphrase(deps: TApiDeps, actor: TActor, task: TTask, passphrase: string): Promise<string> {
  if (!holdsRole(actor, task.role)) throw new ApiError('FORBIDDEN', `task ${task.id} needs role ${task.role}`);
  if (task.status !== 'open' && task.status !== 'claimed') throw new ApiError('TASK_CLOSED', `task ${task.id} is closed`);
  const cert = await deps.records.signers.active(actor.userId);
  if (!cert) throw new ApiError('FORBIDDEN', 'you have no valid signing certificate');
  try {
    unlockSignerKey(cert.encryptedKeyPem, passphrase);
  } catch (err) {
    if (err instanceof WrongPassphraseError) throw new ApiError('FORBIDDEN', 'the passphrase is wrong', [{ path: 'passphrase', message: 'wrong passphrase' }]);
    throw err;
  }
  return deps.records.signers.createGrant({ userId: actor.userId, caseId: task.caseId, serial: cert.serial, passphrase, ttlMs: GRANT_TTL_MS });
}

import type { TTask } from '../domain/case';
import { holdsRole } from '../domain/roles';
import type { TActor } from '../domain/roles';
import { unlockSignerKey, WrongPassphraseError } from '../documents/signing/pki';
import type { TSignerCertificate } from '../store/signers';
import { DEFAULT_API_LIMITS } from './deps';
import type { TApiDeps } from './deps';
import { ApiError } from './errors';
import { guardedAttempt } from './guarded-attempt';
import type { TGuessGuard } from './guarded-attempt';

const GRANT_TTL_MS = 10 * 60_000;

/**
 * Checks the signer's passphrase against their own key at once (a wrong one is a 403 and nothing is signed).
 * Guesses are throttled per signer in the store (domain/attempt-throttle.ts): a delay after a few failures, then
 * a lock and a security event. One call is one attempt, however many documents it opens the way for (a batch).
 * Answers the certificate the passphrase opened.
 */
export async function checkPassphrase(deps: TApiDeps, actor: TActor, passphrase: string): Promise<TSignerCertificate> {
  const cert = await deps.records.signers.active(actor.userId);
  if (!cert) throw new ApiError('FORBIDDEN', 'you have no valid signing certificate');
  const guard: TGuessGuard = {
    subject: actor.userId,
    throttle: (deps.limits ?? DEFAULT_API_LIMITS).passphrase,
    lockEvent: 'passphrase_locked',
    path: 'passphrase',
    refusal: ({ locked, when, seconds }) =>
      locked
        ? {
            message:
              `Penandatanganan dikunci karena terlalu banyak frasa sandi salah; coba lagi setelah ${when} (${seconds} detik). / ` +
              `Signing is locked after too many wrong passphrases; try again after ${when} (in ${seconds} s).`,
            fieldMessage: 'locked after too many wrong passphrases',
          }
        : {
            message:
              `Frasa sandi salah beberapa kali; coba lagi setelah ${when} (${seconds} detik). / ` +
              `Several wrong passphrases; try again after ${when} (in ${seconds} s).`,
            fieldMessage: 'wait before the next attempt',
          },
    wrong: () => new ApiError('FORBIDDEN', 'the passphrase is wrong', [{ path: 'passphrase', message: 'wrong passphrase' }]),
  };
  await guardedAttempt(deps, guard, () => {
    try {
      unlockSignerKey(cert.encryptedKeyPem, passphrase);
      return true;
    } catch (err) {
      if (err instanceof WrongPassphraseError) return false;
      throw err;
    }
  });
  return cert;
}

/** Only an open task of a role the signer holds (403 otherwise, 409 when closed). */
function assertMaySign(actor: TActor, task: TTask): void {
  if (!holdsRole(actor, task.role)) throw new ApiError('FORBIDDEN', `task ${task.id} needs role ${task.role}`);
  if (task.status !== 'open' && task.status !== 'claimed') throw new ApiError('TASK_CLOSED', `task ${task.id} is closed`);
}

/**
 * A single-use grant for one sign task, sealed in the store, for a passphrase `checkPassphrase` accepted. Only
 * the grant id travels on to the workflow; the passphrase never reaches workflow history, activity inputs or logs.
 * It keeps the content digest of the document the signer approves by it (api/use-cases/signing-preview.ts).
 */
export async function grantFor(deps: TApiDeps, actor: TActor, task: TTask, cert: TSignerCertificate, passphrase: string, approvedContentSha256: string | null): Promise<string> {
  assertMaySign(actor, task);
  return deps.records.signers.createGrant({ userId: actor.userId, caseId: task.caseId, serial: cert.serial, passphrase, ttlMs: GRANT_TTL_MS, approvedContentSha256 });
}

/** One sign decision: the task's own checks first (a closed task never costs a passphrase attempt), then the passphrase, then its grant. */
export async function exchangePassphrase(deps: TApiDeps, actor: TActor, task: TTask, passphrase: string, approvedContentSha256: () => Promise<string | null>): Promise<string> {
  assertMaySign(actor, task);
  const cert = await checkPassphrase(deps, actor, passphrase);
  return grantFor(deps, actor, task, cert, passphrase, await approvedContentSha256());
}

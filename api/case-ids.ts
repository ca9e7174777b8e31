import crypto from 'node:crypto';
import type { TActor } from '../domain/roles';
import type { Records } from '../store/records';
import { ApiError, invalid } from './errors';

const ZIdempotencyKey = /^[\x21-\x7e]{1,200}$/;

/**
 * The case id of a submission: derived from the applicant and their Idempotency-Key, so a repeated
 * request attaches to the same case; random without a key.
 */
export function caseIdFor(actor: TActor, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return crypto.randomBytes(12).toString('hex');
  if (!ZIdempotencyKey.test(idempotencyKey)) throw invalid('Idempotency-Key', 'must be 1 to 200 visible ASCII characters');
  return crypto.createHash('sha256').update(`${actor.userId}\n${idempotencyKey}`).digest('hex').slice(0, 24);
}

/** JSON with object keys sorted at every level: the same request gives the same text whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * With an Idempotency-Key, binds the derived case id to the validated request body (its canonical hash) and
 * refuses the same key with another body (422): a repeat gets the first case, a different request must not.
 * Call it after validation, so a refused request does not bind the key.
 */
export async function claimIdempotencyKey(records: Records, caseId: string, idempotencyKey: string | undefined, route: string, body: unknown): Promise<void> {
  if (idempotencyKey === undefined) return;
  const sha256 = crypto.createHash('sha256').update(canonicalJson({ route, body })).digest('hex');
  if (!(await records.idempotency.claim(caseId, sha256))) {
    throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request; use a new key for a new request');
  }
}

/**
 * A request that creates something with no case id of its own to derive from the key (a contract version, an
 * addendum), run once per Idempotency-Key: the key is bound to the validated body as for submissions (another body
 * is a 422), the first answer is kept, and a repeat gets that answer without acting again. Without a key it just acts.
 */
export async function onceWithKey<T>(records: Records, actor: TActor, idempotencyKey: string | undefined, route: string, body: unknown, act: () => Promise<T>): Promise<T> {
  if (idempotencyKey === undefined) return act();
  const requestId = caseIdFor(actor, idempotencyKey);
  await claimIdempotencyKey(records, requestId, idempotencyKey, route, body);
  const earlier = await records.idempotency.response(requestId);
  if (earlier !== undefined) return earlier as T;
  const answer = await act();
  await records.idempotency.keepResponse(requestId, answer);
  return answer;
}

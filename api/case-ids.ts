import crypto from 'node:crypto';
import type { TActor } from '../domain/roles';
import { invalid } from './errors';

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


import type { Kysely } from 'kysely';
import type { TDatabase } from './database';

/** Which request body first used each Idempotency-Key (by the case id derived from it). */
export class IdempotencyRequests {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /**
   * Binds the case id to the body's hash unless it is bound already; true when the binding (new or old) is this
   * body's, false when the key was first used with another body.
   */
  async claim(caseId: string, requestSha256: string): Promise<boolean> {
    await this.db
      .insertInto('idempotency_requests')
      .values({ case_id: caseId, request_sha256: requestSha256, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .execute();
    const row = await this.db.selectFrom('idempotency_requests').select('request_sha256').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    return row.request_sha256 === requestSha256;
  }

  /** The answer kept for a claimed key, or undefined while none is (not finished, or failed). */
  async response(caseId: string): Promise<unknown> {
    const row = await this.db.selectFrom('idempotency_requests').select('response').where('case_id', '=', caseId).executeTakeFirst();
    return row?.response == null ? undefined : (JSON.parse(row.response) as unknown);
  }

  /** Keeps the answer of a claimed key's request; the first one kept stays. */
  async keepResponse(caseId: string, response: unknown): Promise<void> {
    await this.db.updateTable('idempotency_requests').set({ response: JSON.stringify(response) }).where('case_id', '=', caseId).where('response', 'is', null).execute();
  }
}

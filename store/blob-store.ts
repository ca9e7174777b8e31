import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { MAX_BLOB_BYTES } from '../domain/blob-limit';
import type { TDatabase } from './database';

const SHA256_HEX = /^[0-9a-f]{64}$/;


/**
 * Content-addressed blobs (uploads, drafts, signed PDFs) in the records database, immutable once written: every
 * API and worker instance reads what any of them stored, wherever it runs.
 */
export class BlobStore {
  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Stores the bytes under their sha256; storing the same bytes again writes nothing. */
  async put(bytes: Buffer): Promise<{ sha256: string; bytes: number }> {
    if (bytes.length > MAX_BLOB_BYTES) throw new RangeError(`a blob is at most ${MAX_BLOB_BYTES} bytes (got ${bytes.length})`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = { sha256, bytes: bytes.length };
    // Asked first so that bytes already stored are not sent again; the conflict clause covers a racing put.
    if (await this.has(sha256)) return result;
    await this.db
      .insertInto('blobs')
      .values({ sha256, bytes, size: bytes.length, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return result;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('blobs').select('bytes').where('sha256', '=', checked(sha256)).executeTakeFirst();
    return row ? Buffer.from(row.bytes) : undefined;
  }

  async has(sha256: string): Promise<boolean> {
    const row = await this.db.selectFrom('blobs').select('sha256').where('sha256', '=', checked(sha256)).executeTakeFirst();
    return row !== undefined;
  }
}

/** A hash is checked before it reaches a query: anything else is a caller's bug, not a missing blob. */
function checked(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new RangeError('sha256 must be 64 lowercase hex characters');
  return sha256;
}

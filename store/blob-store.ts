import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Content-addressed blobs on disk: `<dir>/<first 2 hex>/<sha256>`, immutable once written. */
export class BlobStore {
  constructor(private readonly dir: string) {}

  /** Stores the bytes under their sha256; storing the same bytes again writes nothing. */
  async put(bytes: Buffer): Promise<{ sha256: string; bytes: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = { sha256, bytes: bytes.length };
    if (await this.has(sha256)) return result;

    const shard = join(this.dir, sha256.slice(0, 2));
    await mkdir(shard, { recursive: true });
    // Write beside the target and rename, so a reader never sees a partial blob (rename is atomic on one filesystem).
    const temp = join(shard, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path(sha256));
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return result;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.path(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** The blob's path; the hash is checked first because it becomes part of a file path. */
  private path(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new RangeError('sha256 must be 64 lowercase hex characters');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}

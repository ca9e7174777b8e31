import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store';

/** Written into the old folder once every file in it is in the database: later starts skip the walk. */
export const IMPORTED_MARKER = 'IMPORTED-INTO-DATABASE';

const SHARD = /^[0-9a-f]{2}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface TBlobImport {
  imported: number;
  alreadyStored: number;
  /** Files whose content does not hash to their name: left where they are, never stored under a wrong key. */
  mismatched: string[];
}

/**
 * Imports the blob files of an installation from before blobs lived in the database (`<dataDir>/blobs/<2 hex>/<sha256>`),
 * one file at a time so that memory stays at one blob. Idempotent: a blob already stored is not read; a start that
 * dies half-way imports the rest on the next start. The files are left in place (a rollback still finds them).
 */
export async function importBlobFiles(blobs: BlobStore, dir: string): Promise<TBlobImport> {
  const result: TBlobImport = { imported: 0, alreadyStored: 0, mismatched: [] };
  const shards = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!shards || shards.includes(IMPORTED_MARKER)) return result;
  for (const shard of shards.filter((name) => SHARD.test(name)).sort()) {
    for (const name of (await readdir(join(dir, shard))).filter((n) => SHA256_HEX.test(n) && n.startsWith(shard)).sort()) {
      const file = join(dir, shard, name);
      if (!(await stat(file)).isFile()) continue;
      if (await blobs.has(name)) {
        result.alreadyStored += 1;
        continue;
      }
      const bytes = await readFile(file);
      if (createHash('sha256').update(bytes).digest('hex') !== name) {
        result.mismatched.push(file);
        continue;
      }
      await blobs.put(bytes);
      result.imported += 1;
    }
  }
  if (result.mismatched.length === 0) await writeFile(join(dir, IMPORTED_MARKER), `${new Date().toISOString()}\n`);
  return result;
}

/** One line for the start-up log, or undefined when there was nothing to import. */
export function blobImportSummary(result: TBlobImport): string | undefined {
  if (result.imported === 0 && result.mismatched.length === 0) return undefined;
  const mismatched = result.mismatched.length ? `; ${result.mismatched.length} not imported, content does not match the name: ${result.mismatched.join(', ')}` : '';
  return `blob files imported into the records database: ${result.imported} (${result.alreadyStored} already there)${mismatched}`;
}

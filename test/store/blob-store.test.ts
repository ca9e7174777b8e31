import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORTED_MARKER, importBlobFiles } from '../../store/blob-import';
import { MAX_BLOB_BYTES } from '../../domain/blob-limit';
import { openRecords, type Records } from '../../store/records';
import { DIALECTS, testDatabase, type TTestDatabase } from '../harness/databases';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

for (const dialect of DIALECTS) describe(`store/blob-store: blobs in the records database (${dialect})`, () => {
  let database: TTestDatabase;
  let records: Records;
  /** A second process's view of the same database (another API instance). */
  let other: Records;
  const content = Buffer.from('%PDF-1.7 a small test document');
  const sha256 = sha256Of(content);

  beforeEach(async () => {
    database = await testDatabase(dialect, { migrated: true });
    records = await openRecords(database.location);
    other = await openRecords(database.location);
  });

  afterEach(async () => {
    await other.close();
    await records.close();
    await database.dispose();
  });

  it('stores bytes under their sha256 and another instance reads them back', async () => {
    expect(await records.blobs.has(sha256)).to.equal(false);
    expect(await records.blobs.put(content)).to.deep.equal({ sha256, bytes: content.length });
    expect(await other.blobs.has(sha256)).to.equal(true);
    expect(await other.blobs.get(sha256)).to.deep.equal(content);
  });

  it('keeps every byte value (binary, not text)', async () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
    const { sha256: key } = await records.blobs.put(binary);
    const back = await other.blobs.get(key);
    expect(Buffer.isBuffer(back)).to.equal(true);
    expect(back).to.deep.equal(binary);
  });

  it('returns undefined for a blob it does not have', async () => {
    expect(await records.blobs.get('0'.repeat(64))).to.equal(undefined);
  });

  it('stores the same bytes once, also when two instances put them at the same moment', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : records).blobs.put(Buffer.from(content))));
    expect(results.every((r) => r.sha256 === sha256 && r.bytes === content.length)).to.equal(true);
    expect(await records.blobs.get(sha256)).to.deep.equal(content);
  });

  it('rejects a hash that is not 64 lowercase hex characters, and a blob above the bound', async () => {
    for (const bad of [sha256.toUpperCase(), sha256.slice(1), `${sha256}\n`, `../${sha256.slice(3)}`, '']) {
      expect(await rejection(records.blobs.get(bad))).to.be.instanceOf(RangeError);
      expect(await rejection(records.blobs.has(bad))).to.be.instanceOf(RangeError);
    }
    expect(await rejection(records.blobs.put(Buffer.alloc(MAX_BLOB_BYTES + 1)))).to.be.instanceOf(RangeError);
  });

  describe('importing the blob files of an installation from before', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sahkan-blobs-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const writeBlobFile = async (name: string, bytes: Buffer) => {
      await mkdir(join(dir, name.slice(0, 2)), { recursive: true });
      await writeFile(join(dir, name.slice(0, 2), name), bytes);
    };

    it('imports each file once, leaves the files, and skips the folder once everything is in', async () => {
      const files = [Buffer.from('first'), Buffer.from('second'), content];
      for (const bytes of files) await writeBlobFile(sha256Of(bytes), bytes);
      await records.blobs.put(content); // already stored: not read again
      await writeFile(join(dir, sha256.slice(0, 2), `.${sha256}.abc.tmp`), 'half-written'); // an old writer's leftover
      expect(await importBlobFiles(records.blobs, dir)).to.deep.equal({ imported: 2, alreadyStored: 1, mismatched: [] });
      for (const bytes of files) expect(await other.blobs.get(sha256Of(bytes))).to.deep.equal(bytes);
      expect(await readdir(dir)).to.include(IMPORTED_MARKER);
      expect(await importBlobFiles(records.blobs, dir)).to.deep.equal({ imported: 0, alreadyStored: 0, mismatched: [] });
    });

    it('never stores a file under a name its content does not hash to, and looks again at the next start', async () => {
      const wrong = sha256Of(Buffer.from('what the name promises'));
      await writeBlobFile(wrong, Buffer.from('something else'));
      const result = await importBlobFiles(records.blobs, dir);
      expect(result).to.deep.equal({ imported: 0, alreadyStored: 0, mismatched: [join(dir, wrong.slice(0, 2), wrong)] });
      expect(await records.blobs.has(wrong)).to.equal(false);
      expect(await readdir(dir)).not.to.include(IMPORTED_MARKER);
    });

    it('has nothing to do without the folder', async () => {
      expect(await importBlobFiles(records.blobs, join(dir, 'missing'))).to.deep.equal({ imported: 0, alreadyStored: 0, mismatched: [] });
    });
  });
});

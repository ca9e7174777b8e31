import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../../store/blob-store';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('store/blob-store', () => {
  let dir: string;
  let blobs: BlobStore;
  const content = Buffer.from('%PDF-1.7 a small test document');
  const sha256 = createHash('sha256').update(content).digest('hex');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sahkan-blobs-'));
    blobs = new BlobStore(join(dir, 'blobs'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores bytes under their sha256 in a two-hex shard and reads them back', async () => {
    expect(await blobs.has(sha256)).to.equal(false);
    expect(await blobs.put(content)).to.deep.equal({ sha256, bytes: content.length });
    expect(await readFile(join(dir, 'blobs', sha256.slice(0, 2), sha256))).to.deep.equal(content);
    expect(await blobs.has(sha256)).to.equal(true);
    expect(await blobs.get(sha256)).to.deep.equal(content);
  });

  it('returns undefined for a blob it does not have', async () => {
    expect(await blobs.get('0'.repeat(64))).to.equal(undefined);
  });

  it('does not rewrite a blob it already has and leaves no temporary files', async () => {
    await blobs.put(content);
    const path = join(dir, 'blobs', sha256.slice(0, 2), sha256);
    const before = await stat(path);
    expect(await blobs.put(Buffer.from(content))).to.deep.equal({ sha256, bytes: content.length });
    expect((await stat(path)).ino).to.equal(before.ino);
    expect(await readdir(join(dir, 'blobs', sha256.slice(0, 2)))).to.deep.equal([sha256]);
  });

  it('survives concurrent puts of the same bytes', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => blobs.put(content)));
    expect(results.every((r) => r.sha256 === sha256)).to.equal(true);
    expect(await readdir(join(dir, 'blobs', sha256.slice(0, 2)))).to.deep.equal([sha256]);
    expect(await blobs.get(sha256)).to.deep.equal(content);
  });

  it('rejects a hash that is not 64 lowercase hex characters before touching the filesystem', async () => {
    for (const bad of [sha256.toUpperCase(), sha256.slice(1), `${sha256}\n`, `../${sha256.slice(3)}`, '']) {
      expect(await rejection(blobs.get(bad))).to.be.instanceOf(RangeError);
      expect(await rejection(blobs.has(bad))).to.be.instanceOf(RangeError);
    }
    expect(await readdir(dir)).to.deep.equal([]);
  });
});

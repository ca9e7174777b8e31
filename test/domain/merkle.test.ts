import crypto from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { MerkleSubtrees } from '../../domain/transparency/merkle-subtrees';
import { createMerkle, splitPoint } from '../../domain/transparency/merkle';

const merkle = createMerkle((data) => crypto.createHash('sha256').update(data).digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

// The published test vectors of RFC 6962 trees (certificate-transparency-go, transparency-dev/merkle testonly/).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: { index: number; size: number; path: string[] }[] = [
  { index: 0, size: 1, path: [] },
  { index: 0, size: 2, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
  { index: 1, size: 2, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY: { first: number; second: number; proof: string[] }[] = [
  { first: 1, second: 1, proof: [] },
  {
    first: 1,
    second: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const leafHashes = LEAVES.map((l) => merkle.leafHash(l));
const randomLeaves = (n: number, seed: number) => Array.from({ length: n }, (_, i) => merkle.leafHash(new TextEncoder().encode(`entry ${seed}:${i}`)));
const flipped = (b: Uint8Array, at: number) => {
  const copy = Uint8Array.from(b);
  copy[at % copy.length]! ^= 0x01;
  return copy;
};

describe('transparency log: RFC 6962 Merkle tree', () => {
  it('splits a tree at the largest power of two below its size', () => {
    expect([2, 3, 4, 5, 7, 8, 9, 63, 28937].map(splitPoint)).to.deep.equal([1, 2, 2, 4, 4, 4, 8, 32, 16384]);
  });

  it('hashes the empty tree, leaves and every prefix of the 8-leaf vector tree to the published roots', () => {
    expect(hex(merkle.emptyRoot())).to.equal(ROOTS[0]);
    expect(hex(merkle.rootHash([]))).to.equal(ROOTS[0]);
    expect(hex(leafHashes[0]!)).to.equal('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    for (let size = 1; size <= 8; size++) expect(hex(merkle.rootHash(leafHashes.slice(0, size))), `size ${size}`).to.equal(ROOTS[size]);
  });

  it('builds and verifies the published inclusion proofs', () => {
    for (const v of INCLUSION) {
      const tree = leafHashes.slice(0, v.size);
      expect(merkle.inclusionProof(tree, v.index).map(hex), `${v.index}:${v.size}`).to.deep.equal(v.path);
      const input = { leafHash: leafHashes[v.index]!, index: v.index, treeSize: v.size, proof: v.path.map(unhex), root: unhex(ROOTS[v.size]!) };
      expect(merkle.verifyInclusion(input), `${v.index}:${v.size}`).to.equal(true);
      expect(merkle.verifyInclusion({ ...input, root: unhex(ROOTS[v.size - 1]!) }), `wrong root ${v.index}:${v.size}`).to.equal(false);
    }
  });

  it('builds and verifies the published consistency proofs', () => {
    for (const v of CONSISTENCY) {
      expect(merkle.consistencyProof(leafHashes.slice(0, v.second), v.first).map(hex), `${v.first}:${v.second}`).to.deep.equal(v.proof);
      const input = { first: v.first, second: v.second, firstRoot: unhex(ROOTS[v.first]!), secondRoot: unhex(ROOTS[v.second]!), proof: v.proof.map(unhex) };
      expect(merkle.verifyConsistency(input), `${v.first}:${v.second}`).to.equal(true);
    }
  });

  it('refuses malformed inputs instead of proving nothing', () => {
    const root = unhex(ROOTS[8]!);
    expect(merkle.verifyInclusion({ leafHash: leafHashes[0]!, index: 8, treeSize: 8, proof: [], root })).to.equal(false);
    expect(merkle.verifyInclusion({ leafHash: leafHashes[0]!, index: -1, treeSize: 8, proof: [], root })).to.equal(false);
    // A proof one hash short or one hash long does not reach the root.
    const path = INCLUSION[5]!.path.map(unhex);
    expect(merkle.verifyInclusion({ leafHash: leafHashes[0]!, index: 0, treeSize: 8, proof: path.slice(0, 2), root })).to.equal(false);
    expect(merkle.verifyInclusion({ leafHash: leafHashes[0]!, index: 0, treeSize: 8, proof: [...path, path[0]!], root })).to.equal(false);
    // Equal sizes with different roots, a shrinking tree, an empty proof between different sizes.
    expect(merkle.verifyConsistency({ first: 8, second: 8, firstRoot: root, secondRoot: unhex(ROOTS[7]!), proof: [] })).to.equal(false);
    expect(merkle.verifyConsistency({ first: 8, second: 7, firstRoot: root, secondRoot: unhex(ROOTS[7]!), proof: [] })).to.equal(false);
    expect(merkle.verifyConsistency({ first: 6, second: 8, firstRoot: unhex(ROOTS[6]!), secondRoot: root, proof: [] })).to.equal(false);
    expect(() => merkle.inclusionProof(leafHashes, 8)).to.throw(RangeError);
    expect(() => merkle.consistencyProof(leafHashes, 9)).to.throw(RangeError);
  });

  it('every inclusion proof of a random tree verifies, and fails with any byte flipped (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (size, seed, pick, flip) => {
        const tree = randomLeaves(size, seed);
        const index = pick % size;
        const root = merkle.rootHash(tree);
        const proof = merkle.inclusionProof(tree, index);
        const input = { leafHash: tree[index]!, index, treeSize: size, proof, root };
        expect(merkle.verifyInclusion(input)).to.equal(true);
        expect(merkle.verifyInclusion({ ...input, leafHash: flipped(tree[index]!, flip) })).to.equal(false);
        expect(merkle.verifyInclusion({ ...input, root: flipped(root, flip) })).to.equal(false);
        if (proof.length > 0) {
          const at = flip % proof.length;
          expect(merkle.verifyInclusion({ ...input, proof: proof.map((p, i) => (i === at ? flipped(p, flip) : p)) })).to.equal(false);
        }
        if (size > 1) expect(merkle.verifyInclusion({ ...input, index: (index + 1) % size })).to.equal(false);
      }),
      { numRuns: 200 },
    );
  });

  it('every consistency proof between two sizes of a random tree verifies, and fails with any byte flipped (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (second, seed, pick, flip) => {
        const tree = randomLeaves(second, seed);
        const first = 1 + (pick % second);
        const firstRoot = merkle.rootHash(tree.slice(0, first));
        const secondRoot = merkle.rootHash(tree);
        const proof = merkle.consistencyProof(tree, first);
        const input = { first, second, firstRoot, secondRoot, proof };
        expect(merkle.verifyConsistency(input)).to.equal(true);
        expect(merkle.verifyConsistency({ ...input, firstRoot: flipped(firstRoot, flip) })).to.equal(false);
        expect(merkle.verifyConsistency({ ...input, secondRoot: flipped(secondRoot, flip) })).to.equal(false);
        if (proof.length > 0) {
          const at = flip % proof.length;
          expect(merkle.verifyConsistency({ ...input, proof: proof.map((p, i) => (i === at ? flipped(p, flip) : p)) })).to.equal(false);
        }
        // A rewritten past: the same sizes over a tree whose first leaves differ.
        const rewritten = [flipped(tree[0]!, flip), ...tree.slice(1)];
        if (first < second) {
          const forged = merkle.consistencyProof(rewritten, first);
          expect(merkle.verifyConsistency({ ...input, secondRoot: merkle.rootHash(rewritten), proof: forged })).to.equal(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('kept complete subtrees give the same roots and proofs as the plain O(n) functions, at every size a log passes through (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (size, seed, pick) => {
        const leaves = randomLeaves(size, seed);
        const kept = new MerkleSubtrees(merkle);
        // Grown leaf by leaf, as the log grows; the trees of earlier sizes stay answerable.
        leaves.forEach((leaf) => kept.append(leaf));
        expect(kept.size).to.equal(size);
        for (const n of new Set([size, 1 + (pick % size), Math.max(1, size - 1), 2 ** Math.floor(Math.log2(size))])) {
          const plain = leaves.slice(0, n);
          const tree = kept.tree(n);
          expect(hex(merkle.rootOf(tree)), `root of ${n}`).to.equal(hex(merkle.rootHash(plain)));
          // The last leaves (the right edge, where subtrees are incomplete), the first and one at random.
          for (const index of new Set([n - 1, Math.max(0, n - 2), Math.max(0, n - 3), 0, pick % n])) {
            expect(merkle.inclusionProofOf(tree, index).map(hex), `leaf ${index} of ${n}`).to.deep.equal(merkle.inclusionProof(plain, index).map(hex));
          }
          for (const first of new Set([0, 1, n - 1, n, 1 + (pick % n)])) {
            expect(merkle.consistencyProofOf(tree, first).map(hex), `${first} to ${n}`).to.deep.equal(merkle.consistencyProof(plain, first).map(hex));
          }
        }
        expect(() => kept.tree(size + 1)).to.throw(RangeError);
      }),
      { numRuns: 150 },
    );
    const empty = new MerkleSubtrees(merkle);
    expect(hex(merkle.rootOf(empty.tree(0)))).to.equal(ROOTS[0]);
  });
});

/**
 * The Merkle tree of a transparency log, exactly as RFC 6962 §2.1 defines it (and RFC 9162 §2.1 verifies it):
 * leaf hash SHA-256(0x00 || entry), node hash SHA-256(0x01 || left || right), the hash of the empty tree SHA-256("").
 * Proofs are built by the RFC's recursive definitions (PATH, PROOF/SUBPROOF) over the leaf hashes and checked by the
 * iterative algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, so a proof made here is checked by an independent path.
 *
 * domain/ is pure: SHA-256 is handed in (node:crypto in the store, the verifier and the tests).
 */
export type TSha256 = (data: Uint8Array) => Uint8Array;

/** A tree of `size` leaves as its hashes are kept: `mth(lo, hi)` is MTH(D[lo:hi]) for 0 ≤ lo < hi ≤ size. */
export interface TTreeHashes {
  size: number;
  mth(lo: number, hi: number): Uint8Array;
}

export interface TMerkle {
  emptyRoot(): Uint8Array;
  leafHash(entry: Uint8Array): Uint8Array;
  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** MTH over leaf hashes already computed (a log keeps its leaves' hashes). */
  rootHash(leafHashes: readonly Uint8Array[]): Uint8Array;
  /** PATH(m, D[n]): the audit path of leaf `index` in the tree of `leafHashes.length` leaves. */
  inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[];
  /** PROOF(m, D[n]): the consistency proof from the tree of the first `first` leaves to the tree of all of them. */
  consistencyProof(leafHashes: readonly Uint8Array[], first: number): Uint8Array[];
  /** The same three over a tree whose subtree hashes are kept (MerkleSubtrees): the same bytes, O(log² n) hashes. */
  rootOf(tree: TTreeHashes): Uint8Array;
  inclusionProofOf(tree: TTreeHashes, index: number): Uint8Array[];
  consistencyProofOf(tree: TTreeHashes, first: number): Uint8Array[];
  /** The tree of plain leaf hashes: every MTH recomputed from the leaves, O(n). */
  leafTree(leafHashes: readonly Uint8Array[]): TTreeHashes;
  verifyInclusion(input: { leafHash: Uint8Array; index: number; treeSize: number; proof: readonly Uint8Array[]; root: Uint8Array }): boolean;
  verifyConsistency(input: { first: number; second: number; firstRoot: Uint8Array; secondRoot: Uint8Array; proof: readonly Uint8Array[] }): boolean;
}

/** The largest power of two smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const lsb = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

export function createMerkle(sha256: TSha256): TMerkle {
  const prefixed = (prefix: number, ...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(1 + parts.reduce((sum, p) => sum + p.length, 0));
    out[0] = prefix;
    let at = 1;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return sha256(out);
  };
  const leafHash = (entry: Uint8Array) => prefixed(0x00, entry);
  const nodeHash = (left: Uint8Array, right: Uint8Array) => prefixed(0x01, left, right);

  const emptyRoot = () => sha256(new Uint8Array(0));

  // MTH(D[lo:hi]) over leaf hashes.
  const mth = (leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array => {
    const n = hi - lo;
    if (n === 0) return emptyRoot();
    if (n === 1) return leaves[lo]!;
    const k = splitPoint(n);
    return nodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
  };
  const leafTree = (leaves: readonly Uint8Array[]): TTreeHashes => ({ size: leaves.length, mth: (lo, hi) => mth(leaves, lo, hi) });

  // PATH(m, D[lo:hi]), m relative to lo.
  const path = (tree: TTreeHashes, m: number, lo: number, hi: number): Uint8Array[] => {
    const n = hi - lo;
    if (n <= 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(tree, m, lo, lo + k), tree.mth(lo + k, hi)] : [...path(tree, m - k, lo + k, hi), tree.mth(lo, lo + k)];
  };

  // SUBPROOF(m, D[lo:hi], b), m relative to lo.
  const subproof = (tree: TTreeHashes, m: number, lo: number, hi: number, b: boolean): Uint8Array[] => {
    const n = hi - lo;
    if (m === n) return b ? [] : [tree.mth(lo, hi)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(tree, m, lo, lo + k, b), tree.mth(lo + k, hi)]
      : [...subproof(tree, m - k, lo + k, hi, false), tree.mth(lo, lo + k)];
  };

  const rootOf = (tree: TTreeHashes) => (tree.size === 0 ? emptyRoot() : tree.mth(0, tree.size));
  const inclusionProofOf = (tree: TTreeHashes, index: number) => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= tree.size) throw new RangeError(`leaf ${index} is not in a tree of ${tree.size}`);
    return path(tree, index, 0, tree.size);
  };
  const consistencyProofOf = (tree: TTreeHashes, first: number) => {
    if (!Number.isSafeInteger(first) || first < 0 || first > tree.size) throw new RangeError(`size ${first} is not within a tree of ${tree.size}`);
    // The empty tree is consistent with every tree and the tree with itself: nothing to prove (RFC 9162 §2.1.4).
    if (first === 0 || first === tree.size) return [];
    return subproof(tree, first, 0, tree.size, true);
  };

  return {
    emptyRoot,
    leafHash,
    nodeHash,
    rootHash: (leaves) => rootOf(leafTree(leaves)),
    inclusionProof: (leaves, index) => inclusionProofOf(leafTree(leaves), index),
    consistencyProof: (leaves, first) => consistencyProofOf(leafTree(leaves), first),
    rootOf,
    inclusionProofOf,
    consistencyProofOf,
    leafTree,

    // RFC 9162 §2.1.3.2.
    verifyInclusion({ leafHash: hash, index, treeSize, proof, root }) {
      if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
      let fn = index;
      let sn = treeSize - 1;
      let r = hash;
      for (const p of proof) {
        if (sn === 0) return false;
        if (lsb(fn) || fn === sn) {
          r = nodeHash(p, r);
          if (!lsb(fn)) {
            while (!lsb(fn) && fn !== 0) {
              fn = half(fn);
              sn = half(sn);
            }
          }
        } else {
          r = nodeHash(r, p);
        }
        fn = half(fn);
        sn = half(sn);
      }
      return sn === 0 && bytesEqual(r, root);
    },

    // RFC 9162 §2.1.4.2, with the trivial cases of §2.1.4 (an empty first tree; equal sizes with an empty proof).
    verifyConsistency({ first, second, firstRoot, secondRoot, proof }) {
      if (!isSize(first) || !isSize(second) || first > second) return false;
      if (first === 0) return proof.length === 0;
      if (first === second) return proof.length === 0 && bytesEqual(firstRoot, secondRoot);
      if (proof.length === 0) return false;
      // A first tree of 2^k leaves is a subtree of the second: its root starts the path.
      const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
      let fn = first - 1;
      let sn = second - 1;
      while (lsb(fn)) {
        fn = half(fn);
        sn = half(sn);
      }
      let fr = path[0]!;
      let sr = path[0]!;
      for (const c of path.slice(1)) {
        if (sn === 0) return false;
        if (lsb(fn) || fn === sn) {
          fr = nodeHash(c, fr);
          sr = nodeHash(c, sr);
          if (!lsb(fn)) {
            while (!lsb(fn) && fn !== 0) {
              fn = half(fn);
              sn = half(sn);
            }
          }
        } else {
          sr = nodeHash(sr, c);
        }
        fn = half(fn);
        sn = half(sn);
      }
      return bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot) && sn === 0;
    },
  };
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

import { splitPoint, type TMerkle, type TTreeHashes } from './merkle';

const HASH_BYTES = 32;

/** 32-byte hashes in one growing buffer: a level of the tree costs its hashes' bytes, not an object each. */
class HashColumn {
  private bytes = new Uint8Array(HASH_BYTES * 64);
  length = 0;

  push(hash: Uint8Array): void {
    if ((this.length + 1) * HASH_BYTES > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.length * HASH_BYTES);
    this.length++;
  }

  at(i: number): Uint8Array {
    return this.bytes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
  }
}

/**
 * The hashes of every complete, aligned subtree (2^k leaves starting at a multiple of 2^k) of an append-only log,
 * kept as the leaves arrive. Such a hash never changes once its last leaf exists, so it is computed once (one node
 * hash per leaf, amortised) and never invalidated; any MTH(D[lo:hi]) of an RFC 6962 tree is then the hash of at most
 * log2(n) of them along its right edge. 200,000 leaves keep ~400,000 hashes: ~13 MB.
 */
export class MerkleSubtrees {
  /** levels[k].at(i): MTH of leaves [i·2^k, (i+1)·2^k). */
  private readonly levels: HashColumn[] = [new HashColumn()];

  constructor(private readonly merkle: Pick<TMerkle, 'nodeHash' | 'emptyRoot'>) {}

  get size(): number {
    return this.levels[0]!.length;
  }

  /** The hash of the last leaf kept, or undefined while none is. */
  lastLeaf(): Uint8Array | undefined {
    return this.size === 0 ? undefined : this.levels[0]!.at(this.size - 1);
  }

  append(leafHash: Uint8Array): void {
    this.levels[0]!.push(leafHash);
    // Every level whose count became even completed a subtree one level up.
    for (let k = 0; this.levels[k]!.length % 2 === 0; k++) {
      const level = this.levels[k]!;
      const up = (this.levels[k + 1] ??= new HashColumn());
      up.push(this.merkle.nodeHash(level.at(level.length - 2), level.at(level.length - 1)));
    }
  }

  /** The tree of the first `size` leaves kept (size ≤ this.size). */
  tree(size: number): TTreeHashes {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw new RangeError(`a tree of ${size} leaves when ${this.size} are kept`);
    return { size, mth: (lo, hi) => this.mth(lo, hi) };
  }

  private mth(lo: number, hi: number): Uint8Array {
    const n = hi - lo;
    if (n === 0) return this.merkle.emptyRoot();
    const k = Math.log2(n);
    // A complete aligned subtree is kept; any other range is a complete left part and the rest (RFC 6962's split).
    if (Number.isInteger(k) && lo % n === 0) return this.levels[k]!.at(lo / n);
    const split = splitPoint(n);
    return this.merkle.nodeHash(this.mth(lo, lo + split), this.mth(lo + split, hi));
  }
}

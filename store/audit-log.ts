import { sql, type Kysely, type Selectable } from 'kysely';
import { MerkleSubtrees } from '../domain/transparency/merkle-subtrees';
import type { TTreeHashes } from '../domain/transparency/merkle';
import { canonicalJson, logEntryBytes, type TLogEntry, type TSignedTreeHead, type TTreeHead } from '../domain/transparency/log-entry';
import { lockForTransaction, type TAuditLogTable, type TDatabase } from './database';
import { fromHex, logMerkle, sha256Hex, toHex } from './log-merkle';

/** Something the office did, to be logged: its content is hashed, never stored here (personal data stays by id). */
export type TLogItem = Omit<TLogEntry, 'seq' | 'contentSha256'> & {
  /** The source record as JSON (its canonical JSON's SHA-256 is logged). */
  content: unknown;
};

export interface TStoredLogEntry extends TLogEntry {
  /** hex */
  leafHash: string;
}

export type { TSignedTreeHead };

/** What re-reading the log found wrong: rows whose leaf no longer recomputes, missing places, heads it no longer has. */
export interface TLogAudit {
  size: number;
  /** hex: the root of the stored leaves as they are now */
  rootHash: string;
  /** seq of rows whose content does not hash to their stored leaf (a row edited in place). */
  alteredRows: number[];
  /** The first seq missing below the largest (rows deleted in the middle), or null. */
  firstGap: number | null;
  /** The latest signed head when the stored leaves no longer give its root (rows rewritten or truncated after signing). */
  brokenHeads: TTreeHead[];
}

/** What is wrong with the log, in a sentence, or null when it still gives its last signed head. */
export function logProblem(audit: TLogAudit): string | null {
  const problems = [
    ...(audit.alteredRows.length ? [`entries ${audit.alteredRows.slice(0, 10).join(', ')} no longer hash to their leaves`] : []),
    ...(audit.firstGap !== null ? [`entry ${audit.firstGap} is missing`] : []),
    ...audit.brokenHeads.map((h) => `the head of ${h.timestamp} (size ${h.treeSize}) no longer matches the stored entries`),
  ];
  return problems.length ? `the transparency log was altered: ${problems.join('; ')}` : null;
}

const LOG_LOCK = 'audit-log';

function toEntry(r: Selectable<TAuditLogTable>): TStoredLogEntry {
  return {
    seq: Number(r.seq),
    key: r.key,
    at: r.at,
    kind: r.kind,
    action: r.action,
    actor: r.actor,
    subjects: JSON.parse(r.subjects) as Record<string, string>,
    contentSha256: r.content_sha256,
    leafHash: r.leaf_hash,
  };
}

/** The leaf hash an entry's fields give (hex): what anyone holding the entry recomputes. */
export const leafHashOf = (entry: TLogEntry): string => toHex(logMerkle.leafHash(logEntryBytes(entry)));

/**
 * Appends the items not logged yet (by key) at the end of the log, inside the caller's transaction, so that an
 * entry is there exactly when its source record is. Call it last in the transaction: it takes the log's lock
 * (PostgreSQL: an advisory lock; SQLite holds the write lock already), which is held until commit, so the next
 * `seq` is gapless and no two writers take the same. Items already logged cost one indexed read and no lock.
 */
export async function appendToLog(trx: Kysely<TDatabase>, items: readonly TLogItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const loggedKeys = async () =>
    new Set((await trx.selectFrom('audit_log').select('key').where('key', 'in', items.map((i) => i.key)).execute()).map((r) => r.key));
  if ((await loggedKeys()).size === new Set(items.map((i) => i.key)).size) return 0;

  await lockForTransaction(trx, LOG_LOCK);
  const logged = await loggedKeys();
  const last = await trx.selectFrom('audit_log').select(sql<number | null>`max(seq)`.as('last')).executeTakeFirst();
  let seq = last?.last === null || last?.last === undefined ? 0 : Number(last.last) + 1;
  const rows: TAuditLogTable[] = [];
  for (const item of items) {
    if (logged.has(item.key)) continue;
    logged.add(item.key);
    const entry: TLogEntry = { seq: seq++, key: item.key, at: new Date(item.at).toISOString(), kind: item.kind, action: item.action, actor: item.actor, subjects: item.subjects, contentSha256: sha256Hex(canonicalJson(item.content)) };
    rows.push({ seq: entry.seq, key: entry.key, at: entry.at, kind: entry.kind, action: entry.action, actor: entry.actor, subjects: JSON.stringify(entry.subjects), content_sha256: entry.contentSha256, leaf_hash: leafHashOf(entry) });
  }
  // Another writer may have logged them all while this one waited for the lock.
  if (rows.length > 0) await trx.insertInto('audit_log').values(rows).execute();
  return rows.length;
}

/** The transparency log (domain/transparency/): append-only entries, their Merkle tree and the signed tree heads. */
export class AuditLog {
  /**
   * The log's complete subtrees, kept in this process as proofs need them, so a proof or root reads only the leaves
   * appended since the last one and hashes O(log² n) nodes instead of every leaf (a public endpoint must not cost a
   * second of CPU at 100,000 entries). Kept here rather than in a table written on append: the log is append-only, so
   * nothing ever invalidates it, it needs no migration or extra write in every appending transaction, and a
   * restarted instance rebuilds it with one read of the leaf hashes.
   */
  private subtrees = new MerkleSubtrees(logMerkle);
  private extending: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<TDatabase>) {}

  /** Appends in a transaction of its own (sources that have none: PKI operations, administrators' actions). */
  append(items: readonly TLogItem[]): Promise<number> {
    return this.db.transaction().execute((trx) => appendToLog(trx, items));
  }

  async size(): Promise<number> {
    const row = await this.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The stored leaf hashes of the first `size` entries, in order. */
  async leafHashes(size: number): Promise<Uint8Array[]> {
    const rows = await this.db.selectFrom('audit_log').select('leaf_hash').where('seq', '<', size).orderBy('seq').execute();
    return rows.map((r) => fromHex(r.leaf_hash));
  }

  /** The root of the tree of the first `size` entries (hex), from the stored leaf hashes. */
  async rootHash(size: number): Promise<string> {
    return toHex(logMerkle.rootOf(await this.tree(size)));
  }

  /**
   * The tree of the first `size` entries, for roots and proofs (logMerkle.rootOf, inclusionProofOf, …). When the
   * stored leaves do not run without a gap up to `size` (a log altered under us) it is the plain tree of the leaves
   * there are, as before the subtrees were kept, and nothing of them is kept.
   */
  async tree(size: number): Promise<TTreeHashes> {
    const extended = this.extending.then(() => this.keepUpTo(size));
    // One extension at a time; a failed read fails its own request, not the next.
    this.extending = extended.catch(() => undefined);
    await extended;
    return size <= this.subtrees.size ? this.subtrees.tree(size) : logMerkle.leafTree(await this.leafHashes(size));
  }

  /**
   * Reads the leaves past those kept, up to `size`, with the last kept one again: if that one changed, the log was
   * truncated and refilled under us (only someone with database access does that), and the subtrees start over.
   * Rows edited in place elsewhere are found by audit() and by anyone recomputing the entries' leaves, not here.
   */
  private async keepUpTo(size: number): Promise<void> {
    const from = Math.max(this.subtrees.size - 1, 0);
    const rows = await this.db.selectFrom('audit_log').select(['seq', 'leaf_hash']).where('seq', '>=', from).where('seq', '<', Math.max(size, this.subtrees.size)).orderBy('seq').execute();
    const last = this.subtrees.lastLeaf();
    if (last && (rows[0] === undefined || Number(rows[0].seq) !== from || rows[0].leaf_hash !== toHex(last))) {
      this.subtrees = new MerkleSubtrees(logMerkle);
      return this.keepUpTo(size);
    }
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq < this.subtrees.size) continue;
      if (seq !== this.subtrees.size) return; // a gap: keep what runs without one
      this.subtrees.append(fromHex(row.leaf_hash));
    }
  }

  /** Entries `start` ≤ seq < `end`, in order. */
  async entries(start: number, end: number): Promise<TStoredLogEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>=', start).where('seq', '<', end).orderBy('seq').execute();
    return rows.map(toEntry);
  }

  async entryByKey(key: string): Promise<TStoredLogEntry | undefined> {
    const row = await this.db.selectFrom('audit_log').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toEntry(row);
  }

  async entryByLeafHash(leafHash: string): Promise<TStoredLogEntry | undefined> {
    const row = await this.db.selectFrom('audit_log').selectAll().where('leaf_hash', '=', leafHash).orderBy('seq').executeTakeFirst();
    return row && toEntry(row);
  }

  async saveTreeHead(head: TSignedTreeHead): Promise<void> {
    await this.db
      .insertInto('audit_tree_heads')
      .values({ tree_size: head.treeSize, root_hash: head.rootHash, timestamp: head.timestamp, signature: head.signature })
      .onConflict((oc) => oc.columns(['timestamp', 'tree_size']).doNothing())
      .execute();
  }

  /** The latest signed tree head, or undefined before the first. */
  async latestTreeHead(): Promise<TSignedTreeHead | undefined> {
    const row = await this.db.selectFrom('audit_tree_heads').selectAll().orderBy('timestamp', 'desc').orderBy('tree_size', 'desc').executeTakeFirst();
    return row && { treeSize: Number(row.tree_size), rootHash: row.root_hash, timestamp: row.timestamp, signature: row.signature };
  }

  /**
   * Re-reads the whole log: every row's leaf recomputed from its fields, the places without gaps, and the latest
   * signed head's root recomputed from the stored leaves. The publisher refuses to sign over a log that fails this.
   */
  async audit(): Promise<TLogAudit> {
    const rows = (await this.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()).map(toEntry);
    const alteredRows = rows.filter((e) => leafHashOf(e) !== e.leafHash).map((e) => e.seq);
    const gapAt = rows.findIndex((e, i) => e.seq !== i);
    const leaves = rows.map((e) => fromHex(e.leafHash));
    // The latest head is enough: any row rewritten or removed below its size changes its root.
    const latest = await this.latestTreeHead();
    const brokenHeads =
      latest && (latest.treeSize > leaves.length || toHex(logMerkle.rootHash(leaves.slice(0, latest.treeSize))) !== latest.rootHash)
        ? [{ treeSize: latest.treeSize, rootHash: latest.rootHash, timestamp: latest.timestamp }]
        : [];
    return { size: rows.length, rootHash: toHex(logMerkle.rootHash(leaves)), alteredRows, firstGap: gapAt === -1 ? null : gapAt, brokenHeads };
  }
}

/**
 * What a transparency-log proof costs at 10,000 and 100,000 entries in a temporary SQLite file: the plain way (read
 * every leaf hash up to the tree size and recompute the tree, as before the subtrees were kept) against the kept
 * complete subtrees (AuditLog.tree: the first request reads every leaf once, later ones only the new leaves). Each
 * request is what a public verification costs: the tree of the size, its root and one entry's inclusion proof; and a
 * consistency proof between two sizes with both roots. Checks that both ways give the same bytes.
 *
 *   npm run bench:log [-- --sizes 10000,100000 --seconds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TTreeHashes } from '../domain/transparency/merkle';
import { AuditLog, type TLogItem } from '../store/audit-log';
import { openDatabase } from '../store/database';
import { logMerkle, toHex } from '../store/log-merkle';
import { migrateToLatest } from '../store/migrations';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SIZES = arg('sizes', '10000,100000').split(',').map(Number);
const SECONDS = Number(arg('seconds', '3'));
const BATCH = 500;

const item = (i: number): TLogItem => ({ key: `bench:${i}`, at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), kind: 'case-event', action: 'approve', actor: 'reviewer-1', subjects: { caseId: `case-${i}` }, content: { i } });

/** Requests per second of `run` over about SECONDS (at least 3 runs), and the mean time of one. */
async function rate(run: (i: number) => Promise<unknown>): Promise<{ perSecond: number; ms: number }> {
  const start = performance.now();
  let n = 0;
  while (n < 3 || performance.now() - start < SECONDS * 1000) await run(n++);
  const ms = (performance.now() - start) / n;
  return { perSecond: 1000 / ms, ms };
}

const inclusion = (tree: TTreeHashes, index: number) => ({ root: toHex(logMerkle.rootOf(tree)), path: logMerkle.inclusionProofOf(tree, index).map(toHex) });
const consistency = (tree: TTreeHashes, first: number) => ({
  first: toHex(logMerkle.rootOf({ ...tree, size: first })),
  second: toHex(logMerkle.rootOf(tree)),
  proof: logMerkle.consistencyProofOf(tree, first).map(toHex),
});

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-bench-log-'));
  const db = openDatabase(path.join(dir, 'records.db'));
  try {
    await migrateToLatest(db);
    const writer = new AuditLog(db);
    const fmt = (r: { perSecond: number; ms: number }) => `${r.perSecond.toFixed(r.perSecond < 10 ? 2 : 0).padStart(7)}/s (${r.ms.toFixed(3)} ms)`;
    for (const size of SIZES) {
      const start = performance.now();
      for (let at = await writer.size(); at < size; at += BATCH) await writer.append(Array.from({ length: Math.min(BATCH, size - at) }, (_, i) => item(at + i)));
      console.log(`\n${size} entries (appended in ${((performance.now() - start) / 1000).toFixed(1)} s)`);
      const pick = (i: number) => (i * 7919) % size;
      const firstOf = (i: number) => 1 + ((i * 104_729) % (size - 1));

      const plainTree = async () => logMerkle.leafTree(await writer.leafHashes(size));
      const kept = new AuditLog(db); // a fresh instance: its first request reads every leaf
      const coldStart = performance.now();
      await kept.tree(size);
      const cold = performance.now() - coldStart;

      for (let i = 0; i < 5; i++) {
        const [plain, fast] = [await plainTree(), await kept.tree(size)];
        if (JSON.stringify([inclusion(plain, pick(i)), consistency(plain, firstOf(i))]) !== JSON.stringify([inclusion(fast, pick(i)), consistency(fast, firstOf(i))])) throw new Error(`the two ways differ at ${size}, request ${i}`);
      }
      const rows: Array<[string, { perSecond: number; ms: number }]> = [
        ['inclusion, plain (all leaves)', await rate(async (i) => inclusion(await plainTree(), pick(i)))],
        ['inclusion, kept subtrees', await rate(async (i) => inclusion(await kept.tree(size), pick(i)))],
        ['consistency, plain', await rate(async (i) => consistency(await plainTree(), firstOf(i)))],
        ['consistency, kept subtrees', await rate(async (i) => consistency(await kept.tree(size), firstOf(i)))],
      ];
      for (const [name, r] of rows) console.log(`  ${name.padEnd(30)} ${fmt(r)}`);
      console.log(`  first request of a fresh process (reads every leaf once): ${cold.toFixed(0)} ms; same bytes both ways: yes`);
    }
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

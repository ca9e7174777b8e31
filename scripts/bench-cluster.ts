/**
 * `npm run bench:cluster -- [--cases 40] [--concurrency 8]`: a load through both API instances of the production
 * shape (scripts/cluster-stack.ts, started here in a temporary folder on free ports, PostgreSQL durable as in a
 * deployment). Each permit is submitted through one API and reviewed and signed through the other, to issued.
 * Prints the server's `temporal operator cluster describe`, cases a second and request latencies by kind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG_DIR, loadCatalog } from '../store/catalog';
import { clusterClient, type TRequestKind } from '../test/harness/cluster-client';
import { createLoadStack } from './cluster-stack';
import { ensureTemporalCli } from './temporal-cli';
import { percentile } from './bench-figures';

const JWT_SECRET = 'bench-cluster-secret-of-at-least-thirty-two-characters';
const WARM_UP = 2;

const { values } = parseArgs({ options: { cases: { type: 'string', default: '40' }, concurrency: { type: 'string', default: '8' } } });
const cases = Number(values.cases);
const concurrency = Number(values.concurrency);


async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-bench-cluster-'));
  fs.chmodSync(root, 0o755); // PostgreSQL runs as its own user when this runs as root
  const cli = await ensureTemporalCli({ log: console.log });
  const stack = createLoadStack({
    root,
    cli,
    taskQueue: 'sahkan-bench',
    jwtSecret: JWT_SECRET,
    log: (line) => console.log(`[stack] ${line}`),
    output: () => {},
  });
  const latencies = new Map<TRequestKind, number[]>();
  let measuring = false;
  const client = clusterClient({
    apis: () => stack.apis,
    jwtSecret: JWT_SECRET,
    onRequest: (kind, ms) => measuring && latencies.set(kind, [...(latencies.get(kind) ?? []), ms]),
  });
  const type = loadCatalog(CATALOG_DIR).get('reklame')!;
  const oneCase = async (i: number) => client.complete((i + 1) % 2, (await client.submit(stack.apis[i % 2]!, type)).id);
  try {
    const startedAt = Date.now();
    await stack.start();
    console.log(`stack started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
    console.log(execFileSync(cli, ['operator', 'cluster', 'describe', '--address', stack.temporal!.address], { encoding: 'utf8' }));

    for (let i = 0; i < WARM_UP; i++) await oneCase(i);
    measuring = true;
    let next = 0;
    const loadStartedAt = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cases) await oneCase(next++);
      }),
    );
    const seconds = (performance.now() - loadStartedAt) / 1000;
    console.log(`${cases} permits issued through 2 APIs and 2 workers at ${concurrency} concurrent: ${seconds.toFixed(1)} s, ${(cases / seconds).toFixed(2)} cases/s`);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores\n`);
    console.log('request   count   p50 ms   p95 ms   max ms');
    for (const [kind, ms] of latencies) {
      const sorted = [...ms].sort((a, b) => a - b);
      const cells = [percentile(sorted, 50), percentile(sorted, 95), sorted.at(-1)!].map((v) => v.toFixed(0).padStart(8));
      console.log(`${kind.padEnd(8)} ${String(sorted.length).padStart(6)} ${cells.join(' ')}`);
    }
  } finally {
    await stack.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * `npm run bench:memory -- [--cases 1000] [--concurrency 8] [--decide 50] [--settle 30] [--compiled]`: the
 * worker's memory with many open cases. Starts the stack as `npm run bench:e2e` does (scripts/bench-e2e/stack.ts),
 * opens N reklame permits through the HTTP API, C at a time, and leaves them in review (each workflow waits for its
 * first reviewer), sampling the worker process every second: RSS (/proc), the main thread's V8 heap (its own
 * metrics) and the workflows in its cache (the SDK's metrics). Then it waits `--settle` seconds and decides the
 * first review task of the first `--decide` cases, the oldest, which a bounded cache has evicted long before: each
 * such decision replays the case's history. The cache settings come from the environment as for `npm start`
 * (SAHKAN_WORKER_MAX_CACHED_WORKFLOWS and friends, README "Configuration").
 *
 * `--compiled`: the worker and API of `npm run build`'s dist/ (as production runs them, the workflow bundle prebuilt)
 * instead of the sources under tsx, whose worker bundles the workflow code with webpack at start.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { CATALOG_DIR, loadCatalog } from '../store/catalog';
import { clusterClient } from '../test/harness/cluster-client';
import { parsePrometheusText, sampleSum } from '../test/harness/prometheus-text';
import { projectFile } from '../project-root';
import { loadAverage, percentile, processRssMb } from './bench-figures';
import { pidOf, pool, startBenchStack } from './bench-e2e/stack';
import { freePort } from './dev-server';

const JWT_SECRET = 'bench-memory-secret-of-at-least-thirty-two-characters';
const TASK_QUEUE = 'sahkan-bench-memory';
const SAMPLE_MS = 1_000;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    decide: { type: 'string', default: '50' },
    settle: { type: 'string', default: '30' },
    compiled: { type: 'boolean', default: false },
  },
});
const caseCount = Number(values.cases);
const concurrency = Number(values.concurrency);
const decideCount = Number(values.decide);
const settleSeconds = Number(values.settle);
if (![caseCount, concurrency].every((n) => Number.isInteger(n) && n > 0) || ![decideCount, settleSeconds].every((n) => Number.isInteger(n) && n >= 0)) {
  throw new Error('--cases and --concurrency take a whole number above 0, --decide and --settle one of 0 or more');
}

const say = (line: string) => process.stdout.write(`[bench:memory ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const MB = 1024 * 1024;

/** One look at the worker. */
interface TSample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  cachedWorkflows: number;
}

async function main(): Promise<void> {
  const [sdkPort, appPort] = [await freePort(), await freePort()];
  const cacheEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => (k.startsWith('SAHKAN_WORKER_') && !k.includes('METRICS')) || ['MALLOC_ARENA_MAX', 'NODE_OPTIONS'].includes(k)));
  const stack = await startBenchStack({
    name: 'bench-memory',
    taskQueue: TASK_QUEUE,
    jwtSecret: JWT_SECRET,
    env: { SAHKAN_WORKER_METRICS_PORT: String(sdkPort), SAHKAN_WORKER_APP_METRICS_PORT: String(appPort) },
    compiledIn: values.compiled ? projectFile('dist') : undefined,
    log: say,
  });
  const workerPid = pidOf(stack.worker);
  const sample = async (): Promise<TSample> => {
    const [sdk, app] = await Promise.all([sdkPort, appPort].map(async (port) => parsePrometheusText(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())));
    return {
      rssMb: processRssMb(workerPid).now,
      heapUsedMb: sampleSum(app!, 'nodejs_heap_size_used_bytes') / MB,
      heapTotalMb: sampleSum(app!, 'nodejs_heap_size_total_bytes') / MB,
      cachedWorkflows: sampleSum(sdk!, 'temporal_sticky_cache_size'),
    };
  };
  let peak: TSample = { rssMb: 0, heapUsedMb: 0, heapTotalMb: 0, cachedWorkflows: 0 };
  const sampler = setInterval(() => {
    sample().then(
      (s) => (peak = { rssMb: Math.max(peak.rssMb, s.rssMb), heapUsedMb: Math.max(peak.heapUsedMb, s.heapUsedMb), heapTotalMb: Math.max(peak.heapTotalMb, s.heapTotalMb), cachedWorkflows: Math.max(peak.cachedWorkflows, s.cachedWorkflows) }),
      () => undefined,
    );
  }, SAMPLE_MS);
  const rows: Array<[string, TSample]> = [];
  const note = async (label: string) => {
    const s = await sample();
    rows.push([label, s]);
    say(`${label}: worker RSS ${s.rssMb.toFixed(0)} MB, heap ${s.heapUsedMb.toFixed(0)} MB, ${s.cachedWorkflows} workflows cached; load ${loadAverage()}`);
  };
  try {
    say(`stack up (${values.compiled ? 'compiled dist/' : 'sources under tsx'}; worker settings ${JSON.stringify(cacheEnv)}; logs in ${stack.root}/stack.log); load ${loadAverage()} on ${os.cpus().length} cores`);
    await note('idle after start');
    const submit: number[] = [];
    const decision: number[] = [];
    const client = clusterClient({ apis: () => [stack.api], jwtSecret: JWT_SECRET, onRequest: (kind, ms) => (kind === 'submit' ? submit : decision).push(ms) });
    const reklame = loadCatalog(CATALOG_DIR).get('reklame')!;
    const ids: string[] = new Array<string>(caseCount);
    const loadBefore = loadAverage();
    const startedAt = performance.now();
    let opened = 0;
    const step = Math.max(1, Math.floor(caseCount / 4));
    await pool(caseCount, concurrency, async (i) => {
      ids[i] = (await client.submit(stack.api, reklame)).id;
      if (++opened % step === 0 && opened < caseCount) await note(`${opened} cases open`);
    });
    const seconds = (performance.now() - startedAt) / 1000;
    await note(`all ${caseCount} cases open`);
    if (settleSeconds > 0) {
      await new Promise((r) => setTimeout(r, settleSeconds * 1000));
      await note(`${settleSeconds} s later`);
    }
    // The oldest cases: with a cache smaller than N, their workflows were evicted and each decision replays.
    await pool(Math.min(decideCount, caseCount), concurrency, async (i) => {
      const task = (await client.detail(0, ids[i]!)).openTasks[0];
      if (!task) throw new Error(`case ${ids[i]} has no open task`);
      await client.decide(0, ids[i]!, task);
    });
    if (decideCount > 0) await note(`after deciding the first ${Math.min(decideCount, caseCount)}`);
    const hwm = processRssMb(workerPid).peak;
    clearInterval(sampler);

    const ms = (v: number[], p: number) => percentile([...v].sort((a, b) => a - b), p).toFixed(0);
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd([34, 10, 12, 10][i] ?? 0)).join(' ').trimEnd();
    const out = [
      `${caseCount} open reklame permits, ${concurrency} at a time, ${os.cpus().length} cores, ${values.compiled ? 'compiled' : 'from source'}; worker settings ${JSON.stringify(cacheEnv)}`,
      line(['worker', 'RSS MB', 'heap MB', 'cached']),
      ...rows.map(([label, s]) => line([label, s.rssMb.toFixed(0), `${s.heapUsedMb.toFixed(0)} / ${s.heapTotalMb.toFixed(0)}`, String(s.cachedWorkflows)])),
      line(['peak sampled (each column alone)', peak.rssMb.toFixed(0), `${peak.heapUsedMb.toFixed(0)} / ${peak.heapTotalMb.toFixed(0)}`, String(peak.cachedWorkflows)]),
      line(['peak RSS of the process (VmHWM)', hwm.toFixed(0)]),
      `opening: ${(caseCount / seconds).toFixed(1)} cases/s, submission p50 ${ms(submit, 50)} ms / p99 ${ms(submit, 99)} ms`,
      decision.length ? `decisions on the oldest ${decision.length} cases: p50 ${ms(decision, 50)} ms / p99 ${ms(decision, 99)} ms` : 'no decisions',
      `load average before ${loadBefore}, after ${loadAverage()}`,
    ];
    process.stdout.write(`\n${out.join('\n')}\n`);
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);

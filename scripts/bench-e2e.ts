/**
 * `npm run bench:e2e -- [--cases 80] [--concurrency 8] [--rounds 4] [--contracts 0] [--bare-projection]`: the permit flow end to end against the
 * naive floor, in one run on one Temporal dev server (started here, state in a temporary folder as `npm start`
 * keeps it) with the project's worker and API as `npm start` runs them (SQLite records).
 *
 * 1. Permits: N reklame permits through the HTTP API, C at a time (test/harness/cluster-client.ts: 3 uploads, the
 *    submission, every review and the signature with the development passphrase, a read of the case before each
 *    round of decisions), plus K contracts to signature by the fault campaign's bots when --contracts is given.
 * 2. Bare: N cases of a workflow of the same shape without business logic (scripts/bench-e2e/bare.workflow.ts, its
 *    own worker process), C at a time: update-with-start, 5 decision updates each awaiting an activity, 2 more;
 *    with --bare-projection also an activity after each answered update (14 activities; a permit ran 15 before
 *    `case-quiet-history-v1`, 6 since).
 *
 * The two are measured in R alternating rounds (a quarter of each, then the next), so that drift in the machine's
 * speed falls on both alike.
 *
 * Prints cases/s of both and their ratio, p50/p99 of submission and decision latency, CPU seconds per case of each
 * process (from /proc) and RSS (the peak includes the workers' bundling of their workflow code at start). A few cases
 * of each flow run first, not counted (warm-up).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { CATALOG_DIR, loadCatalog } from '../store/catalog';
import { clusterClient } from '../test/harness/cluster-client';
import { loadAverage as load, percentile, processCpuSeconds, processRssMb } from './bench-figures';
import { runBareCase } from './bench-e2e/bare-client';
import { createBots, type TBotCase } from './chaos/bots';
import { stackProcess } from './cluster-stack';
import { pidOf, pool, startBenchStack } from './bench-e2e/stack';

const JWT_SECRET = 'bench-e2e-secret-of-at-least-thirty-two-characters';
const TASK_QUEUE = 'sahkan-bench-e2e';
const BARE_TASK_QUEUE = 'sahkan-bench-bare';
const WARM_UP = 2;
const CONTRACT_TIMEOUT_MS = 600_000;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '80' },
    concurrency: { type: 'string', default: '8' },
    contracts: { type: 'string', default: '0' },
    'bare-projection': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '4' },
  },
});
const caseCount = Number(values.cases);
const concurrency = Number(values.concurrency);
const contractCount = Number(values.contracts);
const rounds = Number(values.rounds);
if (![caseCount, concurrency, rounds].every((n) => Number.isInteger(n) && n > 0) || rounds > caseCount || !Number.isInteger(contractCount) || contractCount < 0) {
  throw new Error('--cases, --concurrency and --rounds take a whole number above 0 (rounds at most cases), --contracts one of 0 or more');
}

const say = (line: string) => process.stdout.write(`[bench:e2e ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** What one phase measured. */
interface TPhase {
  cases: number;
  seconds: number;
  submit: number[];
  decision: number[];
  /** CPU seconds per process name over the measured part. */
  cpu: Map<string, number>;
  loadBefore: string;
  loadAfter: string;
}

type TRecord = (kind: 'submit' | 'decision', ms: number) => void;

type TJob = (i: number, record?: TRecord) => Promise<void>;
/** One of the two flows: its job, how many to measure, and the processes whose CPU time it costs. */
interface TFlow {
  job: TJob;
  total: number;
  pids: Record<string, number>;
}

/**
 * Measures `count` jobs (numbered from `first`) at the run's concurrency into `into`, adding their time and the CPU
 * time of the given processes to what earlier rounds measured.
 */
async function measure(into: TPhase, first: number, count: number, pids: Record<string, number>, job: TJob): Promise<void> {
  const cpuAt = () => new Map(Object.entries(pids).map(([name, pid]) => [name, processCpuSeconds(pid)]));
  if (!into.loadBefore) into.loadBefore = load();
  const record: TRecord = (kind, ms) => into[kind].push(ms);
  const cpuBefore = cpuAt();
  const ownBefore = process.cpuUsage();
  const startedAt = performance.now();
  await pool(count, concurrency, (i) => job(first + i, record));
  into.seconds += (performance.now() - startedAt) / 1000;
  into.cases += count;
  const own = process.cpuUsage(ownBefore);
  const add = (name: string, seconds: number) => into.cpu.set(name, (into.cpu.get(name) ?? 0) + seconds);
  for (const [name, seconds] of cpuAt()) add(name, seconds - cpuBefore.get(name)!);
  add('bench client', (own.user + own.system) / 1e6);
  into.loadAfter = load();
}

/**
 * Both flows, warmed up, then measured in alternating rounds: this machine's speed drifts by half within minutes, and
 * two long phases one after the other measured the drift as much as the flows.
 */
async function compare(permit: TFlow, bareFlow: TFlow) {
  const empty = (): TPhase => ({ cases: 0, seconds: 0, submit: [], decision: [], cpu: new Map(), loadBefore: '', loadAfter: '' });
  const [permits, bare] = [empty(), empty()];
  for (let i = 0; i < WARM_UP; i++) await Promise.all([permit.job(-1 - i), bareFlow.job(-1 - i)]);
  const share = (flow: TFlow, round: number) => Math.floor((flow.total * round) / rounds);
  for (let round = 0; round < rounds; round++) {
    const [p, b] = [permit, bareFlow].map((flow) => ({ first: share(flow, round), count: share(flow, round + 1) - share(flow, round) }));
    say(`round ${round + 1} of ${rounds}: ${p!.count} permits, then ${b!.count} bare cases, ${concurrency} at a time`);
    await measure(permits, p!.first, p!.count, permit.pids, permit.job);
    await measure(bare, b!.first, b!.count, bareFlow.pids, bareFlow.job);
  }
  return { permits, bare };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ name: 'bench-e2e', taskQueue: TASK_QUEUE, jwtSecret: JWT_SECRET, log: say });
  const { server, api, worker } = stack;
  const bareWorker = stackProcess({
    name: 'bare worker',
    entry: 'scripts/bench-e2e/bare-worker.ts',
    env: () => ({ ...process.env, TEMPORAL_ADDRESS: server.address, BENCH_TASK_QUEUE: BARE_TASK_QUEUE }),
    output: stack.output,
    ready: stack.workerReady,
  });
  const connection = await Connection.connect({ address: server.address });
  try {
    await bareWorker.start();
    say(`stack up (Temporal dev server ${server.address}, logs in ${stack.root}/stack.log); load ${load()} on ${os.cpus().length} cores`);

    // --- permits (and contracts) through the API ---
    let recordRequest: TRecord | undefined; // the pool's jobs all record into the phase under way
    const client = clusterClient({ apis: () => [api], jwtSecret: JWT_SECRET, onRequest: (kind, ms) => recordRequest?.(kind === 'submit' ? 'submit' : 'decision', ms) });
    const reklame = loadCatalog(CATALOG_DIR).get('reklame')!;
    const bots = createBots({ apis: () => [api], jwtSecret: JWT_SECRET, permitType: reklame, onRefusal: say, stepPauseMs: 50 });
    const contract = async (index: number) => {
      const c: TBotCase = { index, kind: 'contract', scenario: 'signed', idempotencyKey: `bench-e2e-contract-${index}`, done: false, failures: 0, internalErrors: 0, changesRequested: false };
      await bots.run(c, Date.now() + CONTRACT_TIMEOUT_MS, say);
      if (!c.done) throw new Error(`contract ${index} did not reach signature (${c.status})`);
    };
    const everyContract = contractCount > 0 ? (caseCount + contractCount) / contractCount : Infinity; // spread among the permits
    say(`permits: ${caseCount} reklame${contractCount ? ` and ${contractCount} contracts` : ''} through the API, ${concurrency} at a time`);
    const permitJob: TJob = async (i, record) => {
      recordRequest = record;
      if (record && Math.floor((i + 1) / everyContract) > Math.floor(i / everyContract)) return contract(i);
      await client.complete(0, (await client.submit(api, reklame)).id);
    };

    // --- the bare workflow on the same server ---
    const temporal = new Client({ connection });
    const runId = Date.now().toString(36);
    const bareOptions = { projectEachUpdate: values['bare-projection'] };
    const bareJob: TJob = (i, record) => runBareCase(temporal, BARE_TASK_QUEUE, `bare-${runId}-${i}`, bareOptions, (kind, ms) => record?.(kind, ms));
    if (bareOptions.projectEachUpdate) say('bare workflow with an activity after each update too');

    const { permits, bare } = await compare(
      { job: permitJob, total: caseCount + contractCount, pids: { api: pidOf(api), worker: pidOf(worker), 'Temporal dev server': server.pid } },
      { job: bareJob, total: caseCount, pids: { 'bare worker': pidOf(bareWorker), 'Temporal dev server': server.pid } },
    );

    const rss = { api: processRssMb(pidOf(api)), worker: processRssMb(pidOf(worker)), bare: processRssMb(pidOf(bareWorker)) };
    process.stdout.write(`\n${table(permits, bare, rss)}\n`);
  } finally {
    await connection.close();
    await bareWorker.kill('SIGTERM');
    await stack.stop();
  }
}

function table(permits: TPhase, bare: TPhase, rss: Record<'api' | 'worker' | 'bare', { now: number; peak: number }>): string {
  const mb = (m: { now: number; peak: number }) => `${m.now.toFixed(0)} / ${m.peak.toFixed(0)}`;
  const rate = (p: TPhase) => p.cases / p.seconds;
  const ms = (values: number[], p: number) => percentile([...values].sort((a, b) => a - b), p).toFixed(0);
  const cpu = (p: TPhase, name: string) => (p.cpu.has(name) ? (p.cpu.get(name)! / p.cases).toFixed(3) : '-');
  const rows: Array<[string, string, string, string?]> = [
    ['cases/s', rate(permits).toFixed(2), rate(bare).toFixed(2), `${(rate(permits) / rate(bare)).toFixed(2)}`],
    ['seconds for all cases', permits.seconds.toFixed(1), bare.seconds.toFixed(1)],
    ['submission p50 / p99 (ms)', `${ms(permits.submit, 50)} / ${ms(permits.submit, 99)}`, `${ms(bare.submit, 50)} / ${ms(bare.submit, 99)}`],
    ['decision p50 / p99 (ms)', `${ms(permits.decision, 50)} / ${ms(permits.decision, 99)}`, `${ms(bare.decision, 50)} / ${ms(bare.decision, 99)}`],
    ['decisions measured', String(permits.decision.length), String(bare.decision.length)],
    ['CPU s per case: API', cpu(permits, 'api'), '-'],
    ['CPU s per case: worker', cpu(permits, 'worker'), cpu(bare, 'bare worker')],
    ['CPU s per case: Temporal dev server', cpu(permits, 'Temporal dev server'), cpu(bare, 'Temporal dev server')],
    ['CPU s per case: bench client', cpu(permits, 'bench client'), cpu(bare, 'bench client')],
    ['RSS MB at the end / peak: API', mb(rss.api), '-'],
    ['RSS MB at the end / peak: worker', mb(rss.worker), mb(rss.bare)],
    ['load average before', permits.loadBefore, bare.loadBefore],
    ['load average after', permits.loadAfter, bare.loadAfter],
  ];
  const header = `${caseCount} cases${contractCount ? ` (+${contractCount} contracts)` : ''} at concurrency ${concurrency}, ${os.cpus().length} cores`;
  const widths = [36, 20, 20, 8];
  const line = (cells: readonly (string | undefined)[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' ').trimEnd();
  return [header, line(['', 'permits via API', values['bare-projection'] ? 'bare + projection' : 'bare workflow', 'ratio']), ...rows.map(line)].join('\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../store/database';
import { migrateToLatest } from '../../store/migrations';

const ROOT = path.resolve(__dirname, '../..');
const READY = 'records database ready';
const STARTS = 20;
/** Starts run this many at a time (each on its own data folder) to keep the suite short on two cores. */
const AT_ONCE = 5;
const running = new Set<ChildProcess>();

interface TStartResult {
  name: string;
  ready: boolean;
  output: string;
}

/**
 * Runs one real entry point (as `npm start` does) until it reports that its records database is open, or
 * until it exits on its own. Nothing else is needed: a migration race kills the process before that line.
 */
function startUntilReady(name: string, entry: string, dataDir: string): Promise<TStartResult> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
      cwd: ROOT,
      env: {
        ...process.env,
        SAHKAN_DATA_DIR: dataDir,
        PORT: '0',
        // Nothing listens here; both processes open the database before they connect to Temporal.
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(proc);
    let output = '';
    let settled = false;
    const settle = (ready: boolean) => {
      if (settled) return;
      settled = true;
      if (ready) proc.kill('SIGKILL');
      resolve({ name, ready, output });
    };
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(READY)) settle(true);
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    proc.once('exit', () => {
      running.delete(proc);
      settle(output.includes(READY));
    });
  });
}

/** One first start: both processes on a new, empty data folder; the failures found, if any. */
async function firstStart(n: number): Promise<string[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sahkan-first-start-'));
  try {
    const results = await Promise.all([
      startUntilReady('api', 'api/main.ts', dataDir),
      startUntilReady('worker', 'worker/main.ts', dataDir),
    ]);
    const failures = results.filter((r) => !r.ready).map((r) => `start ${n}, ${r.name}:\n${r.output.trim()}`);
    // One of them migrated, fully: nothing is left to apply.
    const db = openDatabase(path.join(dataDir, 'records.db'));
    try {
      const left = await migrateToLatest(db);
      if (left.length > 0) failures.push(`start ${n}: migrations left to apply: ${left.join(', ')}`);
    } finally {
      await db.destroy();
    }
    return failures;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('first start on an empty data folder (issue 8 finding 8)', function () {
  // Forty process starts: generous, as each loads the whole API or worker on a shared machine.
  this.timeout(600_000);

  after(() => {
    for (const proc of running) proc.kill('SIGKILL');
  });

  it(`the API and the worker started together ${STARTS} times both open the records database`, async () => {
    const failures: string[] = [];
    for (let first = 1; first <= STARTS; first += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, STARTS - first + 1) }, (_, k) => firstStart(first + k));
      failures.push(...(await Promise.all(batch)).flat());
    }
    expect(failures, failures.join('\n\n')).to.deep.equal([]);
  });
});

/**
 * The faults of the campaign (scripts/chaos.ts), on the processes of the production shape (scripts/cluster-stack.ts):
 * a worker killed with SIGKILL, an API instance killed, PostgreSQL stopped (fast shutdown) and the Temporal server
 * killed, each started again after a short random outage. One fault at a time; after each, a watchdog starts
 * again any process that died on its own meanwhile (counted: an unplanned exit is a finding, not a fault).
 */
import type { TClusterStack, TStackProcess } from '../cluster-stack';
import type { TRandom } from './seeded-random';

export type TFaultKind = 'worker' | 'api' | 'postgres' | 'temporal';
export const FAULT_KINDS: readonly TFaultKind[] = ['worker', 'api', 'postgres', 'temporal'];

export interface TFault {
  /** Planned start, ms after the campaign began. */
  at: number;
  kind: TFaultKind;
  /** Which worker or API (index). */
  target: number;
  /** How long the process stays down before it is started again. */
  downMs: number;
}

export interface TFaultRecord extends TFault {
  startedAt: number;
  /** Until everything was running again. */
  recoveredAfterMs: number;
}

/** M faults spread over `windowMs`, kinds taking turns in a shuffled order so each kind gets its share. */
export function planFaults(random: TRandom, count: number, windowMs: number, processes: { workers: number; apis: number }): TFault[] {
  const kinds = Array.from({ length: count }, (_, i) => FAULT_KINDS[i % FAULT_KINDS.length]!);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const times = Array.from({ length: count }, () => Math.floor(random.next() * windowMs)).sort((a, b) => a - b);
  return kinds.map((kind, i) => ({
    at: times[i]!,
    kind,
    target: random.int(0, (kind === 'worker' ? processes.workers : processes.apis) - 1),
    downMs: kind === 'postgres' ? random.int(500, 5_000) : random.int(200, 3_000),
  }));
}

export interface TFaultInjector {
  inject(fault: TFault): Promise<void>;
  /** Starts again whatever is not running (a process that died on its own); returns the names restarted. */
  heal(): Promise<string[]>;
}

/** `stopping`: true once the stack is being stopped (Ctrl-C): from then on nothing is started again. */
export function faultInjector(stack: TClusterStack, log: (line: string) => void, stopping: () => boolean): TFaultInjector {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const down = (p: TStackProcess) => !p.child || p.child.done;

  async function heal(): Promise<string[]> {
    const restarted: string[] = [];
    if (stopping()) return restarted;
    if (stack.temporal!.done) {
      restarted.push('temporal');
      await stack.restartTemporal();
    }
    for (const p of [...stack.workers, ...stack.apis].filter(down)) {
      restarted.push(p.name);
      await p.start();
    }
    if (restarted.length) log(`watchdog: started again ${restarted.join(', ')} (exited on their own)`);
    return restarted;
  }

  async function inject(fault: TFault): Promise<void> {
    if (stopping()) return;
    switch (fault.kind) {
      case 'worker':
      case 'api': {
        const p = (fault.kind === 'worker' ? stack.workers : stack.apis)[fault.target]!;
        log(`fault: kill -9 ${p.name}, down ${fault.downMs} ms`);
        await p.kill('SIGKILL');
        await pause(fault.downMs);
        if (!stopping()) await p.start();
        return;
      }
      case 'postgres':
        log(`fault: PostgreSQL fast shutdown, down ${fault.downMs} ms`);
        stack.postgres!.shutdown();
        await pause(fault.downMs);
        if (!stopping()) stack.postgres!.start();
        return;
      case 'temporal':
        log(`fault: kill -9 the Temporal server, down ${fault.downMs} ms`);
        await stack.temporal!.kill();
        await pause(fault.downMs);
        if (!stopping()) await stack.restartTemporal();
        return;
    }
  }

  return { inject, heal };
}

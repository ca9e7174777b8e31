/**
 * The legal clock's cost (issue 10): deadline computations a second through the rule of
 * domain/working-time/deadline.ts on the shipped calendar, for typical service levels with and without pauses,
 * and the pure part of re-projecting 10,000 open cases after a closure is declared (every case's deadline
 * computed again with the closure). The signals to the workflows that carry the new deadlines come with
 * issue 10 §3; this prints what exists now.
 *
 *   npm run bench:clock
 */
import { computeDeadline, type TClosure, type TDeadlineInput } from '../domain/working-time/deadline';
import { CALENDAR_FILE, loadOfficeCalendar } from '../store/catalog';

const SECONDS = 3;
const CASES = 10_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A small deterministic generator (mulberry32), so that runs compare. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Open cases received through 2026, service levels of 5–30 working days, a third of them paused once or twice. */
function sampleInputs(count: number, seed: number): TDeadlineInput[] {
  const next = random(seed);
  const start = Date.parse('2026-01-01T00:00:00+07:00');
  return Array.from({ length: count }, () => {
    const receivedAt = start + Math.floor(next() * 330 * DAY_MS);
    const pauses = [];
    let at = receivedAt;
    for (let i = 0, n = next() < 0.33 ? 1 + Math.floor(next() * 2) : 0; i < n; i++) {
      const from = at + Math.floor((1 + next() * 5) * DAY_MS);
      const to = from + Math.floor((2 + next() * 96) * HOUR_MS);
      pauses.push({ from: new Date(from), to: new Date(to) });
      at = to;
    }
    return { receivedAt: new Date(receivedAt), workingDays: [5, 10, 14, 20, 30][Math.floor(next() * 5)]!, pauses, policy: next() < 0.2 ? 'restart' : 'continue' };
  });
}

function main(): void {
  const calendar = loadOfficeCalendar(CALENDAR_FILE);
  const inputs = sampleInputs(CASES, 1);
  const plain = inputs.map((i) => ({ ...i, pauses: [] }));

  const rate = (work: TDeadlineInput[]) => {
    let count = 0;
    const started = performance.now();
    const end = started + SECONDS * 1000;
    while (performance.now() < end) {
      computeDeadline(calendar, work[count % work.length]!);
      count++;
    }
    return count / ((performance.now() - started) / 1000);
  };
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  process.stdout.write(`calendar ${calendar.version}: ${calendar.holidays.size} holidays, ${CASES.toLocaleString('en-US')} sample cases (5–30 working days, received in 2026)\n`);
  process.stdout.write(`deadline computations a second, no pauses:        ${fmt(rate(plain))}\n`);
  process.stdout.write(`deadline computations a second, a third paused:   ${fmt(rate(inputs))}\n`);

  // A closure declared on a working day in the middle of the year: every open case's deadline computed again.
  const closures: TClosure[] = [{ date: '2026-07-07', reason: 'Banjir' }];
  const before = inputs.map((i) => computeDeadline(calendar, i).dueAt?.getTime());
  const reproject = () => inputs.map((i) => computeDeadline(calendar, { ...i, closures }).dueAt?.getTime());
  // The median of five runs after a warm-up: one run alone varies with the collector.
  reproject();
  const runs = Array.from({ length: 5 }, () => {
    const started = performance.now();
    reproject();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  const ms = runs[2]!;
  const moved = reproject().filter((t, i) => t !== before[i]).length;
  process.stdout.write(
    `re-projecting ${CASES.toLocaleString('en-US')} open cases after a closure (the computation only): ${ms.toFixed(1)} ms, ${fmt(moved)} deadlines moved\n` +
      '(the signals carrying new deadlines to each workflow, in bounded batches, come with issue 10 §3)\n',
  );
}

main();

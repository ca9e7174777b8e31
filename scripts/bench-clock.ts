/**
 * The legal clock's cost (issue 10): deadline computations a second through the rule of
 * domain/working-time/deadline.ts on the shipped calendar, for typical service levels with and without pauses,
 * and the pure part of re-projecting 10,000 open cases after a closure is declared (every case's deadline
 * computed again with the closure), the engine's own step (each case's running stage and whole case re-counted from
 * its clock, as the calendarChanged signal does in the workflow), and the re-projection's paging of the store
 * (open cases 200 at a time from a SQLite file of 10,000 open and 10,000 closed cases, as the
 * calendar-reprojection workflow's activity reads them). Signalling 10,000 real workflows is not timed here.
 *
 *   npm run bench:clock
 */
import { computeDeadline, type TClosure, type TDeadlineInput } from '../domain/working-time/deadline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caseDeadline, stageDeadline, type TCaseClock } from '../domain/engine/case-clock';
import { CALENDAR_FILE, loadOfficeCalendar } from '../store/catalog';
import { openDatabase } from '../store/database';
import { migrateToLatest } from '../store/migrations';
import { Records } from '../store/records';
import { REPROJECTION_PAGE_SIZE } from '../workflows/calendar/calendar-reprojection.messages';

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

/** The median of five timed runs after a warm-up (one run alone varies with the collector). */
async function medianMs(run: () => unknown): Promise<number> {
  await run();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

/** Each sample as a case's clock: one running stage (opened at receipt, its pauses in the ledger). */
function clocksOf(inputs: TDeadlineInput[]): TCaseClock[] {
  return inputs.map((i) => ({
    serviceLevelDays: i.workingDays + 10,
    pauses: (i.pauses ?? []).map((p) => ({ paused: p.from.toISOString(), resumed: p.to!.toISOString(), reason: 'awaiting_revision' as const, by: { userId: 'u', role: 'r' }, resumedBy: null, stageId: 's', policy: i.policy ?? 'continue' })),
    stages: [{ stageId: 's', stageName: 'Kajian', serviceLevelDays: i.workingDays, policy: i.policy ?? 'continue', openedAt: i.receivedAt.toISOString(), closedAt: null, dueAt: null }],
  }));
}

/** A records database of `open` open cases and as many closed ones, paged as the re-projection pages it. */
async function pagingMs(open: number, closure: string): Promise<{ ms: number; pages: number; found: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-bench-clock-'));
  const db = openDatabase(path.join(dir, 'records.sqlite'));
  try {
    await migrateToLatest(db);
    const rows = Array.from({ length: open * 2 }, (_, n) => {
      const closed = n % 2 === 1;
      const due = new Date(Date.parse('2026-06-01T09:00:00Z') + (n % 120) * DAY_MS).toISOString();
      return {
        case_id: `case-${String(n).padStart(6, '0')}`,
        kind: 'permit' as const,
        type_id: 'reklame',
        registration_number: `B-${n}`,
        applicant_id: 'budi',
        status: closed ? ('issued' as const) : ('in_review' as const),
        stage_id: 'kajian_teknis',
        stage_name: 'Kajian teknis',
        fields: '{}',
        documents: '{}',
        submitted_at: '2026-05-01T02:00:00.000Z',
        stage_due_at: closed ? null : due,
        case_due_at: due,
        closed_at: closed ? '2026-05-20T02:00:00.000Z' : null,
        outcome_reason: null,
        version: 1,
        updated_at: '2026-05-01T02:00:00.000Z',
      };
    });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('cases').values(rows.slice(i, i + 500)).execute();
    });
    const records = new Records(db);
    const dayStartsAt = new Date(Date.parse(`${closure}T00:00:00Z`) - 14 * HOUR_MS).toISOString();
    let pages = 0;
    let found = 0;
    const page = async () => {
      pages = 0;
      found = 0;
      for (let after: string | null = null; ; ) {
        const cases = await records.calendarClosures.openCasesFrom({ dayStartsAt, after, limit: REPROJECTION_PAGE_SIZE });
        pages++;
        found += cases.length;
        if (cases.length < REPROJECTION_PAGE_SIZE) break;
        after = cases.at(-1)!.caseId;
      }
    };
    const ms = await medianMs(page);
    return { ms, pages, found };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
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
  const ms = await medianMs(reproject);
  const moved = reproject().filter((t, i) => t !== before[i]).length;
  process.stdout.write(`re-projecting ${CASES.toLocaleString('en-US')} open cases after a closure (the rule only): ${ms.toFixed(1)} ms, ${fmt(moved)} deadlines moved\n`);

  // The engine's step per case (CaseState.calendarChanged): the running stage's and the whole case's deadline.
  const clocks = clocksOf(inputs);
  const engineMs = await medianMs(() => clocks.map((clock) => [stageDeadline(calendar, clock.stages[0]!, clock.pauses, closures), caseDeadline(calendar, { ...clock, closures }, clock.stages[0]!.openedAt)]));
  process.stdout.write(`re-projecting ${CASES.toLocaleString('en-US')} case clocks (stage and case deadline each, as the signal handler does): ${engineMs.toFixed(1)} ms\n`);

  const paging = await pagingMs(CASES, '2026-07-07');
  process.stdout.write(
    `paging the store for the re-projection (SQLite, ${fmt(CASES)} open + ${fmt(CASES)} closed cases, ${REPROJECTION_PAGE_SIZE} a page): ${paging.ms.toFixed(1)} ms, ${paging.pages} pages, ${fmt(paging.found)} cases found\n` +
      'not timed: the signal to each workflow (one SignalExternalWorkflow command per case, 400 per run before continue-as-new)\n',
  );
}

void main();

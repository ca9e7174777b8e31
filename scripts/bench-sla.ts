/**
 * The service-level analytics (GET /admin/sla, the dashboard's per-stage tables) over a fresh records database:
 * `--cases` open cases spread over the catalogue's types and stages, their earlier stages decided (closed rounds),
 * written straight into the store. Prints the time of each store query and of the statistics (median of five runs).
 *
 *   npm run bench:sla [-- --cases 10000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localDate } from '../domain/calendar';
import { daysBefore, localDateRange } from '../domain/service-level-periods';
import { breachForecast, stageServiceLevels } from '../domain/sla-analytics';
import { CALENDAR_FILE, CATALOG_DIR, loadCatalog, loadOfficeCalendar } from '../store/catalog';
import { openRecords } from '../store/records';
import { seedOpenCases } from './seed-cases';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 10_000);
const RUNS = 5;

async function median<T>(run: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, result: result! };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-bench-sla-'));
  const records = await openRecords(path.join(dir, 'records.db'));
  const catalog = loadCatalog(CATALOG_DIR);
  const officeCalendar = loadOfficeCalendar(CALENDAR_FILE);
  const now = new Date();
  const seeded = performance.now();
  await seedOpenCases(records, catalog, { count: CASES, now, spreadDays: 80 });
  process.stdout.write(`records database: ${CASES} open cases with their tasks written in ${((performance.now() - seeded) / 1000).toFixed(1)} s (${dir})\n`);

  const today = localDate(now, officeCalendar);
  const range = localDateRange(daysBefore(today, 89), today, officeCalendar);
  const closed = await median(() => records.serviceLevels.closedStages(range, {}, 50_001));
  const open = await median(() => records.serviceLevels.openStages({}, 50_001));
  const stages = await median(() => stageServiceLevels({ closed: closed.result, open: open.result, now, time: { calendar: officeCalendar, closures: [] } }));
  const forecast = await median(() => breachForecast({ open: open.result, history: closed.result, now, time: { calendar: officeCalendar, closures: [] } }));
  const line = (what: string, ms: number) => process.stdout.write(`${what.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms\n`);
  line(`closed stage rounds of the last 90 days (${closed.result.length})`, closed.ms);
  line(`open stage rounds (${open.result.length})`, open.ms);
  line(`per type and stage: on time, median, p90, ages (${stages.result.length} rows)`, stages.ms);
  line(`breach forecast (${forecast.result.items.length} listed)`, forecast.ms);
  await records.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();

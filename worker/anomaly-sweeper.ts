import { errorMessage, startPeriodicPass, type TPeriodicPass } from './periodic-pass';
import { vendorConcentration } from '../domain/anomalies/contract-rules';
import { caseFindings } from '../domain/anomalies/run-rules';
import { officeHoursOf, type TOfficeHours } from '../domain/anomalies/office-hours';
import { ZOfficeCalendarFileSchema } from '../domain/working-time/office-calendar';
import { CALENDAR_FILE } from '../store/catalog';
import { readJsonFile } from '../store/json-files';
import type { Records } from '../store/records';

/**
 * The anomaly rules (domain/anomalies/) run over the records as a sweep in the worker, not inside each case's
 * projection: a rule failing or slow must never hold up a decision, and some rules read across cases (a type's
 * usual time, a vendor's awards). Every few minutes a pass looks at the cases changed since the last one (keyset
 * pages, at most MAX_CASES_PER_PASS, the rest the next pass); once a day, and when the worker starts, at every
 * case. Findings are recorded once per rule, case and subject, so passes may overlap and workers may sweep at once.
 */

export const SWEEP_PAGE = 200;
export const MAX_CASES_PER_PASS = 5000;
const DAY_MS = 86_400_000;
/** A vendor is counted against one PPK over the last year; three awards or more is a finding. */
export const VENDOR_WINDOW_DAYS = 365;
export const VENDOR_THRESHOLD = 3;

/** The office hours of templates/calendar.json, as the after-hours rule reads them. */
export const officeHoursFromFile = (): TOfficeHours => officeHoursOf(readJsonFile(CALENDAR_FILE, ZOfficeCalendarFileSchema));

export interface TAnomalySweepDeps {
  records: Pick<Records, 'auditCases' | 'auditFindings'>;
  office: TOfficeHours;
  vendorThreshold?: number;
  /** MAX_CASES_PER_PASS unless given (tests). */
  maxCases?: number;
}

export interface TSweepResult {
  cases: number;
  findings: number;
  added: number;
  /** Where the next incremental pass starts: the last change looked at (or `since` when none). */
  nextSince: string;
  /** More changed cases than one pass takes: the next pass continues. */
  truncated: boolean;
}

/** One pass over the cases changed at or after `since` (the epoch for all), and the vendor rule over the last year. */
export async function sweepAnomalies(deps: TAnomalySweepDeps, since = new Date(0).toISOString(), now = new Date()): Promise<TSweepResult> {
  const { auditCases, auditFindings } = deps.records;
  const typeMedianMs = await auditCases.typeMedians();
  const result: TSweepResult = { cases: 0, findings: 0, added: 0, nextSince: since, truncated: false };
  let cursor: Awaited<ReturnType<typeof auditCases.changedSince>>['next'] | undefined;
  do {
    const page = await auditCases.changedSince(since, cursor ?? undefined, SWEEP_PAGE);
    for (const { caseId, updatedAt } of page.items) {
      result.nextSince = updatedAt;
      result.cases++;
      const c = await auditCases.load(caseId);
      if (!c) continue;
      const found = caseFindings(c, { office: deps.office, typeMedianMs });
      result.findings += found.length;
      result.added += await auditFindings.record(found, now);
    }
    cursor = page.next;
    if (result.cases >= (deps.maxCases ?? MAX_CASES_PER_PASS) && cursor) {
      result.truncated = true;
      break;
    }
  } while (cursor);
  const awards = await auditCases.awardsSince(new Date(now.getTime() - VENDOR_WINDOW_DAYS * DAY_MS).toISOString());
  const concentrated = vendorConcentration(awards, now, deps.vendorThreshold ?? VENDOR_THRESHOLD, VENDOR_WINDOW_DAYS);
  result.findings += concentrated.length;
  result.added += await auditFindings.record(concentrated, now);
  return result;
}

export type TAnomalySweeper = TPeriodicPass;

type TLog = { warn(fields: object, msg: string): void; info(fields: object, msg: string): void };

/** Sweeps every `intervalMs` (5 minutes) from where the last pass ended, and all cases at start and daily. */
export function startAnomalySweeper(deps: Omit<TAnomalySweepDeps, 'office'> & { office?: TOfficeHours; intervalMs?: number; log: TLog }): TAnomalySweeper {
  const office = deps.office ?? officeHoursFromFile();
  // Where the next pass starts (cases are read oldest change first), and the full sweep in progress, if any: a
  // sweep larger than one pass goes on from where the last pass stopped, full or not.
  let from = new Date(0).toISOString();
  let full: { startedAt: number } | null = { startedAt: Date.now() };
  let lastFull = 0;
  return startPeriodicPass(
    async () => {
      const now = new Date();
      if (!full && now.getTime() - lastFull >= DAY_MS) {
        full = { startedAt: now.getTime() };
        from = new Date(0).toISOString();
      }
      const r = await sweepAnomalies({ ...deps, office }, from, now);
      if (r.cases > 0) from = r.nextSince;
      if (full && !r.truncated) {
        lastFull = full.startedAt;
        full = null;
      }
      if (r.added) deps.log.info({ cases: r.cases, added: r.added, full: Boolean(full) }, 'anomaly findings recorded');
    },
    deps.intervalMs ?? 5 * 60_000,
    (err) => deps.log.warn({ error: errorMessage(err) }, 'anomaly sweep failed; next pass retries'),
  );
}

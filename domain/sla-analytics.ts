import { deadlineAfter, workingDayCounter, type TWorkingTime } from './working-time/working-days';

/**
 * Service-level analytics (issue 10 §4), pure: per type and stage, how the stages closed in a range kept their
 * service level, how old the open ones are, and which open ones will likely break their deadline. Working days
 * are counted by the one deadline rule on the office calendar and the closures in force (working-time/). A "stage" here is one round of a stage: the tasks a case opened
 * for it together (a parallel stage has one per role); it closes when the last of them is decided.
 */

/** Lower bounds of the aging buckets, in working days: 0–2, 3–5, 6–10, 11–20, 21 and more. */
export const AGE_BUCKETS = [0, 3, 6, 11, 21] as const;
/** The closed stages the breach forecast learns from: those closed in the last this many days. */
export const FORECAST_HISTORY_DAYS = 90;

/** A stage round whose every task was decided: opened (its tasks created), due, closed (its last decision). */
export interface TClosedStage {
  typeId: string;
  stageId: string;
  stageName: string;
  openedAt: string;
  dueAt: string;
  closedAt: string;
}

/** A stage round still open on a running case, with the case's own deadline. */
export interface TOpenStage {
  caseId: string;
  registrationNumber: string;
  typeId: string;
  stageId: string;
  stageName: string;
  openedAt: string;
  stageDueAt: string | null;
  caseDueAt: string | null;
}

export interface TStageServiceLevel {
  typeId: string;
  stageId: string;
  stageName: string;
  /** Stage rounds closed in the range. */
  closed: number;
  /** Of them, closed by their due time. */
  onTime: number;
  /** onTime / closed (0–1, four decimals); null when none closed. */
  onTimeShare: number | null;
  /** Working days used by the closed ones (opened → closed): median and 90th percentile; null when none closed. */
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  /** Open rounds now, and how many of them fall in each AGE_BUCKETS bucket (working days since they opened). */
  open: number;
  openByAge: number[];
}

export interface TBreachForecast {
  caseId: string;
  registrationNumber: string;
  typeId: string;
  stageId: string;
  stageName: string;
  openedAt: string;
  /** Working days since the stage opened. */
  elapsedWorkingDays: number;
  /** The median of what past rounds of this stage, as old as this one, still took; 0 when it is older than all of them (then expected now). */
  remainingWorkingDays: number;
  /** How many past rounds the estimate rests on (all closed rounds of the stage in the history window). */
  basedOn: number;
  expectedFinishAt: string;
  stageDueAt: string | null;
  caseDueAt: string | null;
  /** Which deadlines the expected finish falls after. */
  breaches: Array<'stage' | 'case'>;
  /** Working days from the earliest breached deadline to the expected finish. */
  lateByWorkingDays: number;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks (Hyndman and Fan's type 7, the
 * default of R, NumPy and spreadsheets' PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5, its 90th percentile 3.7.
 * Null for no values. Rounded to two decimals, which is all a count of days needs.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`a quantile lies between 0 and 1, got ${q}`);
  if (values.length === 0) return null;
  return Math.round(quantileOfSorted([...values].sort((a, b) => a - b), 0, q) * 100) / 100;
}

/** The q-quantile (type 7, unrounded) of sorted[from…], which must not be empty. */
function quantileOfSorted(sorted: readonly number[], from: number, q: number): number {
  const rank = from + q * (sorted.length - 1 - from);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}

/** The index of the AGE_BUCKETS bucket an age in working days falls in. */
export function ageBucketOf(workingDays: number): number {
  return AGE_BUCKETS.filter((from) => workingDays >= from).length - 1;
}

const keyOf = (s: { typeId: string; stageId: string }) => `${s.typeId}\u0000${s.stageId}`;

/**
 * Per type and stage (ordered by type, then stage): the stages closed in the range with their on-time share and
 * working days used, and the open ones by age at `now`. Every type and stage that has either appears.
 */
export function stageServiceLevels(input: { closed: readonly TClosedStage[]; open: readonly TOpenStage[]; now: Date; time: TWorkingTime }): TStageServiceLevel[] {
  const groups = new Map<string, { typeId: string; stageId: string; stageName: string; used: number[]; onTime: number; openByAge: number[] }>();
  const groupOf = (s: { typeId: string; stageId: string; stageName: string }) => {
    let group = groups.get(keyOf(s));
    if (!group) {
      group = { typeId: s.typeId, stageId: s.stageId, stageName: s.stageName, used: [], onTime: 0, openByAge: AGE_BUCKETS.map(() => 0) };
      groups.set(keyOf(s), group);
    }
    return group;
  };
  const daysAfter = workingDayCounter(input.time);
  for (const stage of input.closed) {
    const group = groupOf(stage);
    group.used.push(daysAfter(new Date(stage.openedAt), new Date(stage.closedAt)));
    if (Date.parse(stage.closedAt) <= Date.parse(stage.dueAt)) group.onTime++;
  }
  for (const stage of input.open) {
    groupOf(stage).openByAge[ageBucketOf(daysAfter(new Date(stage.openedAt), input.now))]!++;
  }
  return [...groups.values()]
    .sort((a, b) => (a.typeId === b.typeId ? (a.stageId < b.stageId ? -1 : 1) : a.typeId < b.typeId ? -1 : 1))
    .map((g) => ({
      typeId: g.typeId,
      stageId: g.stageId,
      stageName: g.stageName,
      closed: g.used.length,
      onTime: g.onTime,
      onTimeShare: g.used.length === 0 ? null : Math.round((g.onTime / g.used.length) * 10_000) / 10_000,
      medianWorkingDays: quantile(g.used, 0.5),
      p90WorkingDays: quantile(g.used, 0.9),
      open: g.openByAge.reduce((n, c) => n + c, 0),
      openByAge: g.openByAge,
    }));
}

/**
 * The open stages likely to break a deadline. A stage open for e working days is expected to need the median of
 * what the past rounds of the same type and stage that lasted at least e days still took after e (the median
 * remaining time, rounded up to whole working days; 0 when it has outlasted them all). Its expected finish is
 * the deadline that many working days after `now` by the deadline rule (`now` itself for 0); it is listed when
 * that falls after the stage's or the case's deadline. A stage with no past round is not forecast (counted apart).
 * Ordered by the earliest breached deadline.
 */
export function breachForecast(input: { open: readonly TOpenStage[]; history: readonly TClosedStage[]; now: Date; time: TWorkingTime }): {
  items: TBreachForecast[];
  withoutHistory: number;
} {
  const daysAfter = workingDayCounter(input.time);
  const past = new Map<string, number[]>();
  for (const stage of input.history) {
    const list = past.get(keyOf(stage)) ?? [];
    list.push(daysAfter(new Date(stage.openedAt), new Date(stage.closedAt)));
    past.set(keyOf(stage), list);
  }
  for (const list of past.values()) list.sort((a, b) => a - b);
  // The median remaining time after e days, per stage and e (few distinct ages): of the sorted durations d ≥ e, the
  // median of d − e is their median minus e.
  const remainingAfter = new Map<string, number>();
  const remainingOf = (key: string, sorted: number[], elapsed: number) => {
    const memoKey = `${key}\u0000${elapsed}`;
    let remaining = remainingAfter.get(memoKey);
    if (remaining === undefined) {
      let lo = 0;
      for (let hi = sorted.length; lo < hi; ) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < elapsed) lo = mid + 1;
        else hi = mid;
      }
      remaining = lo === sorted.length ? 0 : Math.ceil(quantileOfSorted(sorted, lo, 0.5) - elapsed);
      remainingAfter.set(memoKey, remaining);
    }
    return remaining;
  };
  const finishes = new Map<number, Date>();
  const finishAfter = (remaining: number) => {
    if (remaining === 0) return input.now;
    let finish = finishes.get(remaining);
    if (!finish) finishes.set(remaining, (finish = deadlineAfter(input.now, remaining, input.time)));
    return finish;
  };
  const items: Array<TBreachForecast & { firstBreach: number }> = [];
  let withoutHistory = 0;
  for (const stage of input.open) {
    const durations = past.get(keyOf(stage));
    if (!durations) {
      withoutHistory++;
      continue;
    }
    const elapsed = daysAfter(new Date(stage.openedAt), input.now);
    const remaining = remainingOf(keyOf(stage), durations, elapsed);
    const finish = finishAfter(remaining);
    const deadlines = ([['stage', stage.stageDueAt], ['case', stage.caseDueAt]] as const).filter(
      (d): d is readonly ['stage' | 'case', string] => d[1] !== null && finish.getTime() > Date.parse(d[1]),
    );
    if (deadlines.length === 0) continue;
    const firstBreach = Math.min(...deadlines.map(([, at]) => Date.parse(at)));
    items.push({
      caseId: stage.caseId,
      registrationNumber: stage.registrationNumber,
      typeId: stage.typeId,
      stageId: stage.stageId,
      stageName: stage.stageName,
      openedAt: stage.openedAt,
      elapsedWorkingDays: elapsed,
      remainingWorkingDays: remaining,
      basedOn: durations.length,
      expectedFinishAt: finish.toISOString(),
      stageDueAt: stage.stageDueAt,
      caseDueAt: stage.caseDueAt,
      breaches: deadlines.map(([which]) => which),
      lateByWorkingDays: daysAfter(new Date(firstBreach), finish),
      firstBreach,
    });
  }
  items.sort((a, b) => a.firstBreach - b.firstBreach || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  return { items: items.map(({ firstBreach: _firstBreach, ...item }) => item), withoutHistory };
}

import { AssertionError } from 'node:assert';
import { OPEN_TASK_STATUSES } from '../../domain/case';
import type { TCaseEvent, TTask, TTaskStatus } from '../../domain/case';
import { outcomesFor } from '../../domain/outcome';
import type { CaseModel } from './case-engine.model';

/**
 * The actions that close a case; exactly one of them once closed, none before. (`approved` closes only cases
 * started before issuance existed; newer ones record it on the way to signature, so it is not counted.)
 */
export const TERMINAL_ACTIONS = ['issued', 'rejected', 'withdrawn', 'terminated'] as const;
const TASK_MOVES: Record<TTaskStatus, readonly TTaskStatus[]> = {
  open: ['open', 'claimed', 'done', 'cancelled'],
  claimed: ['claimed', 'done', 'cancelled'],
  done: ['done'],
  cancelled: ['cancelled'],
};
/** Statuses in which the workflow waits for a person's task: one must be open, or the case is stuck. */
const WAITS_ON_TASK = ['in_review', 'negotiation', 'awaiting_signature'];

/** What one step may not lose or rewrite, remembered from the step before. */
export interface TSeen {
  status: string;
  closed: boolean;
  version: number;
  registrationNumber: string | null;
  documentNumber: string | null;
  termsVersion: number;
  agreedVersion: unknown;
  tasks: TTask[];
  tasksJson: string[];
  /** Copies of the events (flat objects), compared field by field: cheaper than serialising them every step. */
  events: TCaseEvent[];
  snapshot: string;
}

const EVENT_KEYS = ['caseId', 'seq', 'at', 'actorId', 'role', 'action', 'stageId', 'comment'] as const satisfies ReadonlyArray<keyof TCaseEvent>;
const sameEvent = (a: TCaseEvent | undefined, b: TCaseEvent) => a !== undefined && Object.keys(a).length === EVENT_KEYS.length && EVENT_KEYS.every((k) => a[k] === b[k]);

/**
 * What `checkCase` compares the next step against. `snapshot` is the model's snapshot now (taken once per step
 * and shared with `checkCase`); `prev`, already checked against the case, lends its copies of the older events.
 */
export function remember(model: CaseModel, snapshot: string, prev?: TSeen): TSeen {
  const { state } = model;
  const kept = prev?.events ?? [];
  return {
    status: state.status,
    closed: state.isClosed,
    version: state.version,
    registrationNumber: state.registrationNumber,
    documentNumber: state.documentNumber,
    termsVersion: state.termsVersion,
    agreedVersion: state.facts.kind === 'contract' ? (state.facts.agreedVersion ?? undefined) : undefined,
    tasks: state.tasks.map((t) => ({ ...t })),
    tasksJson: state.tasks.map((t) => JSON.stringify(t)),
    events: [...kept, ...state.events.slice(kept.length).map((e) => ({ ...e }))],
    snapshot,
  };
}

/** Checks one case after a step against what it was before (`prev` undefined: the first look). */
export function checkCase(model: CaseModel, prev: TSeen | undefined, snapshot: string = model.snapshot()): void {
  const { state } = model;
  const label = `${state.input.kind} ${state.input.caseId} (${state.status}, v${state.version})`;
  const ensure = (ok: boolean, message: () => string) => {
    if (!ok) throw new AssertionError({ message: `${label}: ${message()}` });
  };

  // A case whose version did not move must not have changed at all; the costly read-model checks run when it did.
  if (!prev || prev.version !== state.version) checkReadModels(model, ensure);
  else ensure(snapshot === prev.snapshot, () => `changed without a new version:\nbefore ${prev.snapshot}\nafter  ${snapshot}`);

  // Tasks: unique ids, never newer than the case, a decided task carries an outcome its kind takes.
  ensure(new Set(state.tasks.map((t) => t.id)).size === state.tasks.length, () => 'task ids repeat');
  for (const t of state.tasks) {
    ensure(t.version <= state.version, () => `task ${t.id} (v${t.version}) newer than the case`);
    if (t.status === 'done') {
      ensure(outcomesFor(t.kind).includes(t.outcome!), () => `task ${t.id} (${t.kind}) decided ${t.outcome}`);
      ensure(typeof t.decidedAt === 'string' && typeof t.assignee === 'string', () => `decided task ${t.id} lacks decidedAt or assignee`);
    } else {
      ensure(t.outcome === null, () => `undecided task ${t.id} has an outcome`);
    }
  }

  // Closed: once and for all, with exactly one terminal event and no open task.
  const terminal = state.events.filter((e) => (TERMINAL_ACTIONS as readonly string[]).includes(e.action)).map((e) => e.action);
  if (state.isClosed) {
    const expected = state.status === 'approved' ? [] : [state.status];
    ensure(JSON.stringify(terminal) === JSON.stringify(expected), () => `terminal events ${terminal.join(', ')}`);
    ensure(typeof state.closedAt === 'string', () => 'closed without closedAt');
    ensure(!state.tasks.some((t) => OPEN_TASK_STATUSES.includes(t.status)), () => 'open tasks after closing');
    ensure(state.pendingGrant === null, () => 'pending grant after closing');
  } else {
    ensure(terminal.length === 0, () => `terminal event ${terminal.join(', ')} on an open case`);
    ensure(state.closedAt === null, () => 'closedAt on an open case');
    if (WAITS_ON_TASK.includes(state.status) && state.pendingGrant === null) {
      ensure(state.tasks.some((t) => OPEN_TASK_STATUSES.includes(t.status)), () => 'waits for a person but no task is open (stuck)');
    }
  }
  if (state.status === 'issued' || state.status === 'active') ensure(typeof state.documentNumber === 'string', () => 'no document number');
  checkTermination(model, ensure);

  // Numbers: the registration once, a document number at most once.
  ensure(model.counters.register === 1, () => `${model.counters.register} registrations`);
  ensure(model.counters.prepare <= 1, () => `${model.counters.prepare} document numbers reserved`);
  ensure(model.counters.registerIssued <= 1, () => `${model.counters.registerIssued} documents registered`);
  ensure(state.events.filter((e) => e.action === 'activated').length <= 1, () => 'activated twice');
  ensure(typeof state.registrationNumber === 'string', () => 'no registration number');

  if (!prev) return;
  // Monotone: the version only grows, events and tasks are only appended.
  ensure(state.version >= prev.version, () => `version went back from ${prev.version}`);
  if (state.status === 'terminated') ensure(prev.status === 'active' || prev.status === 'terminated', () => `terminated from ${prev.status}`);
  prev.events.forEach((before, i) => ensure(sameEvent(state.events[i], before), () => `event ${i + 1} rewritten: ${JSON.stringify(before)} -> ${JSON.stringify(state.events[i])}`));
  ensure(state.events.length === prev.events.length || state.version > prev.version, () => 'new events without a new version');
  ensure(state.registrationNumber === prev.registrationNumber, () => 'registration number changed');
  ensure(prev.documentNumber === null || state.documentNumber === prev.documentNumber, () => `document number changed from ${prev.documentNumber}`);
  ensure(state.termsVersion >= prev.termsVersion, () => `terms version went back from ${prev.termsVersion} to ${state.termsVersion}`);
  ensure(prev.agreedVersion === undefined || (state.facts.kind === 'contract' && state.facts.agreedVersion === prev.agreedVersion), () => 'agreed version changed');
  ensure(state.tasks.length >= prev.tasks.length, () => 'tasks removed');
  prev.tasks.forEach((before, i) => {
    const now = state.tasks[i]!;
    ensure(now.id === before.id, () => `task ${i} replaced`);
    ensure(TASK_MOVES[before.status].includes(now.status), () => `task ${before.id} moved ${before.status} -> ${now.status}`);
    if (before.status === 'done' || before.status === 'cancelled') ensure(JSON.stringify(now) === prev.tasksJson[i], () => `closed task ${before.id} changed`);
    if (before.assignee !== null && now.status !== 'cancelled') ensure(now.assignee === before.assignee, () => `task ${before.id} changed hands`);
  });
  // Nothing leaves a closed state, and nothing happens to a closed case.
  if (prev.closed) ensure(snapshot === prev.snapshot, () => 'a closed case changed');
}

/**
 * Termination (contracts only): asked for while active, one legal review at a time, and an approved one is
 * carried out at once (activities answer at once in the model): the notice numbered once, the contract
 * `terminated`. A rejected one leaves the contract active and free to take addenda again.
 */
function checkTermination(model: CaseModel, ensure: (ok: boolean, message: () => string) => void): void {
  const { state } = model;
  const reviews = state.tasks.filter((t) => t.kind === 'termination_review');
  const open = reviews.filter((t) => OPEN_TASK_STATUSES.includes(t.status));
  ensure(model.counters.terminationNotice === (state.status === 'terminated' ? 1 : 0), () => `${model.counters.terminationNotice} termination notices`);
  if (state.input.kind !== 'contract') {
    ensure(reviews.length === 0 && state.termination === null && state.status !== 'terminated', () => `a ${state.input.kind} under termination`);
    return;
  }
  ensure(open.length <= 1, () => `${open.length} termination reviews open`);
  if (state.status === 'terminated') {
    const last = reviews.at(-1);
    ensure(last?.status === 'done' && last.outcome === 'approve', () => 'terminated without an approved termination review');
    ensure(state.outcomeReason === state.termination?.reason, () => 'terminated without the reason of the request');
    ensure(state.facts.kind === 'contract' && typeof state.facts.terminationNoticeNumber === 'string' && state.documents.terminationNotice !== undefined, () => 'terminated without its notice');
  }
  if (state.isClosed) return;
  ensure(state.termination === null || state.status === 'active', () => `a termination under review while ${state.status}`);
  ensure(state.termination?.approved !== true, () => 'an approved termination was not carried out');
  ensure(open.length === (state.termination ? 1 : 0), () => `${open.length} termination reviews open for ${JSON.stringify(state.termination)}`);
  if (state.termination) ensure(state.termination.taskId === open[0]!.id, () => 'the termination names another review task');
}

/**
 * A contract and its addenda together: once the contract is terminated no addendum is open (one in flight was
 * ended by the contract, withdrawn with the termination's reason, unless it closed on its own in the same
 * activation), and only a terminated contract ends its addenda that way.
 */
export function checkFamily(root: CaseModel, seen: ReadonlyMap<CaseModel, TSeen>): void {
  const terminated = root.state.status === 'terminated';
  const endedByContract = `Kontrak diputus: ${root.state.outcomeReason}`;
  for (const child of root.children) {
    const label = `addendum ${child.state.input.caseId} of ${root.state.input.caseId}`;
    const ensure = (ok: boolean, message: () => string) => {
      if (!ok) throw new AssertionError({ message: `${label}: ${message()}` });
    };
    const last = child.state.events.at(-1);
    const byContract = child.state.status === 'withdrawn' && last?.actorId === 'system';
    ensure(!byContract || (terminated && last?.comment === endedByContract), () => `withdrawn by the system (${last?.comment}) while the contract is ${root.state.status}`);
    if (!terminated) continue;
    ensure(child.state.isClosed, () => 'still open after its contract was terminated');
    // In flight when the contract ended: closed in this very step, by the contract or on its own beforehand.
    const before = seen.get(child);
    if (seen.get(root)?.status === 'active' && before && !before.closed) {
      ensure(byContract || ['issued', 'rejected', 'withdrawn'].includes(child.state.status), () => `ended ${child.state.status}`);
    }
  }
}

/** Serialisable: what the workflow returns and projects survives JSON unchanged (no undefined, no Date). */
function checkReadModels(model: CaseModel, ensure: (ok: boolean, message: () => string) => void): void {
  const { state } = model;
  assertPlainJson(state.view(), 'view()', ensure);
  const projection = state.projection(0);
  assertPlainJson(projection, 'projection()', ensure);
  ensure(projection.version === state.version, () => 'projection version');
  // Events: numbered 1..n; a projection after seq k carries exactly the later ones.
  state.events.forEach((e, i) => ensure(e.seq === i + 1, () => `event ${i} has seq ${e.seq}`));
  const k = Math.floor(state.events.length / 2);
  const later = state.projection(k).events;
  ensure(later.length === state.events.length - k && later.every((e, i) => e.seq === k + i + 1), () => `projection after seq ${k}`);
}

/** Plain JSON only: strings, finite numbers, booleans, null, arrays and plain objects; no undefined members. */
function assertPlainJson(value: unknown, path: string, ensure: (ok: boolean, message: () => string) => void): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') return ensure(Number.isFinite(value), () => `${path} is ${value}, not JSON`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlainJson(v, `${path}[${i}]`, ensure));
    return;
  }
  ensure(typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype, () => `${path} is ${String(value)}, not JSON`);
  for (const [key, v] of Object.entries(value as object)) assertPlainJson(v, `${path}.${key}`, ensure);
}

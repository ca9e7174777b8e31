import { AssertionError } from 'node:assert';
import { OPEN_TASK_STATUSES } from '../../domain/case';
import type { TTask, TTaskStatus } from '../../domain/case';
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
  eventsJson: string[];
  snapshot: string;
}

export function remember(model: CaseModel): TSeen {
  const { state } = model;
  return {
    status: state.status,
    closed: state.isClosed,
    version: state.version,
    registrationNumber: state.registrationNumber,
    documentNumber: state.documentNumber,
    termsVersion: state.termsVersion,
    agreedVersion: state.fields.agreedVersion,
    tasks: state.tasks.map((t) => ({ ...t })),
    tasksJson: state.tasks.map((t) => JSON.stringify(t)),
    eventsJson: state.events.map((e) => JSON.stringify(e)),
    snapshot: model.snapshot(),
  };
}

/** Checks one case after a step against what it was before (`prev` undefined: the first look). */
export function checkCase(model: CaseModel, prev: TSeen | undefined): void {
  const { state } = model;
  const label = `${state.input.kind} ${state.input.caseId} (${state.status}, v${state.version})`;
  const ensure = (ok: boolean, message: () => string) => {
    if (!ok) throw new AssertionError({ message: `${label}: ${message()}` });
  };

  // A case whose version did not move must not have changed at all; the costly read-model checks run when it did.
  if (!prev || prev.version !== state.version) checkReadModels(model, ensure);
  else ensure(model.snapshot() === prev.snapshot, () => `changed without a new version:\nbefore ${prev.snapshot}\nafter  ${model.snapshot()}`);

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

  // Numbers: the registration once, a document number at most once.
  ensure(model.counters.register === 1, () => `${model.counters.register} registrations`);
  ensure(model.counters.prepare <= 1, () => `${model.counters.prepare} document numbers reserved`);
  ensure(model.counters.registerIssued <= 1, () => `${model.counters.registerIssued} documents registered`);
  ensure(state.events.filter((e) => e.action === 'activated').length <= 1, () => 'activated twice');
  ensure(typeof state.registrationNumber === 'string', () => 'no registration number');

  if (!prev) return;
  // Monotone: the version only grows, events and tasks are only appended.
  ensure(state.version >= prev.version, () => `version went back from ${prev.version}`);
  prev.eventsJson.forEach((json, i) => ensure(JSON.stringify(state.events[i]) === json, () => `event ${i + 1} rewritten: ${json} -> ${JSON.stringify(state.events[i])}`));
  ensure(state.events.length === prev.eventsJson.length || state.version > prev.version, () => 'new events without a new version');
  ensure(state.registrationNumber === prev.registrationNumber, () => 'registration number changed');
  ensure(prev.documentNumber === null || state.documentNumber === prev.documentNumber, () => `document number changed from ${prev.documentNumber}`);
  ensure(state.termsVersion >= prev.termsVersion, () => `terms version went back from ${prev.termsVersion} to ${state.termsVersion}`);
  ensure(prev.agreedVersion === undefined || state.fields.agreedVersion === prev.agreedVersion, () => 'agreed version changed');
  ensure(state.tasks.length >= prev.tasks.length, () => 'tasks removed');
  prev.tasks.forEach((before, i) => {
    const now = state.tasks[i]!;
    ensure(now.id === before.id, () => `task ${i} replaced`);
    ensure(TASK_MOVES[before.status].includes(now.status), () => `task ${before.id} moved ${before.status} -> ${now.status}`);
    if (before.status === 'done' || before.status === 'cancelled') ensure(JSON.stringify(now) === prev.tasksJson[i], () => `closed task ${before.id} changed`);
    if (before.assignee !== null && now.status !== 'cancelled') ensure(now.assignee === before.assignee, () => `task ${before.id} changed hands`);
  });
  // Nothing leaves a closed state, and nothing happens to a closed case.
  if (prev.closed) ensure(model.snapshot() === prev.snapshot, () => 'a closed case changed');
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

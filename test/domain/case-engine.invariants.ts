import { expect } from 'chai';
import { CLOSED_STATUSES, OPEN_TASK_STATUSES } from '../../domain/case';
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
  const view = state.view();

  // Serialisable: what the workflow returns and projects survives JSON unchanged (no undefined, no Date).
  assertPlainJson(view, `${label}: view()`);
  const projection = state.projection(0);
  assertPlainJson(projection, `${label}: projection()`);
  expect(projection.version).to.equal(state.version);

  // Events: numbered 1..n; a projection after seq k carries exactly the later ones.
  state.events.forEach((e, i) => {
    if (e.seq !== i + 1) expect.fail(`${label}: event ${i} has seq ${e.seq}`);
  });
  const k = Math.floor(state.events.length / 2);
  expect(state.projection(k).events.map((e) => e.seq)).to.deep.equal(state.events.slice(k).map((e) => e.seq));

  // Tasks: unique ids, never newer than the case, a decided task carries an outcome its kind takes.
  expect(new Set(state.tasks.map((t) => t.id)).size, `${label}: task ids repeat`).to.equal(state.tasks.length);
  for (const t of state.tasks) {
    if (t.version > state.version) expect.fail(`${label}: task ${t.id} (v${t.version}) newer than the case`);
    if (t.status === 'done') {
      if (!outcomesFor(t.kind).includes(t.outcome!)) expect.fail(`${label}: task ${t.id} (${t.kind}) decided ${t.outcome}`);
      if (typeof t.decidedAt !== 'string' || typeof t.assignee !== 'string') expect.fail(`${label}: decided task ${t.id} lacks decidedAt or assignee`);
    } else if (t.outcome !== null) {
      expect.fail(`${label}: undecided task ${t.id} has an outcome`);
    }
  }

  // Closed: once and for all, with exactly one terminal event and no open task.
  const terminal = state.events.filter((e) => (TERMINAL_ACTIONS as readonly string[]).includes(e.action));
  if (state.isClosed) {
    expect(CLOSED_STATUSES).to.include(state.status);
    expect(terminal.map((e) => e.action), `${label}: terminal events`).to.deep.equal(state.status === 'approved' ? [] : [state.status]);
    expect(state.closedAt, `${label}: closedAt`).to.be.a('string');
    expect(state.tasks.filter((t) => OPEN_TASK_STATUSES.includes(t.status)), `${label}: open tasks after closing`).to.deep.equal([]);
    expect(state.pendingGrant, `${label}: pending grant after closing`).to.equal(null);
  } else {
    expect(terminal, `${label}: terminal event on an open case`).to.deep.equal([]);
    expect(state.closedAt).to.equal(null);
  }
  if (WAITS_ON_TASK.includes(state.status) && state.pendingGrant === null) {
    expect(state.tasks.some((t) => OPEN_TASK_STATUSES.includes(t.status)), `${label}: waits for a person but no task is open (stuck)`).to.equal(true);
  }
  if (state.status === 'issued' || state.status === 'active') expect(state.documentNumber, `${label}: document number`).to.be.a('string');

  // Numbers: the registration once, a document number at most once.
  expect(model.counters.register, `${label}: registrations`).to.equal(1);
  expect(model.counters.prepare, `${label}: document numbers reserved`).to.be.at.most(1);
  expect(model.counters.registerIssued, `${label}: documents registered`).to.be.at.most(1);
  expect(state.events.filter((e) => e.action === 'activated').length, `${label}: activations`).to.be.at.most(1);
  expect(state.registrationNumber, `${label}: registration number`).to.be.a('string');

  if (!prev) return;
  // Monotone: the version only grows, events and tasks are only appended.
  expect(state.version, `${label}: version went back`).to.be.at.least(prev.version);
  prev.eventsJson.forEach((json, i) => {
    if (JSON.stringify(state.events[i]) !== json) expect.fail(`${label}: event ${i + 1} rewritten: ${json} -> ${JSON.stringify(state.events[i])}`);
  });
  if (state.events.length > prev.eventsJson.length) expect(state.version, `${label}: new events without a new version`).to.be.greaterThan(prev.version);
  expect(state.registrationNumber, `${label}: registration number changed`).to.equal(prev.registrationNumber);
  if (prev.documentNumber !== null) expect(state.documentNumber, `${label}: document number changed`).to.equal(prev.documentNumber);
  expect(state.termsVersion, `${label}: terms version went back`).to.be.at.least(prev.termsVersion);
  if (prev.agreedVersion !== undefined) expect(state.fields.agreedVersion, `${label}: agreed version changed`).to.equal(prev.agreedVersion);
  expect(state.tasks.length).to.be.at.least(prev.tasks.length);
  prev.tasks.forEach((before, i) => {
    const now = state.tasks[i]!;
    expect(now.id, `${label}: task ${i} replaced`).to.equal(before.id);
    expect(TASK_MOVES[before.status], `${label}: task ${before.id} moved ${before.status} -> ${now.status}`).to.include(now.status);
    if ((before.status === 'done' || before.status === 'cancelled') && JSON.stringify(now) !== prev.tasksJson[i]) expect.fail(`${label}: closed task ${before.id} changed`);
    if (before.assignee !== null && now.status !== 'cancelled') expect(now.assignee, `${label}: task ${before.id} changed hands`).to.equal(before.assignee);
  });
  // Nothing leaves a closed state, and nothing happens to a closed case.
  if (prev.closed) expect(model.snapshot(), `${label}: a closed case changed`).to.equal(prev.snapshot);
}

/** Plain JSON only: strings, finite numbers, booleans, null, arrays and plain objects; no undefined members. */
function assertPlainJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) expect.fail(`${path} is ${value}, not JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlainJson(v, `${path}[${i}]`));
    return;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) expect.fail(`${path} is ${String(value)}, not JSON`);
  for (const [key, v] of Object.entries(value as object)) assertPlainJson(v, `${path}.${key}`);
}

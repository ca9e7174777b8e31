import { addWorkingDays } from '../calendar';
import { CLOSED_STATUSES, OPEN_TASK_STATUSES } from '../case';
import type { TCaseAction, TCaseEvent, TCaseProjection, TCaseStatus, TDocumentRef, TTask, TTaskKind } from '../case';
import type { TLapsePolicy, TStageDefinition } from '../case-type.schema';
import { mostSevere } from '../outcome';
import { outcomesFor } from '../outcome';
import type { TReviewOutcome, TTaskOutcome } from '../outcome';
import { holdsRole } from '../roles';
import type { TActor } from '../roles';
import { splitLegacyFields, type TCaseFacts } from '../kinds';
import type { TContractFacts } from '../kinds/contract/contract.facts';
import { officeCalendarOfLegacy, officeCalendarOfSnapshot } from '../working-time/calendar-snapshot';
import { computeDeadline } from '../working-time/deadline';
import type { TOfficeCalendar } from '../working-time/office-calendar';
import type { TCalendarChangedInput, TDeadlineMovedData } from '../working-time/calendar-change';
import {
  caseDeadline,
  clockIsFull,
  clockPolicyOf,
  openPause,
  pauseClock,
  resumeClock,
  stageDeadline,
  stageNotices,
  type TCalendarBasis,
  type TCaseClock,
  type TClockActor,
  type TStageClock,
  type TStageNotice,
} from './case-clock';
import { DEEMED_APPROVAL_LINE, LAPSE_CANCEL_REASON, LAPSE_STAGE_ID, lapseEvidence, type TLapseEvidence } from './case-lapse';
import { refuse } from './case-refusal';
import type {
  TAddendumRequestInput,
  TCaseView,
  TCaseWorkflowInput,
  TClaimInput,
  TContractTerminatedInput,
  TDecisionInput,
  TRevisionInput,
  TTerminationInput,
  TWithdrawalInput,
} from './case-messages';

const SYSTEM_ACTOR = { userId: 'system', role: 'system' };
/** The stage every signature is awaited in, whatever the kind (its stored name is Indonesian; pages translate it). */
export const SIGN_STAGE = { id: 'penandatanganan', name: 'Penandatanganan' } as const;
const SIGNING_SERVICE_DAYS = 1;
const ACTIONABLE_STATUSES: readonly TCaseStatus[] = ['in_review', 'negotiation', 'awaiting_signature'];
/** The termination review of contracts started before their type carried it. */
const TERMINATION_STAGE = { id: 'pemutusan_kontrak', name: 'Kajian hukum pemutusan kontrak' };
const TERMINATION_REVIEW_DAYS = 5;
/** The administrator's task on a lapsed case under `flag`: where it sits, and its working days. */
const LAPSE_STAGE = { id: LAPSE_STAGE_ID, name: 'Putuskan permohonan lewat waktu', role: 'admin', serviceLevelDays: 1 } as const;

/** Who reviews a termination request, where and in how many working days (the contract type's data). */
export interface TTerminationReview {
  id: string;
  name: string;
  role: string;
  serviceLevelDays: number;
}
/** The longest reason a termination request takes (characters, after trimming). */
export const TERMINATION_REASON_MAX_LENGTH = 2000;

export interface TDecision {
  taskId: string;
  kind: TTaskKind;
  outcome: TTaskOutcome;
  termsVersion: number | null;
}

interface TNewTask {
  id?: string;
  kind: TTaskKind;
  stageId: string;
  stageName: string;
  role: string;
  dueAt: string;
}

/**
 * The state of one case and its legal transitions: the engine every kind runs on. Pure: time comes in as an
 * argument, so the same code runs deterministically inside a workflow and directly in unit tests. Every
 * `assert…` method is a synchronous update validator; every transition bumps `version` and appends an event.
 * A refusal is a domain error (CaseRefusal, or the calendar's CalendarRangeError); workflows wrap them as
 * typed non-retryable failures in one place (workflows/shared/case.errors.ts).
 */
export class CaseState {
  status: TCaseStatus = 'submitted';
  registrationNumber: string | null = null;
  stageIndex = 0;
  /** How many times the current stage has been opened (a request for changes sends the case back to it). */
  round = 0;
  stageDueAt: string | null = null;
  /** The whole case's deadline; null while a pause holds the count. */
  caseDueAt: string | null;
  /** The pause ledger and the review stages' clocks; null in cases started before the ledger (case-pause-ledger-v1). */
  readonly clock: TCaseClock | null;
  /** Moves on whenever a stage clock's deadline may have moved (opened, stopped, started again, closed): reminders re-arm. */
  clockRevision = 0;
  /** The calendar the ledger's deadlines are counted on: the start input's snapshot (the older calendar before it). */
  private readonly officeCalendar: TOfficeCalendar | null;
  closedAt: string | null = null;
  outcomeReason: string | null = null;
  /** What the applicant (or the PPK) filled in; never the engine's own state. */
  fields: Record<string, unknown>;
  /** The kind's own state (domain/kinds/<kind>/<kind>.facts.ts), typed; projected to the store's `facts`. */
  facts: TCaseFacts;
  documents: TCaseWorkflowInput['documents'];
  readonly tasks: TTask[] = [];
  /** The tasks the review stage's current round opened. */
  private stageTaskIds: string[] = [];
  readonly events: TCaseEvent[] = [];
  version = 0;

  /** The signature a sign task collected, waiting for the signing activity; never the passphrase itself. */
  pendingGrant: { grantId: string; signerId: string } | null = null;
  documentNumber: string | null = null;
  /** The latest decision (cases started before `decisionOf` branched on it). */
  lastDecision: TDecision | null = null;
  /** Each decided task's decision, for phases that branch on it (negotiation). */
  private readonly decisions = new Map<string, TDecision>();
  /** A termination the PPK asked for: under legal review, or approved and waiting for the workflow to end the contract. */
  termination: { reason: string; requestedBy: string; taskId: string; approved: boolean } | null = null;

  constructor(
    readonly input: TCaseWorkflowInput,
    readonly submittedAt: string,
    /** Whether approval leads to signature and issuance; asked once, when the last stage approves. */
    private readonly issuanceEnabled: () => boolean = () => true,
    /** Whether this case keeps the pause ledger (decided once, at start, by the workflow's patch marker). */
    pauseLedger = false,
    /** Whether the deadlines outside the review stages' clocks count by the office rule (needs the ledger; decided likewise). */
    private readonly officeDeadlines = false,
  ) {
    this.clock = pauseLedger ? { serviceLevelDays: input.type.serviceLevelDays, pauses: [], stages: [] } : null;
    this.officeCalendar = pauseLedger ? (input.officeCalendar ? officeCalendarOfSnapshot(input.officeCalendar) : officeCalendarOfLegacy(input.calendar)) : null;
    // Closures in force at the start (issue 10 §3): only start inputs made since calendar changes carry them.
    const startClosures = input.officeCalendar?.closures;
    if (this.clock && startClosures) {
      this.clock.closures = startClosures.closures.map((c) => ({ date: c.date, reason: c.reason }));
      this.clock.basis = { calendarVersion: this.officeCalendar!.version, closuresRevision: startClosures.revision };
    }
    if (input.facts) {
      this.facts = structuredCloneFacts(input.facts);
      this.fields = { ...input.fields };
    } else {
      // Started before facts had their own place: they were kept in `fields`, and are taken out of it here.
      const split = splitLegacyFields(input.kind, input.fields);
      this.facts = split.facts;
      this.fields = split.fields;
    }
    this.documents = { ...input.documents };
    this.caseDueAt = this.clock ? null : addWorkingDays(new Date(submittedAt), input.type.serviceLevelDays, input.calendar).toISOString();
    this.recomputeCaseDeadline();
    this.record(new Date(submittedAt), { userId: input.applicantId, role: 'applicant' }, 'submitted', null);
  }

  get stage(): TStageDefinition | undefined {
    return this.input.type.stages[this.stageIndex];
  }

  get isClosed(): boolean {
    return CLOSED_STATUSES.includes(this.status);
  }

  /**
   * Tasks of the review stage round now open (a parallel stage has one per role), by the ids `openStage` gave
   * them: a task opened beside the stage (the guarantee, later ones) moves the round counter on and must not
   * take the stage's tasks out of sight.
   */
  get currentTasks(): TTask[] {
    return this.tasks.filter((t) => this.stageTaskIds.includes(t.id));
  }

  get stageDecided(): boolean {
    const current = this.currentTasks;
    return current.length > 0 && current.every((t) => t.status === 'done');
  }

  // ---- transitions driven by the workflow itself ----

  register(now: Date, registrationNumber: string): void {
    this.registrationNumber = registrationNumber;
    this.record(now, SYSTEM_ACTOR, 'registered', registrationNumber);
  }

  openStage(now: Date): void {
    const stage = this.requireStage();
    this.round++;
    this.status = 'in_review';
    const clock = this.stageClock(now, stage);
    if (clock) {
      this.clockRevision++;
      // Counted from the stage's first opening through the pauses since: a revision moves it by the paused days.
      this.recomputeStageDeadline(clock);
      this.stageDueAt = clock.dueAt ?? addWorkingDays(now, stage.serviceLevelDays, this.input.calendar).toISOString(); // never null here: the revision ended the pause
    } else {
      this.stageDueAt = addWorkingDays(now, stage.serviceLevelDays, this.input.calendar).toISOString();
    }
    const opened = stage.roles.map((role) =>
      this.newTask(now, { kind: 'review', stageId: stage.id, stageName: stage.name.id, role, dueAt: this.stageDueAt! }),
    );
    this.stageTaskIds = opened.map((t) => t.id);
    this.record(now, SYSTEM_ACTOR, 'stage_opened', null);
    this.touchTasks(opened);
  }

  /** Opens a sign task for a signer role (a new round after a failed attempt). */
  openSignTask(now: Date, role: string): void {
    this.stageDueAt = this.dueAfter(now, SIGNING_SERVICE_DAYS);
    this.openTask(now, { kind: 'sign', stageId: SIGN_STAGE.id, stageName: SIGN_STAGE.name, role, dueAt: this.stageDueAt });
  }

  /**
   * The due instant `days` working days after `now` of a task outside the review stages' clocks (signature,
   * negotiation, termination review, the lapse decision): the office rule with the closures in force, or for cases
   * started before it, the whole-day rule their histories were recorded with.
   */
  dueAfter(now: Date, days: number): string {
    if (!this.officeDeadlines || !this.officeCalendar) return addWorkingDays(now, days, this.input.calendar).toISOString();
    return computeDeadline(this.officeCalendar, { receivedAt: now, workingDays: days, closures: this.clock?.closures ?? [] }).dueAt!.toISOString();
  }

  /** Opens one task outside the type's review stages (signature, negotiation, guarantee). */
  openTask(now: Date, spec: Omit<TNewTask, 'id'>): TTask {
    this.round++; // a fresh id for every task, also when the same step comes round again
    const task = this.newTask(now, spec);
    this.record(now, SYSTEM_ACTOR, 'stage_opened', null, spec.stageId);
    this.touchTasks([task]);
    return task;
  }

  /** Sets the status of a phase the workflow drives itself (negotiation, signature). */
  enterPhase(status: 'negotiation' | 'awaiting_signature'): void {
    this.status = status;
    this.version++;
  }

  /** Marks the case for attention (for example a guarantee not handed in on time), as an event. */
  flag(now: Date, flag: string, comment: string): void {
    if (!this.facts.flags.includes(flag)) this.facts = { ...this.facts, flags: [...this.facts.flags, flag] };
    this.record(now, SYSTEM_ACTOR, 'flagged', `${flag}: ${comment}`, null);
  }

  /** The signing activity refused the grant (expired, revoked certificate): the signer must sign again. */
  signFailed(now: Date, reason: string): void {
    this.pendingGrant = null;
    this.record(now, SYSTEM_ACTOR, 'sign_failed', reason, SIGN_STAGE.id);
  }

  /** One signature is on the document; the grant is spent. */
  signed(): void {
    this.pendingGrant = null;
  }

  /** The signed document is registered: a permit ends `issued`, a contract goes on `active`. */
  issue(now: Date, documentNumber: string, status: 'issued' | 'active' = 'issued'): void {
    this.pendingGrant = null;
    this.documentNumber = documentNumber;
    if (status === 'issued') {
      this.close(now, 'issued', null);
      this.events.at(-1)!.comment = documentNumber;
    } else {
      this.status = 'active';
      this.stageDueAt = null;
      this.record(now, SYSTEM_ACTOR, 'activated', documentNumber, null);
    }
  }

  /** Applies the stage's combined outcome once every task of the round is decided. */
  concludeStage(now: Date): TReviewOutcome {
    const current = this.currentTasks;
    const outcome = mostSevere(current.map((t) => t.outcome as TReviewOutcome));
    if (outcome === 'approve') {
      this.closeStageClock(now);
      this.stageTaskIds = [];
      this.stageIndex++;
      this.stageDueAt = null;
      this.round = 0;
      if (!this.stage) {
        if (this.issuanceEnabled()) {
          this.status = 'awaiting_signature';
          this.endLapseTask();
          this.record(now, SYSTEM_ACTOR, 'approved', null);
        } else {
          this.close(now, 'approved', null);
        }
      }
      return outcome;
    }
    const reasons = current.filter((t) => t.outcome === outcome && t.comment).map((t) => t.comment);
    if (outcome === 'reject') {
      this.close(now, 'rejected', reasons.join('\n') || null);
    } else {
      this.status = 'changes_requested';
      this.stageDueAt = null;
      this.pause(now, current.findLast((t) => t.outcome === outcome));
      this.version++;
    }
    return outcome;
  }

  // ---- validators (synchronous; a refusal writes nothing) ----

  assertCanClaim({ actor, taskId }: TClaimInput): TTask {
    const task = this.requireOpenTask(taskId, actor);
    if (task.assignee && task.assignee !== actor.userId) {
      throw refuse('TaskClosed', `task ${taskId} is already claimed by another reviewer`);
    }
    return task;
  }

  /** Only the reviewer who claimed an open task may release it. */
  assertCanRelease({ actor, taskId }: TClaimInput): TTask {
    const task = this.requireOpenTask(taskId, actor);
    if (task.assignee !== actor.userId) throw refuse('InvalidTransition', `task ${taskId} is not claimed by you`);
    return task;
  }

  assertCanDecide(input: TDecisionInput): TTask {
    const task = this.assertCanClaim(input);
    const allowed = outcomesFor(task.kind);
    if (!allowed.includes(input.outcome)) {
      throw refuse('InvalidInput', `this ${task.kind.replace('_', ' ')} task takes ${allowed.join(', ')}`);
    }
    if (task.kind === 'sign' && !input.grantId) throw refuse('InvalidInput', 'a signature needs a signing grant');
    if (input.outcome === 'propose_changes' || input.outcome === 'counter') {
      if (input.termsVersion !== this.termsVersion + 1) {
        throw refuse('InvalidInput', `${input.outcome} needs version ${this.termsVersion + 1} of the terms`);
      }
      if (this.proposals >= (this.input.maxNegotiationRounds ?? 0)) {
        throw refuse('InvalidTransition', `the negotiation allows ${this.input.maxNegotiationRounds ?? 0} proposals; accept the terms or end the case`);
      }
    }
    // Bounded: each request for changes stops the legal clock once, and the deadline rule counts a bounded ledger.
    if (input.outcome === 'request_changes' && this.clock && clockIsFull(this.clock)) {
      throw refuse('InvalidTransition', `this case has been sent back for changes ${this.clock.pauses.length} times, the most its legal clock records: approve or reject it`);
    }
    if (task.kind === 'lapse_decision' && this.status !== 'in_review') {
      throw refuse('InvalidTransition', `a lapsed case in status ${this.status} cannot be decided on here`);
    }
    if ((input.outcome === 'reject' || input.outcome === 'request_changes') && !input.comment?.trim()) {
      throw refuse('InvalidInput', `a comment is required to ${input.outcome.replace('_', ' ')}`);
    }
    return task;
  }

  assertCanRevise({ actor, fields, documents, termsVersion }: TRevisionInput): void {
    this.assertIsApplicant(actor);
    if (this.status !== 'changes_requested') {
      throw refuse('InvalidTransition', `a case in status ${this.status} cannot be revised`);
    }
    const version = revisedTermsVersion({ fields, termsVersion });
    if (version !== undefined && version !== this.termsVersion + 1) {
      throw refuse('InvalidInput', `a revision needs version ${this.termsVersion + 1} of the terms`);
    }
    if (version === undefined && Object.keys(fields).length === 0 && Object.keys(documents).length === 0) {
      throw refuse('InvalidInput', 'a revision must change at least one field or document');
    }
  }

  assertCanWithdraw({ actor }: TWithdrawalInput): void {
    this.assertIsApplicant(actor);
    // Once approved, the office's decision stands: the case goes on to signature and issuance. A contract in
    // force is no longer the applicant's to withdraw: it ends only by termination, with its own review.
    if (this.isClosed || this.status === 'awaiting_signature' || this.status === 'active') {
      throw refuse('InvalidTransition', `a case in status ${this.status} cannot be withdrawn`);
    }
  }

  /** Only the PPK of an active contract, with no other addendum or termination in progress, may ask for an addendum. */
  assertCanRequestAddendum(msg: TAddendumRequestInput, addendumInProgress: boolean): void {
    this.assertIsApplicant(msg.actor);
    if (this.status !== 'active') throw refuse('InvalidTransition', `a contract in status ${this.status} cannot be amended`);
    if (addendumInProgress) throw refuse('InvalidTransition', 'another addendum of this contract is still in progress');
    if (this.termination) throw refuse('InvalidTransition', 'a termination of this contract is under review');
    if (msg.termsVersion !== this.termsVersion + 1) throw refuse('InvalidInput', `an addendum needs version ${this.termsVersion + 1} of the terms`);
  }

  /** Only the PPK (the applicant) of an active contract may ask to terminate it, once at a time, with a reason. */
  assertCanRequestTermination({ actor, reason }: TTerminationInput, review?: TTerminationReview): void {
    this.assertIsApplicant(actor);
    if (this.input.kind !== 'contract') throw refuse('InvalidTransition', `a ${this.input.kind} cannot be terminated`);
    if (this.status !== 'active') throw refuse('InvalidTransition', `a contract in status ${this.status} cannot be terminated`);
    if (this.termination) throw refuse('InvalidTransition', 'a termination of this contract is already under review');
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text) throw refuse('InvalidInput', 'reason: a reason is required to terminate a contract');
    if (text.length > TERMINATION_REASON_MAX_LENGTH) {
      throw refuse('InvalidInput', `reason: at most ${TERMINATION_REASON_MAX_LENGTH} characters`);
    }
    if (!(review?.role ?? this.legalRole)) throw refuse('InvalidTransition', 'this contract has no legal role to review a termination');
  }

  // ---- transitions driven by messages (call the matching assert first) ----

  claim(now: Date, input: TClaimInput): void {
    const task = this.assertCanClaim(input);
    if (task.assignee === input.actor.userId) return;
    task.assignee = input.actor.userId;
    task.status = 'claimed';
    this.record(now, { userId: input.actor.userId, role: task.role }, 'claimed', null);
    this.touchTasks([task]);
  }

  release(now: Date, input: TClaimInput): void {
    const task = this.assertCanRelease(input);
    task.assignee = null;
    task.status = 'open';
    this.record(now, { userId: input.actor.userId, role: task.role }, 'released', null);
    this.touchTasks([task]);
  }

  decide(now: Date, input: TDecisionInput): void {
    const task = this.assertCanDecide(input);
    Object.assign(task, {
      status: 'done',
      assignee: input.actor.userId,
      outcome: input.outcome,
      comment: input.comment,
      decidedAt: now.toISOString(),
    });
    this.record(now, { userId: input.actor.userId, role: task.role }, input.outcome, input.comment, task.stageId);
    if (task.kind === 'sign') this.pendingGrant = { grantId: input.grantId!, signerId: input.actor.userId };
    this.lastDecision = { taskId: task.id, kind: task.kind, outcome: input.outcome, termsVersion: input.termsVersion ?? null };
    this.decisions.set(task.id, this.lastDecision);
    this.touchTasks([task]);
    if (task.kind === 'lapse_decision' && input.outcome === 'deem_approved') this.deemApprove(now, { userId: input.actor.userId, role: task.role });
    if (task.kind === 'termination_review' && this.termination?.taskId === task.id) {
      // Approved: the workflow ends the contract (notice, register); rejected: the contract stays in force.
      if (input.outcome === 'approve') this.termination.approved = true;
      else {
        this.termination = null;
        this.stageDueAt = null;
      }
    }
  }

  revise(now: Date, input: TRevisionInput): void {
    this.assertCanRevise(input);
    const version = revisedTermsVersion(input);
    const { termsVersion: _older, ...fields } = input.fields; // a revision sent before facts carried the version in fields
    const patch = version === undefined ? input.fields : fields;
    const merged: Record<string, unknown> = { ...this.fields, ...patch };
    // null clears a field; no revision carried null before this rule, so replayed histories are unchanged.
    for (const [id, value] of Object.entries(patch)) if (value === null) delete merged[id];
    this.fields = merged;
    if (version !== undefined && this.facts.kind === 'contract') this.facts = { ...this.facts, termsVersion: version };
    this.documents = { ...this.documents, ...input.documents };
    this.status = 'in_review'; // the workflow reopens the stage that asked for the changes
    if (this.clock) resumeClock(this.clock, now.toISOString(), { userId: input.actor.userId, role: 'applicant' });
    this.recomputeCaseDeadline();
    this.record(now, { userId: input.actor.userId, role: 'applicant' }, 'revised', input.comment);
  }

  withdraw(now: Date, input: TWithdrawalInput): void {
    this.assertCanWithdraw(input);
    this.close(now, 'withdrawn', input.reason, { userId: input.actor.userId, role: 'applicant' });
  }

  /** The PPK's termination request: an event, and a legal review task for the contract's legal role. */
  requestTermination(now: Date, input: TTerminationInput, review?: TTerminationReview): void {
    this.assertCanRequestTermination(input, review);
    const reason = input.reason.trim();
    const step = review ?? { ...TERMINATION_STAGE, role: this.legalRole!, serviceLevelDays: TERMINATION_REVIEW_DAYS };
    this.record(now, { userId: input.actor.userId, role: 'applicant' }, 'termination_requested', reason, step.id);
    this.stageDueAt = this.dueAfter(now, step.serviceLevelDays);
    const task = this.openTask(now, {
      kind: 'termination_review',
      stageId: step.id,
      stageName: step.name,
      role: step.role,
      dueAt: this.stageDueAt,
    });
    this.termination = { reason, requestedBy: input.actor.userId, taskId: task.id, approved: false };
  }

  /** The approved termination takes effect: the notice is on the case and the contract ends `terminated`. */
  terminate(now: Date, notice: { number: string; document: TDocumentRef }): void {
    if (!this.termination?.approved || this.isClosed) throw refuse('InvalidTransition', 'no approved termination to carry out');
    this.documents = { ...this.documents, terminationNotice: notice.document };
    this.facts = { ...this.contractFacts(), terminationNoticeNumber: notice.number };
    this.close(now, 'terminated', this.termination.reason);
  }

  /**
   * The contract this addendum belongs to was terminated: the addendum ends withdrawn, its open tasks
   * cancelled. Runs in a signal handler, so it never throws; a closed addendum stays as it is.
   */
  cancelWithContract(now: Date, input: TContractTerminatedInput): void {
    if (this.isClosed) return;
    this.close(now, 'withdrawn', `Kontrak diputus: ${input.reason}`);
  }

  /** Conditions that need someone's attention, e.g. `guarantee_overdue`. */
  get flags(): readonly string[] {
    return this.facts.flags;
  }

  /** The version of the terms now on the table (contracts; an addendum's own version); 0 for a permit. */
  get termsVersion(): number {
    return 'termsVersion' in this.facts ? this.facts.termsVersion : 0;
  }

  get proposals(): number {
    return this.facts.kind === 'contract' ? this.facts.proposals : 0;
  }

  /** A new version of the terms is on the table (a proposal, a counter-proposal, or the agreed one). */
  setTerms(patch: Partial<Pick<TContractFacts, 'termsVersion' | 'proposals' | 'agreedVersion'>>): void {
    this.facts = { ...this.contractFacts(), ...patch };
    this.version++;
  }

  /**
   * A signed addendum made its version of the terms the current one; `summary` (the new value and end date,
   * as the PPK gave them) updates the contract's public fields.
   */
  amend(now: Date, addendum: { sequence: number; number: string; termsVersion: number }, summary: Record<string, unknown>): void {
    const facts = this.contractFacts();
    this.facts = { ...facts, currentVersion: addendum.termsVersion, addenda: [...facts.addenda, addendum] };
    this.fields = { ...this.fields, ...summary };
    this.record(now, SYSTEM_ACTOR, 'amended', addendum.number, null);
  }

  /**
   * The decision taken on a task. A phase reads its own task's decision, never the latest one: another task's
   * decision (the guarantee handed in) can land in the same activation and would mask it.
   */
  decisionOf(taskId: string): TDecision | undefined {
    return this.decisions.get(taskId);
  }

  // ---- reminders and escalation of the review stage in progress (engine/case-clock.ts states the rule) ----

  /** The next notice due on the review stage in progress; null without a ledger, while stopped, or once all are sent. */
  nextStageNotice(): TStageNotice | null {
    if (!this.clock || this.status !== 'in_review') return null;
    const current = this.clock.stages.at(-1);
    if (!current || current.closedAt !== null) return null;
    const sent = current.notified ?? [];
    return stageNotices(this.officeCalendar!, current, this.clock.pauses, this.clock.closures).find((n) => !sent.includes(n.kind)) ?? null;
  }

  /**
   * The roles still deciding the stage, whoever the notice is to: the activity resolves their supervisors and the head
   * of office from the organisation (data that may change, so not decided in workflow code).
   */
  noticeRoles(): string[] {
    return [...new Set(this.currentTasks.filter((t) => OPEN_TASK_STATUSES.includes(t.status)).map((t) => t.role))];
  }

  /** A notice went out: noted on the stage's clock (each once); the escalation also flags the case `overdue:<stage>`. */
  stageNoticeSent(now: Date, notice: TStageNotice): void {
    const current = this.clock?.stages.find((s) => s.stageId === notice.stageId && s.closedAt === null);
    if (!current || current.notified?.includes(notice.kind)) return;
    current.notified = [...(current.notified ?? []), notice.kind];
    if (notice.kind === 'escalation') this.flag(now, `overdue:${notice.stageId}`, `batas waktu tahap ${current.stageName} terlewati`);
    else this.version++;
  }

  // ---- deemed approval: the whole case's deadline lapses undecided (issue 10 §2, engine/case-lapse.ts) ----

  /** When the case lapses if nothing is decided before: its deadline while in review; null without a ledger, paused or lapsed. */
  lapseDueAt(): string | null {
    return this.clock && !this.clock.lapse && this.status === 'in_review' ? this.caseDueAt : null;
  }

  /** The evidence pack of the lapse now due, under the type's policy; null when none is due. */
  lapseEvidence(policy: TLapsePolicy): TLapseEvidence | null {
    if (this.lapseDueAt() === null) return null;
    const { caseId, type } = this.input;
    return lapseEvidence({ caseId, registrationNumber: this.registrationNumber, type, submittedAt: this.submittedAt, calendar: this.officeCalendar!, clock: this.clock!, policy });
  }

  /** Whether the case went on to signature approved by law. */
  get deemedApproved(): boolean {
    return this.clock?.lapse?.deemedApproved === true;
  }

  /**
   * The lapse is recorded (its evidence stored, its report sealed): an event and a flag, then the type's policy:
   * `auto_approve` goes on to signature at once, `flag` gives the administrator a task. A case decided or stopped
   * while the report was being sealed keeps the record only; a closed case or a second lapse changes nothing.
   */
  lapsed(now: Date, evidence: TLapseEvidence, report: { sha256: string }): void {
    if (!this.clock || this.clock.lapse || this.isClosed) return;
    const { policy } = evidence;
    this.clock.lapse = { at: evidence.lapsedAt, recordedAt: now.toISOString(), policy, report: { sha256: report.sha256 }, deemedApproved: false, taskId: null };
    this.clockRevision++;
    if (!this.facts.flags.includes('lapsed')) this.facts = { ...this.facts, flags: [...this.facts.flags, 'lapsed'] };
    this.record(now, SYSTEM_ACTOR, 'lapsed', policy);
    if (this.status !== 'in_review') return;
    if (policy === 'auto_approve') {
      this.deemApprove(now, SYSTEM_ACTOR);
      return;
    }
    const task = this.newTask(now, {
      id: `${this.input.caseId}.${LAPSE_STAGE.id}.${LAPSE_STAGE.role}`,
      kind: 'lapse_decision',
      stageId: LAPSE_STAGE.id,
      stageName: LAPSE_STAGE.name,
      role: LAPSE_STAGE.role,
      dueAt: this.dueAfter(now, LAPSE_STAGE.serviceLevelDays),
    });
    this.clock.lapse.taskId = task.id;
    this.record(now, SYSTEM_ACTOR, 'stage_opened', null, LAPSE_STAGE.id);
    this.touchTasks([task]);
  }

  /** The review ends here: its open tasks are cancelled "lewat waktu" and the case goes on to signature, deemed approved. */
  private deemApprove(now: Date, actor: TClockActor): void {
    const lapse = this.clock!.lapse!;
    const open = this.tasks.filter((t) => t.kind === 'review' && OPEN_TASK_STATUSES.includes(t.status));
    open.forEach((t) => Object.assign(t, { status: 'cancelled', comment: LAPSE_CANCEL_REASON }));
    this.closeStageClock(now);
    this.stageTaskIds = [];
    this.stageDueAt = null;
    lapse.deemedApproved = true;
    this.status = 'awaiting_signature';
    this.record(now, actor, 'deemed_approved', DEEMED_APPROVAL_LINE);
    this.touchTasks(open);
  }

  /** The review reached its decision after all: the administrator's task on the lapse has nothing left to decide. */
  private endLapseTask(): void {
    const task = this.tasks.find((t) => t.id === this.clock?.lapse?.taskId && OPEN_TASK_STATUSES.includes(t.status));
    if (!task) return;
    task.status = 'cancelled';
    this.touchTasks([task]);
  }

  // ---- the calendar changes while the case is open (issue 10 §3) ----

  /**
   * A closure was added or removed: the running stage's and the whole case's deadlines are counted again with the
   * closures now in force, and each one that moved is an event `deadline_moved` (its data as JSON in the comment).
   * Runs in a signal handler, so it never throws: a closed case, a revision already applied (a retried or late
   * signal) or closures the rule refuses change nothing.
   */
  calendarChanged(now: Date, input: TCalendarChangedInput): void {
    const clock = this.clock;
    if (!clock || this.isClosed || !(input.change.revision > (clock.basis?.closuresRevision ?? 0))) return;
    const closures = input.closures.map((c) => ({ date: c.date, reason: c.reason }));
    const basis: TCalendarBasis = { calendarVersion: this.officeCalendar!.version, closuresRevision: input.change.revision };
    const running = clock.stages.filter((s) => s.closedAt === null);
    let moves: Array<{ stage: TStageClock | null; after: string | null }>;
    try {
      moves = [
        ...running.map((stage) => ({ stage, after: isoOrNull(stageDeadline(this.officeCalendar!, stage, clock.pauses, closures).dueAt) })),
        { stage: null, after: isoOrNull(caseDeadline(this.officeCalendar!, { ...clock, closures }, this.submittedAt).dueAt) },
      ];
    } catch {
      return; // closures the rule refuses: the deadlines stay as they were counted
    }
    clock.closures = closures;
    clock.basis = basis;
    this.clockRevision++;
    const { action, date, reason, revision } = input.change;
    let moved = false;
    for (const { stage, after } of moves) {
      const before = stage ? stage.dueAt : this.caseDueAt;
      if (stage) stage.basis = { ...basis };
      if (before === after) continue;
      moved = true;
      if (stage) {
        stage.dueAt = after;
        this.stageDeadlineMoved(stage, after);
      } else {
        this.caseDueAt = after;
      }
      const data: TDeadlineMovedData = { stageId: stage?.stageId ?? null, stageName: stage?.stageName ?? null, before, after, action, date, reason, revision };
      this.record(now, SYSTEM_ACTOR, 'deadline_moved', JSON.stringify(data), stage?.stageId ?? null);
    }
    if (!moved) this.version++; // the calendar that counted the deadlines changed: the store keeps it too
  }

  /** The stage in progress has a new deadline: so do its open tasks (the inbox shows theirs). */
  private stageDeadlineMoved(stage: TStageClock, after: string | null): void {
    if (after === null || this.status !== 'in_review' || this.stage?.id !== stage.stageId) return;
    this.stageDueAt = after;
    const open = this.currentTasks.filter((t) => OPEN_TASK_STATUSES.includes(t.status));
    open.forEach((t) => (t.dueAt = after));
    this.touchTasks(open);
  }

  // ---- read models ----

  /** The stage the case is in now (what the view shows as its stage), without building the view. */
  get activeStageId(): string | null {
    return this.activeStage()?.id ?? null;
  }

  /** The stage a person is acting in: a review stage, the signature, or none once closed. */
  private activeStage(): { id: string; name: string } | null {
    if (this.isClosed) return null;
    if (this.status === 'in_review' || this.status === 'changes_requested') {
      const stage = this.stage;
      return stage ? { id: stage.id, name: stage.name.id } : null;
    }
    // Phases the workflow drives itself (negotiation, signature): the stage of the latest open task.
    const task = this.tasks.findLast((t) => OPEN_TASK_STATUSES.includes(t.status) && t.kind !== 'guarantee');
    return task ? { id: task.stageId, name: task.stageName } : this.status === 'awaiting_signature' ? SIGN_STAGE : null;
  }

  view(): TCaseView {
    const stage = this.activeStage();
    return {
      caseId: this.input.caseId,
      kind: this.input.kind,
      typeId: this.input.type.id,
      applicantId: this.input.applicantId,
      registrationNumber: this.registrationNumber,
      status: this.status,
      stage: stage && { ...stage, dueAt: this.stageDueAt, round: this.round },
      submittedAt: this.submittedAt,
      caseDueAt: this.caseDueAt,
      closedAt: this.closedAt,
      outcomeReason: this.outcomeReason,
      documentNumber: this.documentNumber,
      clock: this.clock,
      fields: this.fields,
      facts: this.facts,
      documents: this.documents,
      tasks: this.tasks,
      events: this.events,
      version: this.version,
    };
  }

  /** Everything the store needs at this version; only events after `afterSeq` (earlier ones are written). */
  projection(afterSeq: number): TCaseProjection {
    const stage = this.activeStage();
    return {
      caseId: this.input.caseId,
      version: this.version,
      status: this.status,
      stageId: stage?.id ?? null,
      stageName: stage?.name ?? null,
      fields: this.fields,
      facts: this.facts,
      documents: this.documents,
      stageDueAt: this.stageDueAt,
      caseDueAt: this.caseDueAt,
      closedAt: this.closedAt,
      outcomeReason: this.outcomeReason,
      clock: this.clock,
      tasks: this.tasks,
      events: this.events.filter((e) => e.seq > afterSeq),
    };
  }

  // ---- internals ----

  /** The clock of the review stage now opening: a new one on its first round, the same one after a revision. */
  private stageClock(now: Date, stage: TStageDefinition): TStageClock | undefined {
    if (!this.clock) return undefined;
    const current = this.clock.stages.at(-1);
    if (this.round > 1 && current?.stageId === stage.id && current.closedAt === null) return current;
    const opened: TStageClock = {
      stageId: stage.id,
      stageName: stage.name.id,
      serviceLevelDays: stage.serviceLevelDays,
      policy: clockPolicyOf(stage),
      openedAt: now.toISOString(),
      closedAt: null,
      dueAt: null,
    };
    this.clock.stages.push(opened);
    return opened;
  }

  private closeStageClock(now: Date): void {
    const current = this.clock?.stages.at(-1);
    if (current && current.closedAt === null) current.closedAt = now.toISOString();
    this.clockRevision++;
  }

  /** The stage sent the case to the applicant: the clock stops until the revision (or the end of the case). */
  private pause(now: Date, asker: TTask | undefined): void {
    if (!this.clock || openPause(this.clock)) return;
    const stage = this.stage;
    const by: TClockActor = asker ? { userId: asker.assignee ?? SYSTEM_ACTOR.userId, role: asker.role } : SYSTEM_ACTOR;
    pauseClock(this.clock, {
      paused: now.toISOString(),
      reason: 'awaiting_revision',
      by,
      stageId: stage?.id ?? null,
      policy: stage ? clockPolicyOf(stage) : 'continue',
    });
    const current = this.clock.stages.at(-1);
    if (current && current.closedAt === null) this.recomputeStageDeadline(current);
    this.recomputeCaseDeadline();
  }

  /** A running stage's deadline from the ledger and the case's closures, noting the calendar that counted it. */
  private recomputeStageDeadline(stage: TStageClock): void {
    stage.dueAt = isoOrNull(stageDeadline(this.officeCalendar!, stage, this.clock!.pauses, this.clock!.closures).dueAt);
    if (this.clock!.basis) stage.basis = { ...this.clock!.basis };
  }

  /** The whole case's deadline from the ledger (null while paused); cases without a ledger keep the one set at start. */
  private recomputeCaseDeadline(): void {
    if (!this.clock) return;
    this.clockRevision++;
    this.caseDueAt = isoOrNull(caseDeadline(this.officeCalendar!, this.clock, this.submittedAt).dueAt);
  }

  private newTask(now: Date, spec: TNewTask): TTask {
    const task: TTask = {
      id: spec.id ?? `${this.input.caseId}.${spec.stageId}.${this.round}.${spec.role.replace(/[^a-z0-9-]/g, '-')}`,
      kind: spec.kind,
      caseId: this.input.caseId,
      stageId: spec.stageId,
      stageName: spec.stageName,
      role: spec.role,
      status: 'open',
      assignee: null,
      outcome: null,
      comment: null,
      createdAt: now.toISOString(),
      dueAt: spec.dueAt,
      decidedAt: null,
      version: 0,
    };
    this.tasks.push(task);
    return task;
  }

  private requireStage(): TStageDefinition {
    const stage = this.stage;
    if (!stage) throw refuse('InvalidTransition', 'the case has no stage left');
    return stage;
  }

  private requireOpenTask(taskId: string, actor: TActor): TTask {
    const task = this.tasks.find((t) => t.id === taskId);
    if (!task) throw refuse('TaskNotFound', `task ${taskId} not found`);
    // A reviewer without the role learns nothing more than "forbidden" about the task.
    if (!holdsRole(actor, task.role)) {
      throw refuse('NotPermitted', `task ${taskId} needs role ${task.role}`);
    }
    if (!OPEN_TASK_STATUSES.includes(task.status) || this.isClosed) {
      throw refuse('TaskClosed', `task ${taskId} is ${task.status === 'done' ? 'already decided' : 'closed'}`);
    }
    // The guarantee runs beside every phase (the vendor may hand it in while the PPK revises the terms);
    // a termination is reviewed while the contract stays active; the other tasks wait while the case is with
    // the applicant.
    const besidePhases = task.kind === 'guarantee' || (task.kind === 'termination_review' && this.status === 'active');
    if (!besidePhases && !ACTIONABLE_STATUSES.includes(this.status)) {
      throw refuse('TaskClosed', `task ${taskId} cannot be acted on while the case is ${this.status}`);
    }
    return task;
  }

  /** Who reviews a termination: the contract's legal role, as in its review stage. */
  private get legalRole(): string | undefined {
    const roles = this.input.type.stages.flatMap((s) => s.roles);
    return roles.find((r) => r.startsWith('legal:')) ?? roles[0];
  }

  /** The contract's facts; a contract-only step on another kind is refused (the workflows never ask it). */
  private contractFacts(): TContractFacts {
    if (this.facts.kind !== 'contract') throw refuse('InvalidTransition', `a ${this.facts.kind} has no contract terms`);
    return this.facts;
  }

  assertIsApplicant(actor: TActor): void {
    if (actor.userId !== this.input.applicantId) {
      throw refuse('NotPermitted', 'only the applicant may do this');
    }
  }

  private close(
    now: Date,
    status: 'approved' | 'issued' | 'rejected' | 'withdrawn' | 'terminated',
    reason: string | null,
    actor: { userId: string; role: string } = SYSTEM_ACTOR,
  ): void {
    this.status = status;
    this.closedAt = now.toISOString();
    this.outcomeReason = reason;
    this.stageDueAt = null;
    // The case no longer waits on anyone: a pause still open ends with it, and so does the stage in progress.
    if (this.clock) resumeClock(this.clock, now.toISOString(), actor);
    this.closeStageClock(now);
    this.recomputeCaseDeadline();
    // A signature asked for and not yet made will not be made: an addendum ended by its contract's termination
    // in the same activation as its signer's decision keeps no grant (the workflow reads it only while open).
    this.pendingGrant = null;
    const cancelled = this.tasks.filter((t) => OPEN_TASK_STATUSES.includes(t.status));
    cancelled.forEach((t) => (t.status = 'cancelled'));
    this.record(now, actor, status, reason);
    this.touchTasks(cancelled);
  }

  private record(
    now: Date,
    actor: { userId: string; role: string },
    action: TCaseAction,
    comment: string | null,
    stageId: string | null = this.stage?.id ?? null,
  ): void {
    this.version++;
    this.events.push({
      caseId: this.input.caseId,
      seq: this.events.length + 1,
      at: now.toISOString(),
      actorId: actor.userId,
      role: actor.role,
      action,
      stageId,
      comment,
    });
  }

  /** Marks tasks as changed at the current version so that the store's version guard accepts them. */
  private touchTasks(tasks: TTask[]): void {
    tasks.forEach((t) => (t.version = this.version));
  }
}

/** The version of the terms a revision puts on the table: its own field, or (sent before facts) `fields.termsVersion`. */
function revisedTermsVersion(input: Pick<TRevisionInput, 'fields' | 'termsVersion'>): number | undefined {
  if (input.termsVersion !== undefined && input.termsVersion !== null) return input.termsVersion;
  return 'termsVersion' in input.fields ? (input.fields.termsVersion as number) : undefined;
}

function isoOrNull(at: Date | null): string | null {
  return at && at.toISOString();
}

/** A copy of the start input's facts: the state changes them, the input stays as the history recorded it. */
function structuredCloneFacts(facts: TCaseFacts): TCaseFacts {
  return JSON.parse(JSON.stringify(facts)) as TCaseFacts;
}

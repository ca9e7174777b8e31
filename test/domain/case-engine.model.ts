/**
 * A pure, synchronous model of the case workflows for property tests: the real `CaseState` driven by
 * generators that mirror the phase logic of `workflows/shared/case.lifecycle.ts` (`reviewStages`,
 * `signAndIssue`), `workflows/permit`, `workflows/contract` and the addendum child. Each `waitFor` of a
 * workflow is a `yield` of its condition; activities answer at once (registration and document numbers
 * from counters, a signing grant refused when it is not a seeded signer's). The sampled replay
 * (test/replay/sampled-sequences.test.ts) runs the same command sequences on the real workflows and
 * checks they end where this model says, which keeps the mirror honest.
 */
import { contractCaseType } from '../../domain/kinds/contract/contract.case-type';
import { PONTIANAK_CALENDAR } from '../../domain/calendar';
import type { TTask } from '../../domain/case';
import type { TCalendar } from '../../domain/calendar';
import type { TCaseType } from '../../domain/case-type.schema';
import { signerRoleOf } from '../../domain/case-type.schema';
import type { TContractType } from '../../domain/contract-type.schema';
import { outcomesFor } from '../../domain/outcome';
import type { TTaskOutcome } from '../../domain/outcome';
import type { TActor } from '../../domain/roles';
import type { TAddendumWorkflowInput } from '../../workflows/contract/addendum.workflow';
import { contractSigners } from '../../workflows/contract/contract.parties';
import { addendumInput } from '../../workflows/contract/contract.workflow';
import type { TContractWorkflowInput } from '../../workflows/contract/contract.workflow';
import type { TPermitWorkflowInput } from '../../workflows/permit/permit.workflow';
import { CASE_FAILURE_TYPES } from '../../workflows/shared/case.errors';
import type { TSigner } from '../../workflows/shared/case.lifecycle';
import type { TAddendumRequestInput, TCaseView, TCaseWorkflowInput, TTerminationInput } from '../../workflows/shared/case.messages';
import { contractFactsOf, newContractFacts } from '../../domain/kinds/contract/contract.facts';
import { isCaseRefusal, refuse, type CaseRefusal } from '../../domain/engine/case-refusal';
import { CaseState, TERMINATION_REASON_MAX_LENGTH } from '../../domain/engine/case-state';

// ---- the parties: seeded development users where they exist, so the real workflow can sign as them ----

export const PPK_ROLE = 'ppk:dinas-pupr';
export const LEGAL_ROLE = 'legal:dinas-pupr';
export const VENDOR_ROLE = 'vendor:012345678901234';
export const HEAD_ROLE = 'approver:kepala-dpmptsp';
const SEEDED: Record<string, string> = {
  'reviewer:dpmptsp': 'rahmat',
  'reviewer:pupr': 'agus',
  'reviewer:damkar': 'dedi',
  'reviewer:bapenda': 'wulan',
  'reviewer:dinkes': 'nurhayati',
  [HEAD_ROLE]: 'kepala',
  [PPK_ROLE]: 'ppk',
  [LEGAL_ROLE]: 'hukum',
  [VENDOR_ROLE]: 'vendor-a',
};
/** Users with a signing certificate in the development PKI. */
export const SEEDED_SIGNERS = new Set(['kepala', 'ppk', 'vendor-a']);
export const userFor = (role: string): string => SEEDED[role] ?? `u-${role.replace(/[^a-z0-9]/g, '-')}`;
export const REFUSED_GRANT_MESSAGE = 'the signing grant does not belong to this case';
const NEGOTIATION_SERVICE_DAYS = 5;
const GUARANTEE_STAGE = { stageId: 'jaminan_pelaksanaan', stageName: 'Jaminan pelaksanaan' };
const VENDOR_STAGE = { stageId: 'tinjauan_penyedia', stageName: 'Tinjauan penyedia' };
const PPK_STAGE = { stageId: 'tinjauan_ppk', stageName: 'Tinjauan PPK atas usulan penyedia' };

// ---- inputs, as the API and the contract workflow build them ----

export function permitInput(caseId: string, type: TCaseType, fields: Record<string, unknown> = { catatan: 'awal' }, calendar: TCalendar = PONTIANAK_CALENDAR): TPermitWorkflowInput {
  return { caseId, kind: 'permit', type, applicantId: 'budi', fields, documents: {}, calendar };
}

export function contractInput(caseId: string, type: TContractType, guaranteeDueAt: string, calendar: TCalendar = PONTIANAK_CALENDAR): TContractWorkflowInput {
  return {
    caseId,
    kind: 'contract',
    type: contractCaseType(type, PPK_ROLE),
    applicantId: 'ppk',
    fields: {
      vendorRole: VENDOR_ROLE,
      ppkRole: PPK_ROLE,
      title: 'Pengadaan Komputer Layanan Perizinan DPMPTSP',
      vendorName: 'CV Maju Jaya',
      value: 141_000_000,
      startDate: '2026-12-07',
      endDate: '2027-01-05',
    },
    facts: newContractFacts(),
    documents: {},
    calendar,
    maxNegotiationRounds: 3,
    parties: { ppkRole: PPK_ROLE, vendorRole: VENDOR_ROLE },
    signingOrder: type.signingOrder,
    guaranteeDueAt,
  };
}

/** An addendum as the contract workflow starts it, for a contract agreed at version 2. */
export function standaloneAddendumInput(contract: TContractWorkflowInput, withException: boolean): TAddendumWorkflowInput {
  return addendumInput(contract, { fields: contract.fields, facts: { ...newContractFacts(), termsVersion: 2, agreedVersion: 2 } }, addendumRequest(`${contract.caseId}-a3`, 3, withException));
}

export function addendumRequest(addendumId: string, termsVersion: number, withException: boolean, sequence = 1): TAddendumRequestInput {
  return {
    actor: { userId: 'ppk', roles: [PPK_ROLE] },
    addendumId,
    sequence,
    justification: 'Penambahan satu unit komputer',
    termsVersion,
    exceptionReason: withException ? 'Kebutuhan mendesak gerai layanan baru' : null,
    value: 153_500_000,
    endDate: '2027-01-05',
  };
}

// ---- commands: plain data, resolved against the model when applied ----

export type TTaskPick = { open: boolean; index: number } | 'missing';
export type TActorPick = 'holder' | 'second-holder' | 'applicant' | 'other-applicant' | 'nobody' | 'admin' | 'vendor' | 'ppk' | 'head';
/** `fit`: an outcome the task's kind takes, chosen by the number (biased to progress); else that outcome. */
export type TOutcomePick = { fit: number } | TTaskOutcome;

export type TCommand =
  | { op: 'claim'; target: 'case' | 'child'; task: TTaskPick; actor: TActorPick }
  | {
      op: 'decide';
      target: 'case' | 'child';
      task: TTaskPick;
      actor: TActorPick;
      outcome: TOutcomePick;
      comment: 'none' | 'blank' | 'text';
      grant: 'good' | 'refused' | 'none';
      terms: 'none' | -1 | 0 | 1 | 2;
    }
  | { op: 'revise'; target: 'case' | 'child'; actor: TActorPick; change: 'field' | 'terms' | 'terms-skip' | 'empty' }
  | { op: 'withdraw'; target: 'case' | 'child'; actor: TActorPick; reason: string | null }
  | { op: 'addendum'; actor: TActorPick; terms: 0 | 1 | 2; exception: boolean }
  /** The PPK asks to end the contract (pemutusan); `long` is one character over the limit. */
  | { op: 'terminate'; actor: TActorPick; reason: 'text' | 'blank' | 'long' }
  | { op: 'timer' }
  /** Two updates delivered in one workflow activation: the workflow does not run between them. */
  | { op: 'together'; first: TCommand; second: TCommand };

/** The update a command resolved to, as the real client would send it. */
export interface TResolvedUpdate {
  target: 'case' | 'child';
  update: 'claim' | 'decision' | 'revision' | 'withdrawal' | 'addendumRequest' | 'termination';
  msg: Record<string, unknown> & { actor: TActor };
}

export type TApplied =
  | { kind: 'accepted'; updates: TResolvedUpdate[] }
  | { kind: 'refused'; failureType: string; updates: TResolvedUpdate[] }
  | { kind: 'skipped' }
  | { kind: 'timer' };

/** A failure the model found: anything but a domain refusal from a validator, or a throw of the workflow. */
export class EngineDefect extends Error {}

type TWait = () => boolean;
type TPhase<R = void> = Generator<TWait, R, void>;

interface TFiber {
  gen: TPhase<unknown>;
  wait: TWait | null;
  done: boolean;
}

interface THandler {
  validator: (msg: never) => void;
  handler: (msg: never) => void;
}

/** Minutes since the model's epoch: every step of any model advances one shared clock by a minute. */
export class ModelClock {
  private tick = 0;
  constructor(private readonly start = Date.parse('2026-11-27T02:00:00Z')) {}
  now(): Date {
    return new Date(this.start + this.tick++ * 60_000);
  }
}

/** One case workflow, run synchronously. */
export class CaseModel {
  readonly state: CaseState;
  private readonly fibers: TFiber[] = [];
  private readonly handlers = new Map<string, THandler>();
  readonly firedTimers = new Set<string>();
  finished = false;
  child: CaseModel | null = null;
  readonly children: CaseModel[] = [];
  /** How often each numbering activity ran: registration once, a document number at most once. */
  readonly counters = { register: 0, prepare: 0, registerIssued: 0, terminationNotice: 0 };
  /**
   * The snapshot the property runner took after the last step, while nothing has run since (`apply` clears it
   * before anything is delivered): the validator check reuses it instead of serialising the case again.
   */
  checkedSnapshot: string | null = null;
  /** The update currently answering for the addendum it started (the contract's `running`). */
  private running: string | null = null;

  constructor(
    readonly input: TCaseWorkflowInput,
    readonly clock: ModelClock,
  ) {
    this.state = new CaseState(input, clock.now().toISOString(), () => true);
    this.installHandlers();
    const main = input.kind === 'permit' ? this.permitMain() : input.kind === 'contract' ? this.contractMain(input as TContractWorkflowInput) : this.addendumMain(input as TAddendumWorkflowInput);
    this.spawn(main);
    this.progress();
  }

  // ---- running the workflow until every fiber waits ----

  private spawn(gen: TPhase<unknown>): void {
    this.fibers.push({ gen, wait: null, done: false });
  }

  /** Runs every fiber whose condition holds, children included, until none can move. */
  progress(): void {
    for (let moved = true; moved; ) {
      moved = false;
      for (const fiber of this.fibers) {
        if (fiber.done || (fiber.wait && !fiber.wait())) continue;
        moved = true;
        let next: IteratorResult<TWait, unknown>;
        try {
          next = fiber.gen.next();
        } catch (err) {
          if (err instanceof EngineDefect) throw err;
          throw new EngineDefect(`the ${this.input.kind} workflow threw (its task would fail and retry forever): ${(err as Error)?.stack ?? String(err)}`);
        }
        if (next.done) fiber.done = true;
        else fiber.wait = next.value;
      }
      for (const child of this.children) {
        const before = child.state.version;
        child.progress();
        if (child.state.version !== before) moved = true;
      }
    }
  }

  /** `CaseRun.waitFor`: true when the case was closed meanwhile. */
  private *waitFor(ready: TWait): TPhase<boolean> {
    const check = () => ready() || this.state.isClosed;
    if (!check()) yield check;
    return this.state.isClosed;
  }

  private register(): void {
    this.counters.register++;
    this.state.register(this.clock.now(), `REG/${this.input.type.code}/2026/${this.input.caseId}`);
  }

  /** `CaseRun.reviewStages`. */
  private *reviewStages(): TPhase {
    const { state } = this;
    while (state.stage && !state.isClosed) {
      state.openStage(this.clock.now());
      if (yield* this.waitFor(() => state.stageDecided)) break;
      const outcome = state.concludeStage(this.clock.now());
      if (outcome === 'request_changes' && (yield* this.waitFor(() => state.status !== 'changes_requested'))) break;
    }
  }

  /** `CaseRun.signAndIssue`, with activities answering at once. */
  private *signAndIssue(signers: TSigner[], endStatus: 'issued' | 'active' = 'issued'): TPhase {
    const { state } = this;
    let document: { number: string } | undefined;
    for (const signer of signers) {
      for (;;) {
        state.openSignTask(this.clock.now(), signer.role);
        if (yield* this.waitFor(() => state.pendingGrant !== null)) return;
        const { grantId, signerId } = state.pendingGrant!;
        if (!document) {
          // A permit's certificate names its signer: preparing it for a signer without a certificate is refused first.
          if (this.input.kind === 'permit' && !SEEDED_SIGNERS.has(signerId)) {
            state.signFailed(this.clock.now(), `${signerId} has no valid signing certificate`);
            continue;
          }
          this.counters.prepare++;
          document = { number: `DOC/${this.input.type.code}/${this.input.caseId}` };
        }
        if (grantId === 'good' && SEEDED_SIGNERS.has(signerId)) {
          state.signed();
          break;
        }
        state.signFailed(this.clock.now(), REFUSED_GRANT_MESSAGE);
      }
    }
    this.counters.registerIssued++;
    state.issue(this.clock.now(), document!.number, endStatus);
  }

  private *permitMain(): TPhase {
    this.register();
    yield* this.reviewStages();
    if (this.state.status === 'awaiting_signature') {
      yield* this.signAndIssue([{ step: 'certificate', role: signerRoleOf(this.input.type)! }]);
    }
    this.finished = true;
  }

  private *addendumMain(input: TAddendumWorkflowInput): TPhase {
    this.register();
    yield* this.reviewStages();
    if (this.state.status === 'awaiting_signature') yield* this.signAndIssue(contractSigners(input.parties, input.signingOrder));
    this.finished = true;
  }

  /** `contractWorkflow`. */
  private *contractMain(input: TContractWorkflowInput): TPhase {
    const { state } = this;
    this.register();
    const { ppkRole, vendorRole } = input.parties;
    // Installed from the start, as the workflow does: a request is refused at once whatever the contract's phase.
    this.handlers.set('termination', {
      validator: (msg: TTerminationInput) => state.assertCanRequestTermination(msg),
      handler: (msg: TTerminationInput) => state.requestTermination(this.clock.now(), msg),
    });
    const guarantee = state.openTask(this.clock.now(), { kind: 'guarantee', ...GUARANTEE_STAGE, role: vendorRole, dueAt: input.guaranteeDueAt });
    const guaranteeDone = () => guarantee.status === 'done';
    this.spawn(this.guaranteeTimer(guaranteeDone));
    const done = () => {
      this.finished = true;
    };

    yield* this.reviewStages();
    if (state.status !== 'awaiting_signature') return done();
    state.enterPhase('negotiation');
    const decisionOf = (task: TTask) => state.decisionOf(task.id)!; // patched('contract-negotiation-own-decision-v1')
    for (;;) {
      const due = () => new Date(this.clock.now().getTime() + NEGOTIATION_SERVICE_DAYS * 86_400_000).toISOString();
      const review = state.openTask(this.clock.now(), { kind: 'vendor_review', ...VENDOR_STAGE, role: vendorRole, dueAt: due() });
      if (yield* this.waitFor(() => review.status === 'done')) return done();
      if (decisionOf(review).outcome === 'accept') break;
      state.setTerms({ termsVersion: decisionOf(review).termsVersion!, proposals: state.proposals + 1 });
      const answer = state.openTask(this.clock.now(), { kind: 'ppk_review', ...PPK_STAGE, role: ppkRole, dueAt: due() });
      if (yield* this.waitFor(() => answer.status === 'done')) return done();
      if (decisionOf(answer).outcome === 'accept') break;
      state.setTerms({ termsVersion: decisionOf(answer).termsVersion!, proposals: state.proposals + 1 });
    }
    state.setTerms({ agreedVersion: state.termsVersion });
    if (yield* this.waitFor(guaranteeDone)) return done();
    state.enterPhase('awaiting_signature');
    yield* this.signAndIssue(contractSigners(input.parties, input.signingOrder), 'active');
    yield* this.serveAddenda(input);
    done();
  }

  /** The guarantee's deadline beside everything else: fires when the `timer` command says so. */
  private *guaranteeTimer(guaranteeDone: () => boolean): TPhase {
    const { state } = this;
    const check = () => guaranteeDone() || state.isClosed || this.firedTimers.has('guarantee');
    if (!check()) yield check;
    if (!guaranteeDone() && !state.isClosed) {
      state.flag(this.clock.now(), 'guarantee_overdue', 'jaminan pelaksanaan belum diserahkan; penyedia dianggap mengundurkan diri');
    }
  }

  /**
   * `serveAddenda`: one addendum at a time as a child case; a signed one amends the contract. An approved
   * termination ends the loop: an addendum in flight is told to end first (`addendumOutcome`), then `terminate`.
   */
  private *serveAddenda(input: TContractWorkflowInput): TPhase {
    const { state } = this;
    const pending: TAddendumRequestInput[] = [];
    this.handlers.set('addendumRequest', {
      validator: (msg: TAddendumRequestInput) => state.assertCanRequestAddendum(msg, this.running !== null || pending.length > 0),
      handler: (msg: TAddendumRequestInput) => {
        pending.push(msg);
        state.setTerms({ termsVersion: msg.termsVersion });
      },
    });
    const terminationApproved = () => state.termination?.approved === true;
    for (;;) {
      if (yield* this.waitFor(() => pending.length > 0 || terminationApproved())) return;
      const request = pending.shift();
      if (!request) {
        // `terminate`: the notice (numbered once), the register, then the contract ends.
        this.counters.terminationNotice++;
        const number = `PUTUS/${input.caseId}`;
        state.terminate(this.clock.now(), { number, document: { id: number, sha256: '0'.repeat(64) } });
        return;
      }
      const child = new CaseModel(addendumInput(input, { fields: state.fields, facts: contractFactsOf(state.facts) }, request), this.clock);
      this.children.push(child);
      this.child = child;
      this.running = request.addendumId;
      if (!child.finished) yield* this.waitFor(() => child.finished || terminationApproved());
      if (!child.finished) {
        // The contract's signal to its addendum in flight; the child's own fibers then see it closed and end.
        child.state.cancelWithContract(this.clock.now(), { contractId: input.caseId, reason: state.termination!.reason });
        yield () => child.finished;
      }
      this.running = null;
      this.child = null;
      if (child.state.status === 'issued') {
        state.amend(this.clock.now(), { sequence: request.sequence, number: child.state.documentNumber!, termsVersion: request.termsVersion }, { value: request.value, endDate: request.endDate });
      }
    }
  }

  // ---- messages ----

  private installHandlers(): void {
    const { state } = this;
    this.handlers.set('claim', { validator: (msg: never) => void state.assertCanClaim(msg), handler: (msg: never) => state.claim(this.clock.now(), msg) });
    this.handlers.set('decision', { validator: (msg: never) => void state.assertCanDecide(msg), handler: (msg: never) => state.decide(this.clock.now(), msg) });
    this.handlers.set('revision', { validator: (msg: never) => state.assertCanRevise(msg), handler: (msg: never) => state.revise(this.clock.now(), msg) });
    this.handlers.set('withdrawal', { validator: (msg: never) => state.assertCanWithdraw(msg), handler: (msg: never) => state.withdraw(this.clock.now(), msg) });
  }

  /**
   * Delivers one update as Temporal does: the validator first (a refusal must be a typed, non-retryable
   * domain failure and must change nothing), then the handler's synchronous part (which must not throw).
   * The caller runs `progress()` afterwards, as the workflow would once the activation's jobs are applied.
   */
  deliver(update: TResolvedUpdate['update'], msg: TResolvedUpdate['msg']): { ok: true } | { ok: false; failureType: string } {
    const handler = this.handlers.get(update);
    const checked = this.checkedSnapshot;
    this.checkedSnapshot = null;
    // No handler yet (an addendum before the contract is active): the SDK rejects the update, the API checks first.
    if (!handler) return { ok: false, failureType: 'NoHandler' };
    const before = checked ?? this.snapshot();
    try {
      handler.validator(msg as never);
    } catch (err) {
      const type = domainRefusalType(err);
      if (!type) throw new EngineDefect(`the ${update} validator threw something other than a domain refusal: ${(err as Error)?.stack ?? String(err)}`);
      const after = this.snapshot();
      if (after !== before) throw new EngineDefect(`the refused ${update} (${type}) changed the case:\nbefore ${before}\nafter  ${after}`);
      return { ok: false, failureType: type };
    }
    try {
      handler.handler(msg as never);
    } catch (err) {
      throw new EngineDefect(`the ${update} handler threw after its validator accepted: ${(err as Error)?.stack ?? String(err)}`);
    }
    return { ok: true };
  }

  /**
   * Everything an update could change, as text (undefined, dates and functions would show up as differences).
   * Events stand in by their count: `checkCase` compares every earlier event field by field and refuses new
   * events without a new version, so serialising the whole (growing) list each time would check nothing more.
   */
  snapshot(): string {
    const { state } = this;
    const view = { ...state.view(), events: state.events.length };
    return JSON.stringify({ view, pendingGrant: state.pendingGrant, lastDecision: state.lastDecision, flags: state.flags, termination: state.termination });
  }

  view(): TCaseView {
    return this.state.view();
  }
}

export function refusal(type: keyof typeof CASE_FAILURE_TYPES, message: string): CaseRefusal {
  return refuse(type, message);
}

/** The failure type when `err` is a typed, non-retryable domain refusal; undefined for anything else. */
export function domainRefusalType(err: unknown): string | undefined {
  // The engine refuses with a domain refusal; the workflow wraps it (workflows/shared/case.errors.ts, tested apart).
  if (!isCaseRefusal(err)) return undefined;
  return Object.values(CASE_FAILURE_TYPES).includes(err.failureType as never) ? err.failureType : undefined;
}

// ---- resolving commands against a model ----

function pickTask(model: CaseModel, pick: TTaskPick) {
  if (pick === 'missing') return { id: `${model.input.caseId}.tidak-ada.1.x`, role: 'reviewer:dpmptsp', kind: 'review' as const };
  const tasks = pick.open ? model.state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed') : model.state.tasks;
  if (tasks.length === 0) return undefined;
  return tasks[pick.index % tasks.length];
}

function actorFor(model: CaseModel, pick: TActorPick, taskRole: string | undefined): TActor {
  const applicant: TActor = model.input.kind === 'permit' ? { userId: model.input.applicantId, roles: ['applicant'] } : { userId: 'ppk', roles: [PPK_ROLE] };
  switch (pick) {
    case 'holder':
      return taskRole ? { userId: userFor(taskRole), roles: [taskRole] } : applicant;
    case 'second-holder':
      return taskRole ? { userId: `${userFor(taskRole)}-2`, roles: [taskRole] } : { userId: 'siti', roles: ['applicant'] };
    case 'applicant':
      return applicant;
    case 'other-applicant':
      return { userId: 'siti', roles: ['applicant'] };
    case 'nobody':
      return { userId: 'tamu', roles: [] };
    case 'admin':
      return { userId: 'admin', roles: ['admin'] };
    case 'vendor':
      return { userId: 'vendor-a', roles: [VENDOR_ROLE] };
    case 'ppk':
      return { userId: 'ppk', roles: [PPK_ROLE] };
    case 'head':
      return { userId: 'kepala', roles: [HEAD_ROLE] };
  }
}

/** Review outcomes biased to approve, so that random cases reach signature and the later phases. */
function fittingOutcome(kind: Parameters<typeof outcomesFor>[0], n: number): TTaskOutcome {
  if (kind === 'review') return n % 10 < 7 ? 'approve' : n % 10 < 9 ? 'request_changes' : 'reject';
  if (kind === 'vendor_review' || kind === 'ppk_review') return n % 3 === 0 ? outcomesFor(kind)[1]! : 'accept';
  if (kind === 'termination_review') return n % 10 < 6 ? 'approve' : 'reject';
  return outcomesFor(kind)[0]!;
}

/** Turns a command into the update the client would send, or undefined when it addresses nothing. */
export function resolve(root: CaseModel, cmd: Exclude<TCommand, { op: 'timer' } | { op: 'together' }>): TResolvedUpdate | undefined {
  // A command for the addendum goes to the contract when none is running.
  const target = 'target' in cmd && cmd.target === 'child' && root.child ? 'child' : 'case';
  const model = target === 'child' ? root.child! : root;
  const { state } = model;
  switch (cmd.op) {
    case 'claim': {
      const task = pickTask(model, cmd.task);
      if (!task) return undefined;
      return { target, update: 'claim', msg: { actor: actorFor(model, cmd.actor, task.role), taskId: task.id } };
    }
    case 'decide': {
      const task = pickTask(model, cmd.task);
      if (!task) return undefined;
      const outcome = typeof cmd.outcome === 'string' ? cmd.outcome : fittingOutcome(task.kind, cmd.outcome.fit);
      const needsComment = outcome === 'reject' || outcome === 'request_changes';
      const comment = cmd.comment === 'blank' ? '  ' : cmd.comment === 'text' || (needsComment && cmd.comment === 'none' && typeof cmd.outcome !== 'string') ? 'Catatan uji' : null;
      const proposes = outcome === 'propose_changes' || outcome === 'counter';
      const terms = cmd.terms === 'none' ? (proposes && typeof cmd.outcome !== 'string' ? 1 : undefined) : cmd.terms;
      const msg: TResolvedUpdate['msg'] = { actor: actorFor(model, cmd.actor, task.role), taskId: task.id, outcome, comment };
      const grant = cmd.grant === 'none' && task.kind === 'sign' && typeof cmd.outcome !== 'string' ? 'good' : cmd.grant;
      if (grant !== 'none') msg.grantId = grant;
      if (terms !== undefined) msg.termsVersion = state.termsVersion + terms;
      return { target, update: 'decision', msg };
    }
    case 'revise': {
      const fields: Record<string, unknown> =
        cmd.change === 'field' ? { catatan: `revisi ${state.version}` } : cmd.change === 'terms' ? { termsVersion: state.termsVersion + 1 } : cmd.change === 'terms-skip' ? { termsVersion: state.termsVersion + 2 } : {};
      return { target, update: 'revision', msg: { actor: actorFor(model, cmd.actor, undefined), fields, documents: {}, comment: null } };
    }
    case 'withdraw':
      return { target, update: 'withdrawal', msg: { actor: actorFor(model, cmd.actor, undefined), reason: cmd.reason } };
    case 'addendum': {
      const termsVersion = state.termsVersion + cmd.terms;
      const request = addendumRequest(`${model.input.caseId}-a${termsVersion}`, termsVersion, cmd.exception, model.children.length + 1);
      return { target: 'case', update: 'addendumRequest', msg: { ...request, actor: actorFor(model, cmd.actor, undefined) } };
    }
    case 'terminate': {
      const reason = cmd.reason === 'blank' ? '   ' : cmd.reason === 'long' ? 'x'.repeat(TERMINATION_REASON_MAX_LENGTH + 1) : 'Penyedia wanprestasi';
      return { target: 'case', update: 'termination', msg: { actor: actorFor(model, cmd.actor, undefined), reason } };
    }
  }
}

/** Applies a command to the root model (and its running child), then lets the workflows run. */
export function apply(root: CaseModel, cmd: TCommand): TApplied {
  // Only the first update of a command may reuse the snapshot of the last check: after it, anything may have moved.
  const checked = new Map([root, ...root.children].map((m) => [m, m.checkedSnapshot]));
  for (const model of checked.keys()) model.checkedSnapshot = null;
  if (cmd.op === 'timer') {
    root.firedTimers.add('guarantee');
    root.progress();
    return { kind: 'timer' };
  }
  const parts = cmd.op === 'together' ? [cmd.first, cmd.second] : [cmd];
  const updates: TResolvedUpdate[] = [];
  let refused: string | undefined;
  for (const [i, part] of parts.entries()) {
    if (part.op === 'timer' || part.op === 'together') continue;
    const update = resolve(root, part);
    if (!update) continue;
    const model = update.target === 'child' ? root.child! : root;
    if (i === 0) model.checkedSnapshot = checked.get(model) ?? null;
    const result = model.deliver(update.update, update.msg);
    if (result.ok) updates.push(update);
    else refused ??= result.failureType;
  }
  root.progress();
  if (updates.length > 0) return { kind: 'accepted', updates };
  return refused ? { kind: 'refused', failureType: refused, updates } : { kind: 'skipped' };
}

import { assertNotExpired, domainStep, guardEngine } from './case.errors';
import {
  ActivityFailure,
  type ActivityOptions,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  type LocalActivityOptions,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { TIssuanceActivities } from '../../activities/issuance.activities';
import type { TPreparedDocument } from '../../activities/issuance.types';
import type { TRecordActivities } from '../../activities/records.activities';
import { localDate } from '../../domain/calendar';
import { lapsePolicyOf, type TLapsePolicy } from '../../domain/case-type.schema';
import { NON_RETRYABLE_FAILURE_TYPES, SIGNING_REFUSED } from '../../domain/failures';
import {
  calendarChangedSignal,
  claimUpdate,
  decisionUpdate,
  registrationUpdate,
  releaseUpdate,
  revisionUpdate,
  viewQuery,
  withdrawalUpdate,
} from './case.messages';
import type { TCaseAnswer, TCaseView, TCaseWorkflowInput } from './case.messages';
import { CaseState } from '../../domain/engine/case-state';
import { SA_REGISTRATION_NUMBER, SA_STAGE_ID, SA_STATUS } from './search-attributes';

const RECORDS_OPTIONS: ActivityOptions & LocalActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', backoffCoefficient: 2, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES] },
};
const records = proxyActivities<TRecordActivities>(RECORDS_OPTIONS);
/** The projection written by the worker that runs the workflow task: no round trip through the server (issue 12). */
const localRecords = proxyLocalActivities<TRecordActivities>(RECORDS_OPTIONS);

export const issuance = proxyActivities<TIssuanceActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES] },
});

/** Marks the cases that keep a pause ledger and re-compute their deadlines from it (issue 10 §2). */
export const PAUSE_LEDGER_PATCH = 'case-pause-ledger-v1';
/** Marks the cases whose review stages send reminders and escalate on timers (issue 10 §2; needs the ledger). */
export const STAGE_REMINDERS_PATCH = 'case-stage-reminders-v1';
/** Marks the cases that count their deadlines again when a closure is added or removed (issue 10 §3; needs the ledger). */
export const CALENDAR_CHANGES_PATCH = 'case-calendar-changes-v1';
/** Marks the permits whose lapsed case deadline is recorded and answered by the type's policy (issue 10 §2; needs the ledger). */
export const DEEMED_APPROVAL_PATCH = 'case-deemed-approval-v1';

/** Marks the cases whose signature, negotiation and other task deadlines count by the office rule too (needs the ledger). */
export const OFFICE_DEADLINES_PATCH = 'case-office-deadlines-v1';

/**
 * Marks the cases whose projector writes the store by a local activity: an update's effect, the next stage opened
 * and their projections complete in one workflow task instead of one per activity (issue 12).
 */
export const LOCAL_PROJECTION_PATCH = 'case-local-projection-v1';

/**
 * Marks the cases whose projector writes by a regular activity again, after a workflow task has committed: a local
 * activity runs before its task commits, so a worker killed between the two left the store showing a decision the
 * workflow never took (the cluster suite's SIGKILL test found a case in review with its tasks closed in the store and
 * open in the workflow). Cases recorded with the local projection alone keep it (replay).
 */
export const PROJECTION_AFTER_COMMIT_PATCH = 'case-projection-after-commit-v1';

/**
 * Marks the cases whose updates answer without waiting for the projector: once the workflow waits for someone (or
 * has closed), the answer carries the projection of its version and the API writes it, version-checked, before it
 * reads (api/case-updates.ts). The API has the answer only after the workflow task that completed the update
 * committed, so the store shows committed state only, unlike the local projection above; the projector still writes
 * every version after commit (the same version twice is a no-op), and `finish` still waits for it. One activity
 * round trip less per update (issue 12). Only with PROJECTION_AFTER_COMMIT_PATCH.
 */
export const PROJECTION_IN_ANSWER_PATCH = 'case-projection-in-answer-v1';

/**
 * Marks the cases whose history carries fewer round trips (issue 12): the projector leaves a version handed to a caller
 * in an update's answer (PROJECTION_IN_ANSWER_PATCH) to that caller, who writes it, and writes it itself only as a
 * check ANSWERED_CHECK_MS later, or at once when something no caller was handed changes the case (a timer, a signal,
 * the end): a run of decisions costs one projection activity instead of one each, and should the API die between an
 * answer and its write, the store catches up within the check. The status and stage search attributes are upserted
 * only when they change (a stage's conclusion and the next one's opening published the same values twice). And its
 * one marker stands for every patch above (`start`), instead of a marker and a search attribute upsert for each.
 */
export const QUIET_HISTORY_PATCH = 'case-quiet-history-v1';
/** How long an answered version may wait for the projector's own write (the API wrote it at once, as a rule). */
const ANSWERED_CHECK_MS = 3_000;

/** One signature of the issued document: who signs, and the step that names their signature. */
export interface TSigner {
  step: string;
  role: string;
}

/**
 * The engine every case kind runs on. `start` registers the case and installs the message handlers; the
 * phases (`reviewStages`, `signAndIssue`, and whatever a kind adds with `waitFor` and the state's tasks)
 * run in the workflow's order; `finish` waits for the store to show the last version. Handlers only
 * validate and mutate the state; one projector writes each new version to the store, and an update
 * answers once the store shows its effect, or (newer cases) with the projection the caller writes itself:
 * read-your-own-writes for the caller either way.
 */
export class CaseRun {
  private projectedVersion = 0;
  private projectedSeq = 0;
  private awaitingInput = false;
  /** What the workflow waits for while awaitingInput: once true, it is about to move on (and may change the case). */
  private awaited: () => boolean = () => false;
  /** PROJECTION_IN_ANSWER_PATCH, decided once at start. */
  private answersWithProjection = false;
  /** QUIET_HISTORY_PATCH, decided once at start. */
  private quietHistory = false;
  /** The status and stage last upserted as search attributes. */
  private published: { status: string; stageId: string | null } | null = null;
  /** Update handlers that will answer with a projection, and the last version one answered with. */
  private answersPending = 0;
  private answeredVersion = 0;

  private constructor(readonly state: CaseState) {}

  static async start(input: TCaseWorkflowInput): Promise<CaseRun> {
    // Cases started before issuance existed end `approved`; the patch marker keeps their replay deterministic.
    // The pause ledger is decided once, here: patched() answers false while replaying a history without its marker
    // but true once replay is over, so asking again later would switch a running case half-way.
    // New cases record one marker for all of the behaviour below (each marker also upserts TemporalChangeVersion, a
    // visibility write of its own); a history recorded before it is asked for each patch by name, as it was.
    const current = patched(QUIET_HISTORY_PATCH);
    const has = (patch: string) => current || patched(patch);
    const pauseLedger = has(PAUSE_LEDGER_PATCH);
    const officeDeadlines = pauseLedger && has(OFFICE_DEADLINES_PATCH);
    const state = domainStep(() => new CaseState(input, new Date().toISOString(), () => has('case-issuance-v1'), pauseLedger, officeDeadlines));
    const run = new CaseRun(guardEngine(state));
    // Before the handlers: update-with-start's registration update runs as soon as its handler is set.
    const afterCommit = has(PROJECTION_AFTER_COMMIT_PATCH);
    run.answersWithProjection = afterCommit && has(PROJECTION_IN_ANSWER_PATCH);
    run.quietHistory = current;
    run.installHandlers();
    run.startProjector(!afterCommit && has(LOCAL_PROJECTION_PATCH) ? localRecords : records);
    if (pauseLedger && has(STAGE_REMINDERS_PATCH)) run.startStageReminders();
    if (pauseLedger && has(CALENDAR_CHANGES_PATCH)) run.followCalendarChanges();
    // Deemed approval is a permit's right (Pasal 53 UU 30/2014 as amended); a contract's terms are agreed, never deemed.
    if (pauseLedger && input.kind === 'permit' && has(DEEMED_APPROVAL_PATCH)) run.watchCaseLapse(lapsePolicyOf(input.type));
    await run.register();
    return run;
  }

  /** Waits for a person; true when the case was closed (withdrawn) meanwhile. */
  async waitFor(ready: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.awaitingInput = true;
    const check = () => ready() || this.state.isClosed;
    this.awaited = check;
    if (timeoutMs === undefined) await condition(check);
    else await condition(check, Math.max(timeoutMs, 1));
    this.awaitingInput = false;
    return this.state.isClosed;
  }

  /**
   * The type's stages in order; a request for changes waits for the revision and reopens the stage. A lapsed case
   * deemed approved leaves the review at once, and its applicant is told.
   */
  async reviewStages(): Promise<void> {
    const { state } = this;
    while (state.stage && !state.isClosed) {
      state.openStage(new Date());
      this.publishStatus();
      if (await this.waitFor(() => state.stageDecided || state.deemedApproved)) break;
      if (state.deemedApproved) {
        this.publishStatus();
        await issuance.notifyDeemedApproval({ caseId: state.input.caseId });
        return;
      }
      const outcome = state.concludeStage(new Date());
      this.publishStatus();
      if (outcome === 'request_changes' && (await this.waitFor(() => state.status !== 'changes_requested'))) break;
    }
  }

  /**
   * Signatures in order, each on the output of the one before: a sign task per signer, whose decision carries
   * a signing grant. The document is prepared (number reserved, content final) at the first signature. A
   * refused grant (expired, revoked certificate) opens a new sign task for that signer instead of failing.
   * Then the document is registered, announced, and the case ends `issued` (or goes on `active`).
   */
  async signAndIssue(signers: TSigner[], prepare: (signerId: string) => Promise<TPreparedDocument>, endStatus: 'issued' | 'active' = 'issued'): Promise<void> {
    const { state } = this;
    const { caseId } = state.input;
    let document: TPreparedDocument | undefined;
    let sha256: string | undefined;
    for (const signer of signers) {
      for (;;) {
        if (state.isClosed) return; // ended meanwhile (an addendum cancelled with its contract): no new task
        state.openSignTask(new Date(), signer.role);
        this.publishStatus();
        // Closed meanwhile (an addendum cancelled with its contract): nothing to sign any more.
        if (await this.waitFor(() => state.pendingGrant !== null)) return;
        const { grantId, signerId } = state.pendingGrant!;
        try {
          document ??= await prepare(signerId);
          const signed = await issuance.signDocument({ caseId, step: signer.step, grantId, inputSha256: sha256 ?? document.sha256 });
          sha256 = signed.outputSha256;
          state.signed();
          break;
        } catch (err) {
          const refused = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === SIGNING_REFUSED;
          if (!refused) throw err;
          state.signFailed(new Date(), err.cause.message);
        }
      }
    }
    if (state.isClosed) return;
    const last = signers.at(-1)!;
    await issuance.registerIssuedDocument({ caseId, number: document!.number, step: last.step });
    await issuance.notifyApplicant({ caseId, event: 'issued' });
    state.issue(new Date(), document!.number, endStatus);
  }

  /** Publishes the final status and returns once the store shows the last version and every handler is done. */
  async finish(): Promise<TCaseView> {
    this.publishStatus();
    await condition(() => this.projectedVersion === this.state.version && allHandlersFinished());
    return this.state.view();
  }

  /**
   * Once the workflow waits for someone (or has closed): in cases with PROJECTION_IN_ANSWER_PATCH, the projection of
   * this version for the caller to write, with every event the projector has not confirmed yet (it may be writing
   * some of them: events are keyed by seq); before, the view once the store shows this update's effect.
   */
  async answer(): Promise<TCaseView | TCaseAnswer> {
    if (!this.answersWithProjection) {
      await condition(() => this.settled());
      return this.state.view();
    }
    this.answersPending++;
    try {
      await condition(() => this.settledForAnswer());
    } finally {
      this.answersPending--;
    }
    const { state } = this;
    if (this.projectedVersion === state.version) return { projection: null };
    this.answeredVersion = state.version;
    return { projection: state.projection(this.projectedSeq) };
  }

  /** The version in the case now is, or is about to be, in an update's answer: its caller writes it. */
  private answeredNow(): boolean {
    return this.answersPending > 0 || this.answeredVersion === this.state.version;
  }

  publishStatus(): void {
    const { status } = this.state;
    const stageId = this.state.activeStageId; // what the view shows as its stage, without building the view
    if (this.quietHistory && this.published?.status === status && this.published.stageId === stageId) return;
    this.published = { status, stageId };
    upsertSearchAttributes([
      { key: SA_STATUS, value: status },
      { key: SA_STAGE_ID, value: stageId },
    ]);
  }

  private settled(): boolean {
    const { state } = this;
    return state.registrationNumber !== null && (this.awaitingInput || state.isClosed) && this.projectedVersion === state.version;
  }

  /**
   * Registered, and closed or waiting for someone with nothing to move on to: an update that lets the workflow go on
   * (the stage's last decision) answers at the next wait, with what going on changed (the next stage's tasks).
   */
  private settledForAnswer(): boolean {
    const { state } = this;
    return state.registrationNumber !== null && (state.isClosed || (this.awaitingInput && !this.awaited()));
  }

  private installHandlers(): void {
    const { state } = this;
    const answer = () => this.answer();
    const act =
      <T>(apply: (now: Date, msg: T) => void) =>
      (msg: T): Promise<TCaseView | TCaseAnswer> => {
        apply(new Date(), msg);
        return answer();
      };
    setHandler(viewQuery, () => state.view());
    setHandler(registrationUpdate, answer, { validator: (msg) => state.assertIsApplicant(msg.actor) });
    setHandler(
      claimUpdate,
      act((now, msg) => state.claim(now, msg)),
      {
        validator: (msg) => {
          assertNotExpired(msg);
          state.assertCanClaim(msg);
        },
      },
    );
    setHandler(
      releaseUpdate,
      act((now, msg) => state.release(now, msg)),
      {
        validator: (msg) => {
          assertNotExpired(msg);
          state.assertCanRelease(msg);
        },
      },
    );
    setHandler(
      decisionUpdate,
      act((now, msg) => state.decide(now, msg)),
      {
        validator: (msg) => {
          assertNotExpired(msg);
          state.assertCanDecide(msg);
        },
      },
    );
    setHandler(
      revisionUpdate,
      act((now, msg) => state.revise(now, msg)),
      {
        validator: (msg) => {
          assertNotExpired(msg);
          state.assertCanRevise(msg);
        },
      },
    );
    setHandler(
      withdrawalUpdate,
      act((now, msg) => state.withdraw(now, msg)),
      {
        validator: (msg) => {
          assertNotExpired(msg);
          state.assertCanWithdraw(msg);
        },
      },
    );
  }

  /**
   * Reminders and escalation of the review stage in progress: one durable timer to its next notice, re-armed
   * whenever the stage's clock moves (opened, stopped, started again, closed); never a poll of the store. Each
   * notice is sent once: the stage's clock notes it, and the store writes it once by key.
   */
  private startStageReminders(): void {
    const { state } = this;
    void (async () => {
      while (!state.isClosed) {
        const revision = state.clockRevision;
        const moved = () => state.clockRevision !== revision || state.isClosed;
        const next = state.nextStageNotice();
        if (!next) {
          await condition(moved);
          continue;
        }
        const wait = Date.parse(next.at) - Date.now();
        if (wait > 0 && (await condition(moved, wait))) continue; // the deadline moved: re-arm
        await records.noticeStage({ caseId: state.input.caseId, notice: next, roles: state.noticeRoles(), dueAt: state.stageDueAt });
        state.stageNoticeSent(new Date(), next);
      }
    })();
  }

  /**
   * Deemed approval: one durable timer to the whole case's deadline, re-armed whenever the clock moves (a pause
   * holds it: no deadline, no timer). When it passes with the case still in review, the evidence pack is stored and
   * its report sealed (once per case, whatever is retried), and the state answers with the type's policy.
   */
  private watchCaseLapse(policy: TLapsePolicy): void {
    const { state } = this;
    void (async () => {
      while (!state.isClosed && !state.clock?.lapse) {
        const revision = state.clockRevision;
        const status = state.status;
        const moved = () => state.clockRevision !== revision || state.status !== status || state.isClosed;
        const due = state.lapseDueAt();
        const evidence = due === null ? null : state.lapseEvidence(policy);
        if (!due || !evidence) {
          await condition(moved);
          continue;
        }
        const wait = Date.parse(due) - Date.now();
        if (wait > 0 && (await condition(moved, wait))) continue; // the deadline moved or the case was decided: re-arm
        const report = await issuance.recordLapse({ evidence, recordedAt: new Date().toISOString() });
        state.lapsed(new Date(), evidence, report);
        this.publishStatus();
      }
    })();
  }

  /**
   * Closures added or removed re-count the deadlines (the projector writes the moves, reminders re-arm). A signal
   * handler must never throw: the state ignores what it cannot apply, and anything else is logged, not thrown.
   */
  private followCalendarChanges(): void {
    setHandler(calendarChangedSignal, (msg) => {
      try {
        this.state.calendarChanged(new Date(), msg);
      } catch (err) {
        log.warn('calendar change not applied', { caseId: this.state.input.caseId, error: err instanceof Error ? err.message : String(err) });
      }
    });
  }

  /**
   * Serialises store writes so that each carries every event since the last one. In cases with
   * QUIET_HISTORY_PATCH, versions handed to callers wait up to ANSWERED_CHECK_MS, one timer for a whole
   * run of answered updates, and are then written together as the check; an open case only (the last version is
   * written at once, as `finish` waits for it).
   */
  private startProjector(writer: Pick<TRecordActivities, 'projectCase'>): void {
    const { state } = this;
    const leftToCaller = () => this.quietHistory && this.answeredNow() && !state.isClosed;
    void (async () => {
      for (;;) {
        await condition(() => state.registrationNumber !== null && state.version > this.projectedVersion);
        if (leftToCaller()) await condition(() => !leftToCaller(), ANSWERED_CHECK_MS);
        const projection = state.projection(this.projectedSeq);
        await writer.projectCase(projection);
        this.projectedVersion = Math.max(this.projectedVersion, projection.version);
        this.projectedSeq = Math.max(this.projectedSeq, ...projection.events.map((e) => e.seq));
      }
    })();
  }

  private async register(): Promise<void> {
    const { state } = this;
    const { input } = state;
    const { registrationNumber } = await records.registerCase({
      caseId: input.caseId,
      kind: input.kind,
      typeId: input.type.id,
      typeCode: input.type.code,
      applicantId: input.applicantId,
      submittedAt: state.submittedAt,
      year: Number(localDate(new Date(state.submittedAt), input.calendar).slice(0, 4)),
    });
    state.register(new Date(), registrationNumber);
    upsertSearchAttributes([{ key: SA_REGISTRATION_NUMBER, value: registrationNumber }]);
  }
}

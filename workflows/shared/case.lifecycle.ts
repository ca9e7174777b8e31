import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { localDate } from '../../domain/calendar';
import type { TIssuanceActivities } from '../../activities/issuance.activities';
import { SIGNING_REFUSED } from '../../domain/failures';
import type { TRecordActivities } from '../../activities/records.activities';
import { signerRoleOf } from '../../domain/case-type.schema';
import {
  claimUpdate,
  decisionUpdate,
  registrationUpdate,
  revisionUpdate,
  viewQuery,
  withdrawalUpdate,
} from './case.messages';
import type { TCaseView, TCaseWorkflowInput } from './case.messages';
import { CaseState } from './case.state';
import { SA_REGISTRATION_NUMBER, SA_STAGE_ID, SA_STATUS } from './search-attributes';

const records = proxyActivities<TRecordActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', backoffCoefficient: 2 },
});

const issuance = proxyActivities<TIssuanceActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: [SIGNING_REFUSED] },
});

/**
 * The review lifecycle shared by every case kind: register, run the type's stages in order (parallel
 * reviewers where the stage says), loop back on a request for changes, and close approved, rejected or
 * withdrawn. Handlers only validate and mutate the state; one projector writes each new version to the
 * store, and an update answers once the store shows its effect (read-your-own-writes for the caller).
 */
export async function runReviewLifecycle(input: TCaseWorkflowInput): Promise<TCaseView> {
  // Cases started before issuance existed end `approved`; the patch marker keeps their replay deterministic.
  const state = new CaseState(input, new Date().toISOString(), () => patched('case-issuance-v1'));
  let projectedVersion = 0;
  let projectedSeq = 0;
  let awaitingInput = false;

  const settled = () => state.registrationNumber !== null && (awaitingInput || state.isClosed) && projectedVersion === state.version;
  const answer = async (): Promise<TCaseView> => {
    await condition(settled);
    return state.view();
  };

  setHandler(viewQuery, () => state.view());
  const act =
    <T>(apply: (now: Date, msg: T) => void) =>
    (msg: T): Promise<TCaseView> => {
      apply(new Date(), msg);
      return answer();
    };
  setHandler(registrationUpdate, answer, { validator: (msg) => state.assertIsApplicant(msg.actor) });
  setHandler(
    claimUpdate,
    act((now, msg) => state.claim(now, msg)),
    { validator: (msg) => void state.assertCanClaim(msg) },
  );
  setHandler(
    decisionUpdate,
    act((now, msg) => state.decide(now, msg)),
    { validator: (msg) => void state.assertCanDecide(msg) },
  );
  setHandler(
    revisionUpdate,
    act((now, msg) => state.revise(now, msg)),
    { validator: (msg) => state.assertCanRevise(msg) },
  );
  setHandler(
    withdrawalUpdate,
    act((now, msg) => state.withdraw(now, msg)),
    { validator: (msg) => state.assertCanWithdraw(msg) },
  );

  // The projector: serialises store writes so that each carries every event since the last one.
  void (async () => {
    for (;;) {
      await condition(() => state.registrationNumber !== null && state.version > projectedVersion);
      const projection = state.projection(projectedSeq);
      await records.projectCase(projection);
      projectedVersion = Math.max(projectedVersion, projection.version);
      projectedSeq = Math.max(projectedSeq, ...projection.events.map((e) => e.seq));
    }
  })();

  const submittedAt = new Date(state.submittedAt);
  const { registrationNumber } = await records.registerCase({
    caseId: input.caseId,
    kind: input.kind,
    typeId: input.type.id,
    typeCode: input.type.code,
    applicantId: input.applicantId,
    submittedAt: state.submittedAt,
    year: Number(localDate(submittedAt, input.calendar).slice(0, 4)),
  });
  state.register(new Date(), registrationNumber);
  upsertSearchAttributes([{ key: SA_REGISTRATION_NUMBER, value: registrationNumber }]);

  /** Waits for a person; true when the case was closed (withdrawn) meanwhile. */
  const waitFor = async (ready: () => boolean): Promise<boolean> => {
    awaitingInput = true;
    await condition(() => ready() || state.isClosed);
    awaitingInput = false;
    return state.isClosed;
  };

  while (state.stage && !state.isClosed) {
    state.openStage(new Date());
    publishStatus(state);
    if (await waitFor(() => state.stageDecided)) break;
    const outcome = state.concludeStage(new Date());
    publishStatus(state);
    if (outcome === 'request_changes' && (await waitFor(() => state.status !== 'changes_requested'))) break;
  }

  if (state.status === 'awaiting_signature') await signAndIssue(state, waitFor);

  publishStatus(state);
  await condition(() => projectedVersion === state.version && allHandlersFinished());
  return state.view();
}

/**
 * After approval: a sign task for the signer role; its decision carries a signing grant. The certificate is
 * rendered with its final number, signed with the grant, registered and announced. A refused grant (expired,
 * revoked certificate) opens a new sign task instead of failing the case.
 */
async function signAndIssue(state: CaseState, waitFor: (ready: () => boolean) => Promise<boolean>): Promise<void> {
  const { caseId } = state.input;
  const role = signerRoleOf(state.input.type)!;
  for (;;) {
    state.openSignTask(new Date(), role);
    publishStatus(state);
    await waitFor(() => state.pendingGrant !== null);
    const { grantId, signerId } = state.pendingGrant!;
    try {
      const document = await issuance.prepareCertificate({ caseId, signerId });
      await issuance.signDocument({ caseId, step: 'certificate', grantId, inputSha256: document.sha256 });
      await issuance.registerIssuedDocument({ caseId, number: document.number, step: 'certificate' });
      await issuance.notifyApplicant({ caseId, event: 'issued' });
      state.issue(new Date(), document.number);
      return;
    } catch (err) {
      const refused = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === SIGNING_REFUSED;
      if (!refused) throw err;
      state.signFailed(new Date(), err.cause.message);
    }
  }
}

function publishStatus(state: CaseState): void {
  upsertSearchAttributes([
    { key: SA_STATUS, value: state.status },
    { key: SA_STAGE_ID, value: state.view().stage?.id ?? null },
  ]);
}

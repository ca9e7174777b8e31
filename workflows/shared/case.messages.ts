import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TCaseKind } from '../../domain/case';
import type { TCalendarChangedInput } from '../../domain/working-time/calendar-change';
import type {
  TAddendumRequestInput,
  TCaseUpdateResult,
  TCaseView,
  TClaimInput,
  TContractTerminatedInput,
  TDecisionInput,
  TRegistrationInput,
  TRevisionInput,
  TTerminationInput,
  TWithdrawalInput,
} from '../../domain/engine/case-messages';

export type * from '../../domain/engine/case-messages';
export { isCaseAnswer } from '../../domain/engine/case-messages';

/** Wire names below are released: never rename them. Results: the view, or the answer in newer cases (TCaseUpdateResult). */
export const registrationUpdate = defineUpdate<TCaseUpdateResult, [TRegistrationInput]>('registration');
export const claimUpdate = defineUpdate<TCaseUpdateResult, [TClaimInput]>('claim');
/** The holder of a claimed task gives it back to its role's inbox (new handler; no change to earlier histories). */
export const releaseUpdate = defineUpdate<TCaseUpdateResult, [TClaimInput]>('release');
export const decisionUpdate = defineUpdate<TCaseUpdateResult, [TDecisionInput]>('decision');
export const revisionUpdate = defineUpdate<TCaseUpdateResult, [TRevisionInput]>('revision');
export const withdrawalUpdate = defineUpdate<TCaseUpdateResult, [TWithdrawalInput]>('withdrawal');
export const addendumRequestUpdate = defineUpdate<TCaseUpdateResult, [TAddendumRequestInput]>('addendumRequest');
export const terminationUpdate = defineUpdate<TCaseUpdateResult, [TTerminationInput]>('termination');
export const contractTerminatedSignal = defineSignal<[TContractTerminatedInput]>('contractTerminated');
/** A closure was added or removed: the case counts its deadlines again (issue 10 §3). */
export const calendarChangedSignal = defineSignal<[TCalendarChangedInput]>('calendarChanged');
export const viewQuery = defineQuery<TCaseView>('view');

export const caseWorkflowId = (kind: TCaseKind, caseId: string): string => `${kind}:${caseId}`;

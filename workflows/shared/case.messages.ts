import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TCaseKind } from '../../domain/case';
import type { TCalendarChangedInput } from '../../domain/working-time/calendar-change';
import type {
  TAddendumRequestInput,
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

/** Wire names below are released: never rename them. */
export const registrationUpdate = defineUpdate<TCaseView, [TRegistrationInput]>('registration');
export const claimUpdate = defineUpdate<TCaseView, [TClaimInput]>('claim');
/** The holder of a claimed task gives it back to its role's inbox (new handler; no change to earlier histories). */
export const releaseUpdate = defineUpdate<TCaseView, [TClaimInput]>('release');
export const decisionUpdate = defineUpdate<TCaseView, [TDecisionInput]>('decision');
export const revisionUpdate = defineUpdate<TCaseView, [TRevisionInput]>('revision');
export const withdrawalUpdate = defineUpdate<TCaseView, [TWithdrawalInput]>('withdrawal');
export const addendumRequestUpdate = defineUpdate<TCaseView, [TAddendumRequestInput]>('addendumRequest');
export const terminationUpdate = defineUpdate<TCaseView, [TTerminationInput]>('termination');
export const contractTerminatedSignal = defineSignal<[TContractTerminatedInput]>('contractTerminated');
/** A closure was added or removed: the case counts its deadlines again (issue 10 §3). */
export const calendarChangedSignal = defineSignal<[TCalendarChangedInput]>('calendarChanged');
export const viewQuery = defineQuery<TCaseView>('view');

export const caseWorkflowId = (kind: TCaseKind, caseId: string): string => `${kind}:${caseId}`;

import { ApplicationFailure } from '@temporalio/workflow';

/**
 * The failure types a case workflow raises when a message is refused. The API maps each type to an
 * HTTP status (api/errors.ts); the wire names never change once released.
 */
export const CASE_FAILURE_TYPES = {
  TaskNotFound: 'TaskNotFound',
  TaskClosed: 'TaskClosed',
  NotPermitted: 'NotPermitted',
  InvalidTransition: 'InvalidTransition',
  InvalidInput: 'InvalidInput',
} as const;
export type TCaseFailureType = keyof typeof CASE_FAILURE_TYPES;

export function refuse(type: TCaseFailureType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

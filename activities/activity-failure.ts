import { ApplicationFailure } from '@temporalio/activity';
import { FAILURE_CATALOGUE, type TActivityFailureType } from '../domain/failures';

/** An activity failure of the catalogue (domain/failures.ts): typed, and non-retryable when retrying cannot help. */
export function activityFailure(type: TActivityFailureType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: !FAILURE_CATALOGUE[type].retryable });
}

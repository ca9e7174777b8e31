import type { Records } from '../store/records';
import type { TCaseProjection } from '../domain/case';
import type { TRegisterCaseInput } from '../store/records.types';

/**
 * Activities that write the case's records. Both are idempotent by construction (registration by case id,
 * projection by case version and event seq), so Temporal's at-least-once retries never duplicate anything.
 */
export function createRecordActivities(deps: { records: Records }) {
  return {
    async registerCase(input: TRegisterCaseInput): Promise<{ registrationNumber: string }> {
      return deps.records.registerCase(input);
    },
    async projectCase(projection: TCaseProjection): Promise<void> {
      await deps.records.projectCase(projection);
    },
  };
}

export type TRecordActivities = ReturnType<typeof createRecordActivities>;

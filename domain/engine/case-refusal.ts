import { FAILURE_CATALOGUE, type TRefusalType } from '../failures';

/**
 * The engine's "no": a validator or a transition refused a message. A pure domain error carrying its catalogue
 * type (domain/failures.ts); workflows/shared/case.errors.ts turns it into the typed, non-retryable
 * ApplicationFailure Temporal carries to the caller, the API maps it to its HTTP status.
 */
export class CaseRefusal extends Error {
  constructor(
    readonly failureType: TRefusalType,
    message: string,
  ) {
    super(message);
    this.name = 'CaseRefusal';
  }
}

export function refuse(type: TRefusalType, message: string): CaseRefusal {
  return new CaseRefusal(type, message);
}

export function isCaseRefusal(err: unknown): err is CaseRefusal {
  return err instanceof CaseRefusal && Object.hasOwn(FAILURE_CATALOGUE, err.failureType) && FAILURE_CATALOGUE[err.failureType].origin === 'refusal';
}

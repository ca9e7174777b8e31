import {
  isGrpcServiceError,
  ServiceError,
  WorkflowContinuedAsNewError,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { MulterError } from 'multer';
import { ZodError } from 'zod';
import { CalendarRangeError } from '../domain/calendar';
import type { TCaseFailureType } from '../workflows/shared/case.errors';

export type TErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TASK_CLOSED'
  | 'INVALID_TRANSITION'
  | 'CAP_EXCEEDED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAVAILABLE'
  | 'CASE_UNAVAILABLE'
  | 'INTERNAL';

const STATUS: Record<TErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TASK_CLOSED: 409,
  INVALID_TRANSITION: 409,
  CAP_EXCEEDED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  CASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface TErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: TErrorDetail[],
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);
export const invalid = (path: string, message: string) =>
  new ApiError('INVALID_INPUT', `${path}: ${message}`, [{ path, message }]);

/** The case cannot take requests now (its workflow is failing or did not answer); the case id is in the details. */
export const caseUnavailable = (caseId: string, why: string) =>
  new ApiError('CASE_UNAVAILABLE', `case ${caseId} cannot take requests right now: ${why}; try again later`, [{ path: 'caseId', message: caseId }]);

/** Workflow refusals (validator failures) to API codes; wire names in workflows/shared/case.errors.ts. */
const FAILURE_CODES: Record<TCaseFailureType, TErrorCode> = {
  TaskNotFound: 'NOT_FOUND',
  TaskClosed: 'TASK_CLOSED',
  NotPermitted: 'FORBIDDEN',
  InvalidTransition: 'INVALID_TRANSITION',
  InvalidInput: 'INVALID_INPUT',
};

/** A workflow's typed refusal of an update (its validator said no): the caller's fault, mapped to a 4xx. */
export function isCaseRefusal(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && Object.hasOwn(FAILURE_CODES, err.cause.type ?? '');
}

/** Anything the Temporal client or server raised. */
export function isTemporalError(err: unknown): boolean {
  return (
    err instanceof WorkflowUpdateFailedError ||
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    err instanceof WorkflowFailedError ||
    err instanceof WorkflowContinuedAsNewError ||
    err instanceof WorkflowNotFoundError ||
    err instanceof TemporalFailure ||
    err instanceof ServiceError ||
    isGrpcServiceError(err)
  );
}

export function zodDetails(err: ZodError, prefix = ''): TErrorDetail[] {
  return err.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }));
}

/** The one mapping from anything thrown to the API's error body; unknown errors become a bare 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const details = zodDetails(err);
    return new ApiError('INVALID_INPUT', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  if (err instanceof CalendarRangeError) return invalid('(body)', err.message);
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new ApiError('PAYLOAD_TOO_LARGE', 'the file is larger than the upload limit');
    return invalid(err.field ?? 'file', err.message);
  }
  if (isCaseRefusal(err)) {
    const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
    return new ApiError(FAILURE_CODES[cause.type as TCaseFailureType], cause.message);
  }
  // A workflow bug or an unreachable Temporal is never the caller's fault, and never a bare 500.
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new ApiError('CONFLICT', 'this case is already running');
  if (isTemporalError(err)) return new ApiError('UNAVAILABLE', 'the workflow service could not complete the request; try again later');
  const httpError = err as { status?: number; type?: string; expose?: boolean };
  if (httpError?.type === 'entity.parse.failed') return invalid('(body)', 'the body is not valid JSON');
  if (httpError?.type === 'entity.too.large') return new ApiError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  if (httpError?.expose && httpError.status && httpError.status >= 400 && httpError.status < 500) {
    return new ApiError(httpError.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_INPUT', String((err as Error).message));
  }
  return new ApiError('INTERNAL', 'internal error');
}

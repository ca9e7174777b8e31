import {
  isGrpcServiceError,
  ServiceError,
  WorkflowContinuedAsNewError,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { MulterError } from 'multer';
import { ZodError } from 'zod';
import { API_ERROR_STATUS, FAILURE_CATALOGUE, isDomainError, isFailureType, type TErrorCode } from '../domain/failures';

export type { TErrorCode };

export interface TErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: TErrorDetail[],
    /** Sent as `Retry-After` (seconds): with 429 and 423, and 503 when the records database is unreachable. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
}

/**
 * Any error as the API answers it: status, `Retry-After` when there is one, and the body
 * `{ error: { code, message, details? } }`. The JSON API and the pages that answer JSON clients (`/v/<number>`).
 */
export function sendApiError(res: Response, err: unknown): ApiError {
  const apiError = toApiError(err);
  if (apiError.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(apiError.retryAfterSeconds));
  res.status(apiError.status).json({
    error: { code: apiError.code, message: apiError.message, ...(apiError.details ? { details: apiError.details } : {}) },
  });
  return apiError;
}

/** What a client is told to wait for something the worker publishes at its start (a tree head, the seal, the CRL). */
export const NOT_YET_PUBLISHED_RETRY_SECONDS = 30;

/**
 * A failed request in the log. A fault (a 500, a workflow or Temporal error) at error with its stack; a 503 the API
 * chose to answer (nothing published yet, the identity provider or the records database away for a moment, a case
 * that cannot take requests) at warn, one line with its code and reason and no stack; a refusal (4xx) not at all:
 * it is the caller's, and the request line already has its status.
 */
export function logRequestFailure(log: Logger, err: unknown, msg: string): void {
  const apiError = toApiError(err);
  if (apiError.status < 500) return;
  const chosen = err instanceof ApiError || isRecordsUnavailable(err);
  if (!chosen) return log.error({ err }, msg);
  const cause = err instanceof ApiError ? undefined : err instanceof Error ? err.message : String(err);
  log.warn({ code: apiError.code, reason: apiError.message, ...(cause ? { cause } : {}) }, msg);
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);
export const invalid = (path: string, message: string) =>
  new ApiError('INVALID_INPUT', `${path}: ${message}`, [{ path, message }]);

/** The case cannot take requests now (its workflow is failing or did not answer); the case id is in the details. */
export const caseUnavailable = (caseId: string, why: string, notAfter?: string) =>
  new ApiError('CASE_UNAVAILABLE', `case ${caseId} cannot take requests right now: ${why}; try again later`, [
    { path: 'caseId', message: caseId },
    ...(notAfter ? [{ path: 'notAfter', message: `the request is refused if the case takes it up after ${notAfter}` }] : []),
  ]);

/**
 * A workflow's typed refusal of an update (its validator said no, or a domain computation refused the input):
 * the caller's fault, answered with the catalogue's 4xx (domain/failures.ts).
 */
export function isCaseRefusal(err: unknown): boolean {
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) return false;
  const type = err.cause.type;
  return isFailureType(type) && FAILURE_CATALOGUE[type].origin !== 'activity' && API_ERROR_STATUS[FAILURE_CATALOGUE[type].code] < 500;
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

/** Socket errors of a database connection that did not open or broke off. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * The records database cannot be reached (PostgreSQL stopped, restarting, or its connection cut): a moment's
 * outage, not a bug. PostgreSQL's SQLSTATE class 08 (connection exception) and 57P01-57P03 (shut down, crashed,
 * not accepting connections yet), the driver's socket errors, and `pg`'s "Connection terminated".
 */
export function isRecordsUnavailable(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || /^(08...|57P0[123])$/.test(code))) return true;
  return typeof message === 'string' && /^Connection terminated\b/.test(message);
}

/** Seconds a client is asked to wait before trying again after the records database was unreachable. */
const RECORDS_RETRY_AFTER_SECONDS = 2;

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
  if (isDomainError(err)) {
    const code = FAILURE_CATALOGUE[err.failureType].code;
    return code === 'INVALID_INPUT' ? invalid('(body)', err.message) : new ApiError(code, err.message);
  }
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new ApiError('PAYLOAD_TOO_LARGE', 'the file is larger than the upload limit');
    return invalid(err.field ?? 'file', err.message);
  }
  if (isCaseRefusal(err)) {
    const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
    return new ApiError(FAILURE_CATALOGUE[cause.type as keyof typeof FAILURE_CATALOGUE].code, cause.message);
  }
  // A workflow bug or an unreachable Temporal is never the caller's fault, and never a bare 500.
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new ApiError('CONFLICT', 'this case is already running');
  if (isTemporalError(err)) return new ApiError('UNAVAILABLE', 'the workflow service could not complete the request; try again later');
  if (isRecordsUnavailable(err)) {
    return new ApiError('UNAVAILABLE', 'the records database is unreachable for a moment; try again later', undefined, RECORDS_RETRY_AFTER_SECONDS);
  }
  const httpError = err as { status?: number; type?: string; expose?: boolean };
  if (httpError?.type === 'entity.parse.failed') return invalid('(body)', 'the body is not valid JSON');
  if (httpError?.type === 'entity.too.large') return new ApiError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  // serve-static's missing file (fallthrough off) is a 404 it marks not to expose, for its file-system cause.
  if (httpError?.status === 404) return new ApiError('NOT_FOUND', 'not found');
  if (httpError?.expose && httpError.status && httpError.status >= 400 && httpError.status < 500) {
    return new ApiError(httpError.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_INPUT', String((err as Error).message));
  }
  return new ApiError('INTERNAL', 'internal error');
}

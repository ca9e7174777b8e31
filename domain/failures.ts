/**
 * The one failure catalogue. Every refusal and failure the system raises has one entry here: its wire name
 * (the failure type carried by Temporal, never renamed once released), its API code (and so its HTTP status),
 * and its retry policy. Workflows, activities and the API all read this table; nothing lists failures elsewhere.
 */

/** The API's error codes and the HTTP status each one answers with. */
export const API_ERROR_STATUS = {
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
  // An upload parsed and refused (documents/upload-inspect.ts says why); a daily upload quota reached.
  PDF_MALFORMED: 422,
  PDF_ENCRYPTED: 422,
  PDF_ACTIVE_CONTENT: 422,
  PDF_TOO_LARGE_INFLATED: 422,
  IMAGE_TOO_LARGE: 422,
  IMAGE_MALFORMED: 422,
  UPLOAD_TOO_COMPLEX: 422,
  UPLOAD_QUOTA_EXCEEDED: 429,
  UNAVAILABLE: 503,
  CASE_UNAVAILABLE: 503,
  TOO_MANY_REQUESTS: 429,
  LOCKED: 423,
  INTERNAL: 500,
} as const satisfies Record<string, number>;
export type TErrorCode = keyof typeof API_ERROR_STATUS;

/**
 * Who raises a failure: `refusal` — an update validator or the engine said no to the caller (always 4xx, never
 * retried); `activity` — an activity could not do its work; `domain` — a pure domain computation refused its
 * input (a domain error class carries the type, see TDomainError).
 */
export type TFailureOrigin = 'refusal' | 'activity' | 'domain';

export interface TFailureSpec {
  origin: TFailureOrigin;
  /** What the API answers when this failure reaches a caller. */
  code: TErrorCode;
  /** Whether retrying can help: false makes the failure non-retryable on both sides (ApplicationFailure and retry policy). */
  retryable: boolean;
}

export const FAILURE_CATALOGUE = {
  // Refusals of a case workflow's update validators (workflows/shared/case.errors.ts).
  TaskNotFound: { origin: 'refusal', code: 'NOT_FOUND', retryable: false },
  TaskClosed: { origin: 'refusal', code: 'TASK_CLOSED', retryable: false },
  NotPermitted: { origin: 'refusal', code: 'FORBIDDEN', retryable: false },
  InvalidTransition: { origin: 'refusal', code: 'INVALID_TRANSITION', retryable: false },
  InvalidInput: { origin: 'refusal', code: 'INVALID_INPUT', retryable: false },
  /** The update came after its `notAfter`: the API had stopped waiting for it and answered 503 (api/case-updates.ts). */
  Expired: { origin: 'refusal', code: 'CASE_UNAVAILABLE', retryable: false },
  // Pure domain computations that refused their input.
  CalendarRange: { origin: 'domain', code: 'INVALID_INPUT', retryable: false },
  // Activities.
  /** A signing activity will never accept this grant (expired, spent, certificate revoked): sign again. */
  SigningRefused: { origin: 'activity', code: 'CONFLICT', retryable: false },
  /** A stored document (blob) the activity needs is gone: retrying cannot bring it back. */
  DocumentMissing: { origin: 'activity', code: 'INTERNAL', retryable: false },
  /** A signature just made does not verify: a bug or a broken key, not a passing fault. */
  SignatureSelfCheckFailed: { origin: 'activity', code: 'INTERNAL', retryable: false },
  /** The deployment lacks what the case needs (permit type, certificate layout, contract type): start-up checks prevent it. */
  CatalogEntryMissing: { origin: 'activity', code: 'INTERNAL', retryable: false },
  /**
   * A record the case projected is not (yet) in the store. Retried: the store is repairable by an operator and
   * the case then goes on, where a failed workflow would be lost.
   */
  CaseRecordMissing: { origin: 'activity', code: 'UNAVAILABLE', retryable: true },
  /** The transparency log no longer gives its last signed head (rows edited or removed): the seal signs nothing over it. */
  LogInconsistent: { origin: 'activity', code: 'CONFLICT', retryable: false },
} as const satisfies Record<string, TFailureSpec>;

export type TFailureType = keyof typeof FAILURE_CATALOGUE;
type TTypesOf<O extends TFailureOrigin> = { [K in TFailureType]: (typeof FAILURE_CATALOGUE)[K]['origin'] extends O ? K : never }[TFailureType];
export type TRefusalType = TTypesOf<'refusal'>;
export type TActivityFailureType = TTypesOf<'activity'>;
export type TDomainFailureType = TTypesOf<'domain'>;

const typesWhere = (keep: (spec: TFailureSpec) => boolean) =>
  (Object.keys(FAILURE_CATALOGUE) as TFailureType[]).filter((t) => keep(FAILURE_CATALOGUE[t]));

/** The refusal types, by name (`{ TaskNotFound: 'TaskNotFound', … }`). */
export const REFUSAL_TYPES = Object.fromEntries(typesWhere((s) => s.origin === 'refusal').map((t) => [t, t])) as {
  readonly [K in TRefusalType]: K;
};

/** Every type retrying cannot help: the workflows' activity retry policies list these as nonRetryableErrorTypes. */
export const NON_RETRYABLE_FAILURE_TYPES: readonly TFailureType[] = typesWhere((s) => !s.retryable);

export function isFailureType(type: unknown): type is TFailureType {
  return typeof type === 'string' && Object.hasOwn(FAILURE_CATALOGUE, type);
}

export function failureSpec(type: TFailureType): TFailureSpec {
  return FAILURE_CATALOGUE[type];
}

/** A domain error names its catalogue entry, so workflows and the API map it without knowing its class. */
export interface TDomainError extends Error {
  readonly failureType: TDomainFailureType;
}

export function isDomainError(err: unknown): err is TDomainError {
  return err instanceof Error && isFailureType((err as Partial<TDomainError>).failureType) && FAILURE_CATALOGUE[(err as TDomainError).failureType].origin === 'domain';
}

/** Wire name of the signing refusal (kept as a named constant: the workflow engine branches on it). */
export const SIGNING_REFUSED = 'SigningRefused' satisfies TActivityFailureType;

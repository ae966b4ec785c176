import { NonRetryableError, RetryableError } from '../errors.js';

/**
 * What kind of failure an HTTP call met. Retry, the circuit breaker and run statistics all
 * key on this one name.
 */
export type FailureClass =
  'network' | 'timeout' | 'rate-limited' | 'server' | 'auth' | 'client' | 'bad-body' | 'other';

/** Every failure class, in a stable order (for statistics tables). */
export const FAILURE_CLASSES: readonly FailureClass[] = [
  'network',
  'timeout',
  'rate-limited',
  'server',
  'auth',
  'client',
  'bad-body',
  'other',
];

/** Classes worth a second try: the same request may succeed later. */
const RETRYABLE: ReadonlySet<FailureClass> = new Set([
  'network',
  'timeout',
  'rate-limited',
  'server',
  'bad-body',
]);

/** True when a failure of this class may go away by trying again. */
export function isRetryableClass(failureClass: FailureClass): boolean {
  return RETRYABLE.has(failureClass);
}

/** What an HTTP failure carries; `url` is already redacted and safe to log. */
export interface HttpFailureDetails {
  /** The failure's class. */
  failureClass: FailureClass;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Request URL with secret query values replaced by `***`. */
  url: string;
  /** Delay the server asked for (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** The underlying error (never a message that embeds a secret). */
  cause?: unknown;
}

/** A transient HTTP failure (network, timeout, 429, 5xx, a body of the wrong kind). */
export class RetryableHttpError extends RetryableError {
  /** The failure's class. */
  readonly failureClass: FailureClass;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Redacted request URL. */
  readonly url: string;

  constructor(message: string, details: HttpFailureDetails) {
    super(message, { cause: details.cause, retryAfterMs: details.retryAfterMs });
    this.failureClass = details.failureClass;
    this.status = details.status;
    this.url = details.url;
  }
}

/** An HTTP failure that trying again will not fix (auth refused, 404, other 4xx). */
export class NonRetryableHttpError extends NonRetryableError {
  /** The failure's class. */
  readonly failureClass: FailureClass;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Redacted request URL. */
  readonly url: string;
  /** Delay the server asked for, kept for callers that schedule a later run. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: HttpFailureDetails) {
    super(message, { cause: details.cause });
    this.failureClass = details.failureClass;
    this.status = details.status;
    this.url = details.url;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Either kind of HTTP failure; narrow with `isHttpError` and read `failureClass`. */
export type HttpError = RetryableHttpError | NonRetryableHttpError;

/** Builds the retryable or non-retryable error that fits the failure's class. */
export function createHttpError(message: string, details: HttpFailureDetails): HttpError {
  return isRetryableClass(details.failureClass)
    ? new RetryableHttpError(message, details)
    : new NonRetryableHttpError(message, details);
}

/** True for errors raised by `createHttpError`. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof RetryableHttpError || error instanceof NonRetryableHttpError;
}

/** Classes that say the source itself is unwell; what a circuit breaker should count. */
const SOURCE_FAILURES: ReadonlySet<FailureClass> = new Set([
  'network',
  'timeout',
  'server',
  'bad-body',
]);

/**
 * True for failures that mean the source is down or broken (network, timeout, 5xx, bad body);
 * false for answers that prove it is up (404, auth refused, 429) and for non-HTTP errors.
 */
export function isSourceFailure(error: unknown): boolean {
  return isHttpError(error) && SOURCE_FAILURES.has(error.failureClass);
}

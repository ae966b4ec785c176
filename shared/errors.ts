/**
 * Typed errors shared by every action. `run()` catches once and reports
 * `<action> failed: <message>`; retry logic looks only at `retryable`.
 */

/** Base class: every error the pipeline raises on purpose. */
export abstract class PipelineError extends Error {
  /** Whether trying the same operation again may succeed. */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user's mistake: a bad input, variable or secret. The message names it and what was expected. */
export class ConfigurationError extends PipelineError {
  readonly retryable = false;
}

/** A transient failure (network, 429, 5xx, timeout); `retryAfterMs` carries a server's `Retry-After`. */
export class RetryableError extends PipelineError {
  readonly retryable = true;
  /** Delay the server asked for before the next try, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** A failure that will not go away by trying again (auth refused, 4xx, corrupt data). */
export class NonRetryableError extends PipelineError {
  readonly retryable = false;
}

/** Data failed a check (manifest hash or count, malformed record); names the file and what differed. */
export class IntegrityError extends NonRetryableError {}

/** True when an error may succeed on a second try; unknown errors are treated as not retryable. */
export function isRetryable(error: unknown): boolean {
  return error instanceof PipelineError && error.retryable;
}

/** The message of anything thrown, for logs and `setFailed`. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

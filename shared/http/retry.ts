import { isRetryable } from '../errors.js';
import { retryDelay, sleep as realSleep, type BackoffOptions } from './backoff.js';

/** What `onRetry` learns before each wait. */
export interface RetryEvent {
  /** The attempt that just failed, counting from 1. */
  attempt: number;
  /** Attempts allowed in all. */
  maxAttempts: number;
  /** What it failed with. */
  error: unknown;
  /** How long retry waits before the next attempt, in ms. */
  delayMs: number;
}

/** Options for `retry`. */
export interface RetryOptions extends BackoffOptions {
  /** Attempts in all, the first included. Default 4; 1 means no retry. */
  maxAttempts?: number;
  /** Aborts the wait between attempts (and stops further attempts). */
  signal?: AbortSignal;
  /** Called before each wait; for logging and statistics. */
  onRetry?: (event: RetryEvent) => void;
  /** Which errors to try again. Default: `isRetryable` (a `RetryableError`). */
  shouldRetry?: (error: unknown) => boolean;
  /** Waits between attempts; injected by unit tests. Default: a real timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Calls `operation` until it succeeds, it throws an error that is not retryable, or the
 * attempts run out, waiting a jittered exponential backoff (at least the error's
 * `retryAfterMs`) between attempts. The last error is rethrown unchanged.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !shouldRetry(error) || options.signal?.aborted) throw error;
      const delayMs = retryDelay(attempt - 1, retryAfterOf(error), options);
      if (delayMs === undefined) throw error;
      options.onRetry?.({ attempt, maxAttempts, error, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
}

function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = error.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** How long to wait between tries. */
export interface BackoffOptions {
  /** Delay ceiling before the first retry, in ms; it doubles each retry. Default 500. */
  baseDelayMs?: number;
  /** Largest backoff delay, in ms. Default 30 000. */
  maxDelayMs?: number;
  /**
   * Longest server-requested `Retry-After` the caller will wait, in ms. A longer request means
   * the source is closed for now: waiting less would only earn another 429, so retry gives up.
   * Default 60 000.
   */
  maxRetryAfterMs?: number;
  /** Source of randomness in [0, 1); injected by tests. Default `Math.random`. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base * 2^retry)).
 * `retry` counts from 0 for the wait before the second attempt. Full jitter spreads shards
 * that failed together so they do not hit the source again in step.
 */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before the next attempt: the jittered backoff, but never less than the server's
 * `Retry-After`. Returns `undefined` when the server asked for more than `maxRetryAfterMs`.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = {},
): number | undefined {
  const backoff = backoffDelay(retry, options);
  if (retryAfterMs === undefined) return backoff;
  if (retryAfterMs > (options.maxRetryAfterMs ?? 60_000)) return undefined;
  return Math.max(backoff, retryAfterMs);
}

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Waits `ms` milliseconds for real; rejects with the signal's reason as soon as `signal`
 * aborts (or at once when it already has).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      if (signal) reject(abortReason(signal));
    };
    // Past 2^31 - 1 ms setTimeout fires at once (and warns): a wait that long is a bug upstream.
    if (!(ms >= 0 && ms <= MAX_TIMER_MS)) {
      reject(new RangeError(`sleep: expected 0 to ${MAX_TIMER_MS} ms, got ${ms}`));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Why `signal` aborted, as an Error: its own reason when that is one (as `fetch` rejects). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error
    ? reason
    : new Error(`aborted: ${String(reason)}`, { cause: reason });
}

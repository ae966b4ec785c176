import { ConfigurationError } from '../errors.js';
import { MAX_TIMER_MS, abortReason } from './backoff.js';

/** Bucket size and refill rate of a `RateLimiter`. */
export interface RateLimiterOptions {
  /** Tokens the bucket holds: how many requests may go at once after a quiet spell. */
  capacity: number;
  /** Tokens added per second; `0` means unlimited (only `pause` holds callers back). */
  refillPerSecond: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * A token bucket shared by every request to one source. `acquire` really waits until a token
 * is free; waiters are served strictly in arrival order. The bucket starts full.
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #refilledAt = performance.now();
  #pausedUntil = 0;
  readonly #queue: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RateLimiterOptions) {
    const { capacity, refillPerSecond } = options;
    if (!(capacity >= 1) || !(refillPerSecond >= 0)) {
      throw new ConfigurationError(
        `rate limit: expected capacity >= 1 and refillPerSecond >= 0, got ${capacity} and ${refillPerSecond}`,
      );
    }
    this.#capacity = capacity;
    this.#perMs = refillPerSecond / 1000;
    this.#tokens = capacity;
  }

  /** A limiter for a budget such as the county's 1,000 requests/hour; `0` = unlimited. */
  static perHour(requestsPerHour: number, burst = 5): RateLimiter {
    const capacity = Math.max(1, Math.min(burst, requestsPerHour));
    return new RateLimiter({ capacity, refillPerSecond: requestsPerHour / 3600 });
  }

  /** Callers currently waiting for a token. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Resolves when the caller may send one request; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#queue.length === 0 && this.#take()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.#abandon(waiter) };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  /**
   * Holds every caller back for `ms` (a server's 429 `Retry-After`), then lets one request
   * through, so the whole shard backs off rather than only the caller that was refused. A pause
   * is at most `MAX_TIMER_MS` (callers cap it far lower: see `HttpClient`).
   */
  pause(ms: number): void {
    const until = performance.now() + Math.min(Math.max(0, ms), MAX_TIMER_MS);
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#tokens = 0;
    // Pin the refill so exactly one token is ready when the pause ends.
    this.#refilledAt = this.#perMs > 0 ? until - 1 / this.#perMs : until;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#schedule();
  }

  #take(): boolean {
    const now = performance.now();
    if (now < this.#pausedUntil) return false;
    if (this.#perMs === 0) return true;
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#refilledAt) * this.#perMs);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #drain(): void {
    this.#timer = undefined;
    while (this.#queue.length > 0 && this.#take()) {
      const waiter = this.#queue.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#queue.length === 0 || this.#timer !== undefined) return;
    const now = performance.now();
    const readyAt = this.#perMs === 0 ? now : this.#refilledAt + (1 - this.#tokens) / this.#perMs;
    const wait = Math.max(this.#pausedUntil - now, readyAt - now, 1);
    // A longer wait is slept in steps: setTimeout would fire at once past MAX_TIMER_MS.
    this.#timer = setTimeout(() => this.#drain(), Math.min(Math.ceil(wait), MAX_TIMER_MS));
  }

  #abandon(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index >= 0) this.#queue.splice(index, 1);
    if (this.#queue.length === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (waiter.signal) waiter.reject(abortReason(waiter.signal));
  }
}

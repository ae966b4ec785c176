import { NonRetryableError } from '../errors.js';

/** `closed`: calls go through; `open`: calls fail at once; `half-open`: a few probes test the source. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Options for `CircuitBreaker`. */
export interface CircuitBreakerOptions {
  /** Names the source in messages (`mcao`). Default `http`. */
  name?: string;
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before probing, in ms. Default 30 000. */
  openMs?: number;
  /** Calls let through while half-open; all must succeed to close. Default 1. */
  halfOpenProbes?: number;
  /** Which errors count as the source failing; others leave the count alone. Default: all. */
  isFailure?: (error: unknown) => boolean;
  /** Called on every state change. */
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
  /** Clock in ms; injected by unit tests. Default `Date.now`. */
  now?: () => number;
}

/** Raised instead of calling a source whose circuit is open; not retryable until it closes. */
export class CircuitOpenError extends NonRetryableError {
  /** Time left until the circuit lets a probe through, in ms. */
  readonly retryAfterMs: number;

  constructor(name: string, retryAfterMs: number) {
    super(`${name}: circuit open after repeated failures; next probe in ${retryAfterMs} ms`);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Stops calling a source that keeps failing. The circuit opens after `failureThreshold`
 * consecutive failures (a count, not a ratio: a nightly shard makes too few calls for a
 * ratio window to mean much), stays open for `openMs`, then lets `halfOpenProbes` calls
 * through: all succeeding closes it, any failing opens it again.
 */
export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probesStarted = 0;
  #probeSuccesses = 0;
  // Outcomes of calls started before the last state change are ignored.
  #generation = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The current state (an open circuit whose time is up reads `half-open`). */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#remainingOpenMs() <= 0) this.#moveTo('half-open');
    return this.#state;
  }

  /** Runs `operation` unless the circuit is open; throws `CircuitOpenError` when it is. */
  async execute<T>(operation: () => Promise<T>): Promise<T> {
    const state = this.state;
    const probes = this.#options.halfOpenProbes ?? 1;
    if (state === 'open' || (state === 'half-open' && this.#probesStarted >= probes)) {
      throw new CircuitOpenError(
        this.#options.name ?? 'http',
        Math.max(0, this.#remainingOpenMs()),
      );
    }
    if (state === 'half-open') this.#probesStarted += 1;
    const generation = this.#generation;
    try {
      const result = await operation();
      if (generation === this.#generation) this.#onSuccess(probes);
      return result;
    } catch (error) {
      if (generation === this.#generation) {
        if ((this.#options.isFailure ?? (() => true))(error)) this.#onFailure();
        else if (this.#state === 'half-open') this.#probesStarted -= 1;
      }
      throw error;
    }
  }

  #onSuccess(probes: number): void {
    this.#failures = 0;
    if (this.#state !== 'half-open') return;
    this.#probeSuccesses += 1;
    if (this.#probeSuccesses >= probes) this.#moveTo('closed');
  }

  #onFailure(): void {
    this.#failures += 1;
    const threshold = this.#options.failureThreshold ?? 5;
    if (this.#state === 'half-open' || this.#failures >= threshold) {
      this.#openedAt = this.#now();
      this.#moveTo('open');
    }
  }

  #remainingOpenMs(): number {
    return this.#openedAt + (this.#options.openMs ?? 30_000) - this.#now();
  }

  #moveTo(to: CircuitState): void {
    const from = this.#state;
    this.#state = to;
    this.#generation += 1;
    this.#failures = 0;
    this.#probesStarted = 0;
    this.#probeSuccesses = 0;
    this.#options.onStateChange?.(from, to);
  }
}

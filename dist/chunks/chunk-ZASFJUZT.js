import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  NonRetryableError
} from "./chunk-24OGRAKZ.js";

// shared/http/circuit-breaker.ts
var CircuitOpenError = class extends NonRetryableError {
  /** Time left until the circuit lets a probe through, in ms. */
  retryAfterMs;
  constructor(name, retryAfterMs) {
    super(`${name}: circuit open after repeated failures; next probe in ${retryAfterMs} ms`);
    this.retryAfterMs = retryAfterMs;
  }
};
var CircuitBreaker = class {
  #options;
  #now;
  #state = "closed";
  #failures = 0;
  #openedAt = 0;
  #probesStarted = 0;
  #probeSuccesses = 0;
  // Outcomes of calls started before the last state change are ignored.
  #generation = 0;
  constructor(options = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }
  /** The current state (an open circuit whose time is up reads `half-open`). */
  get state() {
    if (this.#state === "open" && this.#remainingOpenMs() <= 0) this.#moveTo("half-open");
    return this.#state;
  }
  /** Runs `operation` unless the circuit is open; throws `CircuitOpenError` when it is. */
  async execute(operation) {
    const state = this.state;
    const probes = this.#options.halfOpenProbes ?? 1;
    if (state === "open" || state === "half-open" && this.#probesStarted >= probes) {
      throw new CircuitOpenError(
        this.#options.name ?? "http",
        Math.max(0, this.#remainingOpenMs())
      );
    }
    if (state === "half-open") this.#probesStarted += 1;
    const generation = this.#generation;
    try {
      const result = await operation();
      if (generation === this.#generation) this.#onSuccess(probes);
      return result;
    } catch (error) {
      if (generation === this.#generation) {
        if ((this.#options.isFailure ?? (() => true))(error)) this.#onFailure();
        else if (this.#state === "half-open") this.#probesStarted -= 1;
      }
      throw error;
    }
  }
  #onSuccess(probes) {
    this.#failures = 0;
    if (this.#state !== "half-open") return;
    this.#probeSuccesses += 1;
    if (this.#probeSuccesses >= probes) this.#moveTo("closed");
  }
  #onFailure() {
    this.#failures += 1;
    const threshold = this.#options.failureThreshold ?? 5;
    if (this.#state === "half-open" || this.#failures >= threshold) {
      this.#openedAt = this.#now();
      this.#moveTo("open");
    }
  }
  #remainingOpenMs() {
    return this.#openedAt + (this.#options.openMs ?? 3e4) - this.#now();
  }
  #moveTo(to) {
    const from = this.#state;
    this.#state = to;
    this.#generation += 1;
    this.#failures = 0;
    this.#probesStarted = 0;
    this.#probeSuccesses = 0;
    this.#options.onStateChange?.(from, to);
  }
};

export {
  CircuitOpenError,
  CircuitBreaker
};

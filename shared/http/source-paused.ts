import { NonRetryableError } from '../errors.js';

/** `45 s`, `12 min`, `3 h`: a wait as a person reads it. */
export function waitText(ms: number): string {
  if (ms < 120_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/**
 * A source asked (by `Retry-After`) for a longer pause than the caller waits: it is closed for
 * this run. Not retryable; a collector ends its shard with what it has, as on an open circuit,
 * instead of holding the run for an hour (or overflowing a timer on a pause of weeks).
 */
export class SourcePausedError extends NonRetryableError {
  /** The pause the source asked for, in ms. */
  readonly retryAfterMs: number;

  constructor(what: string, askedMs: number, capMs: number, options?: { cause?: unknown }) {
    super(
      `${what}: the source asked for a pause of ${waitText(askedMs)} (Retry-After), longer than the ${waitText(capMs)} this run waits; stopping`,
      options,
    );
    this.retryAfterMs = askedMs;
  }
}

import { FAILURE_CLASSES, type FailureClass } from './http-error.js';

/** What an `HttpClient` did, for the action's `run-stats` record. */
export interface HttpStats {
  /** Requests sent (each attempt counts). */
  requests: number;
  /** Calls that returned a usable response. */
  succeeded: number;
  /** Waits before another attempt. */
  retries: number;
  /** Failed attempts by class. */
  errorsByClass: Record<FailureClass, number>;
  /** Calls refused by an open circuit without reaching the source. */
  circuitRejections: number;
  /** Response body bytes received. */
  bytes: number;
  /** Sum of attempt durations (request to end of body), in ms. */
  latencyMsTotal: number;
}

/** Statistics with every counter at zero. */
export function emptyHttpStats(): HttpStats {
  const errorsByClass = Object.fromEntries(FAILURE_CLASSES.map((name) => [name, 0]));
  return {
    requests: 0,
    succeeded: 0,
    retries: 0,
    errorsByClass: errorsByClass as Record<FailureClass, number>,
    circuitRejections: 0,
    bytes: 0,
    latencyMsTotal: 0,
  };
}

/** A copy that later requests do not change. */
export function copyHttpStats(stats: HttpStats): HttpStats {
  return { ...stats, errorsByClass: { ...stats.errorsByClass } };
}

import { sleep as realSleep } from './http/backoff.js';
import type { Logger } from './logger.js';
import { StopRequest } from './stop-signal.js';

/** The stop of a spent time budget (not the runner's): the work ran its whole allotted time. */
export class BudgetSpent extends StopRequest {}

/** Waits `ms` unless `signal` aborts first (then rejects): the budget's clock, faster in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** When a collecting action stops taking new work. */
export interface CollectionStop {
  /** Aborted with a `StopRequest` once no new work should be taken; never, without either. */
  signal: AbortSignal;
  /** Cancels the budget's timer, which would otherwise hold the process open. */
  dispose(): void;
}

/**
 * How long work in flight at a stop may still finish (what it brings is kept) before it is
 * abandoned: short, because a runner's SIGINT leaves 7.5 s for this, writing and the upload.
 */
export const IN_FLIGHT_GRACE_MS = 2_000;

/** `2 minutes`, `0.5 minutes`, `1 minute`. */
function minutesText(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * A collecting action's stop: the first of the runner's stop signal and the end of a time budget
 * of `minutes` (0 = none; fractions allowed), counted from now. Either one stops new work; what was
 * collected is still written and uploaded.
 */
export function collectionStop(options: {
  minutes: number;
  runner?: AbortSignal;
  sleep?: Sleep;
}): CollectionStop {
  const { minutes } = options;
  const signals = options.runner ? [options.runner] : [];
  const finished = new AbortController();
  if (minutes > 0) {
    const budget = new AbortController();
    signals.push(budget.signal);
    void (options.sleep ?? realSleep)(minutes * 60_000, finished.signal).then(
      () => budget.abort(new BudgetSpent(`time budget of ${minutesText(minutes)} spent`)),
      // Disposed: the work ended inside the budget.
      () => undefined,
    );
  }
  return { signal: AbortSignal.any(signals), dispose: () => finished.abort() };
}

/**
 * Runs `work` under a `collectionStop` of `minutes`, telling the log what happens when the budget
 * is spent (`then`), and disposes of the budget's timer however the work ends.
 */
export async function withCollectionStop<T>(
  options: { minutes: number; runner?: AbortSignal; sleep?: Sleep; logger: Logger; then: string },
  work: (stop: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = collectionStop(options);
  if (options.minutes > 0)
    options.logger.info(`time budget: ${options.minutes} min; then ${options.then}`);
  try {
    return await work(stop.signal);
  } finally {
    stop.dispose();
  }
}

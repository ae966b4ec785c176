import { sleep as realSleep } from '../../../shared/http/backoff.js';
import { StopRequest } from '../../../shared/stop-signal.js';

/** The stop of a spent time budget (not the runner's): the night ran its full length. */
export class BudgetSpent extends StopRequest {}

/** Waits `ms` unless `signal` aborts first (then rejects): the budget's clock, faster in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** When the collector stops taking parcels. */
export interface CollectionStop {
  /** Aborted with a `StopRequest` once no new parcel should be taken; never, without either. */
  signal: AbortSignal;
  /** Cancels the budget's timer, which would otherwise hold the process open. */
  dispose(): void;
}

/**
 * The collector's stop: the first of the runner's stop signal and the end of a time budget of
 * `minutes` (0 = none), counted from now. Either one stops new parcels; what was collected is
 * still written and uploaded.
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
      () =>
        budget.abort(
          new BudgetSpent(`time budget of ${minutes} minute${minutes === 1 ? '' : 's'} spent`),
        ),
      // Disposed: the work ended inside the budget.
      () => undefined,
    );
  }
  return { signal: AbortSignal.any(signals), dispose: () => finished.abort() };
}

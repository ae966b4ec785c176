import { BudgetSpent, collectionStop, type Sleep } from '../../../shared/collection-stop.js';
import { sleep as realSleep } from '../../../shared/http/backoff.js';

export type { Sleep };

/**
 * How long a batch in flight may still finish once the work is stopped. After the runner's SIGINT
 * GitHub sends SIGTERM 7.5 s later: the artifact must be written and uploaded inside that, so the
 * batch gets little. When the budget is spent the job still has its margin up to
 * `timeout-minutes`, and a batch near its end is worth a minute.
 */
export const SIGNAL_GRACE_MS = 2_000;
export const BUDGET_GRACE_MS = 60_000;

/** When enrichment stops sending batches to the model. */
export interface EnrichStop {
  /** Aborted (a `StopRequest`) once no new batch should be sent; never, without either. */
  signal: AbortSignal;
  /** Aborted once the batches in flight must be given up: the grace after the stop is over. */
  abandon: AbortSignal;
  /** Cancels the timers, which would otherwise hold the process open. */
  dispose(): void;
}

/**
 * The first of the runner's stop signal and the end of a time budget of `minutes` (0 = none,
 * decimals allowed), counted from now — the collectors' `collectionStop` — then the grace for the
 * batches in flight: short after a signal, longer after the budget.
 */
export function enrichStop(options: {
  minutes: number;
  runner?: AbortSignal;
  sleep?: Sleep;
}): EnrichStop {
  const sleep = options.sleep ?? realSleep;
  const stop = collectionStop(options);
  const finished = new AbortController();
  const abandon = new AbortController();
  const onStop = (): void => {
    const reason: unknown = stop.signal.reason;
    const graceMs = reason instanceof BudgetSpent ? BUDGET_GRACE_MS : SIGNAL_GRACE_MS;
    void sleep(graceMs, finished.signal).then(
      () => abandon.abort(reason),
      // Disposed: the work ended inside the grace.
      () => undefined,
    );
  };
  if (stop.signal.aborted) onStop();
  else stop.signal.addEventListener('abort', onStop, { once: true });
  return {
    signal: stop.signal,
    abandon: abandon.signal,
    dispose: () => {
      stop.signal.removeEventListener('abort', onStop);
      stop.dispose();
      finished.abort();
    },
  };
}

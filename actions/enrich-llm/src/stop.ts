import { sleep as realSleep } from '../../../shared/http/backoff.js';
import { StopRequest } from '../../../shared/stop-signal.js';

/** Waits `ms` unless `signal` aborts first (then rejects): the budget's clock, faster in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

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
  /** Aborted with a `StopRequest` once no new batch should be sent; never, without either. */
  signal: AbortSignal;
  /** Aborted once the batches in flight must be given up: the grace after the stop is over. */
  abandon: AbortSignal;
  /** Cancels the timers, which would otherwise hold the process open. */
  dispose(): void;
}

/**
 * The first of the runner's stop signal and the end of a time budget of `minutes` (0 = none,
 * decimals allowed), counted from now; then the grace for the batches in flight (short after a
 * signal, longer after the budget). The same combination as collect-county's `collectionStop`,
 * with the grace an LLM batch needs.
 */
export function enrichStop(options: {
  minutes: number;
  runner?: AbortSignal;
  sleep?: Sleep;
}): EnrichStop {
  const sleep = options.sleep ?? realSleep;
  const finished = new AbortController();
  const stop = new AbortController();
  const abandon = new AbortController();
  const stopWith = (reason: StopRequest, graceMs: number) => {
    if (stop.signal.aborted) return;
    stop.abort(reason);
    void sleep(graceMs, finished.signal).then(
      () => abandon.abort(reason),
      () => undefined,
    );
  };
  const { runner, minutes } = options;
  const onRunner = () =>
    stopWith(
      runner?.reason instanceof StopRequest ? runner.reason : new StopRequest('stopped'),
      SIGNAL_GRACE_MS,
    );
  if (runner?.aborted) onRunner();
  else runner?.addEventListener('abort', onRunner, { once: true });
  if (minutes > 0) {
    const spent = `time budget of ${minutes} minute${minutes === 1 ? '' : 's'} spent`;
    void sleep(minutes * 60_000, finished.signal).then(
      () => stopWith(new StopRequest(spent), BUDGET_GRACE_MS),
      // Disposed: the work ended inside the budget.
      () => undefined,
    );
  }
  return {
    signal: stop.signal,
    abandon: abandon.signal,
    dispose: () => {
      runner?.removeEventListener('abort', onRunner);
      finished.abort();
    },
  };
}

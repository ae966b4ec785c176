import { IN_FLIGHT_GRACE_MS } from '../../../shared/collection-stop.js';
import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';

/** The grace pages under way get when a crawl is told to stop. */
export interface StopGrace {
  /** Aborted `IN_FLIGHT_GRACE_MS` after the stop if pages were still under way: drop them. */
  abandon: AbortSignal;
  /** Ends the watch (the crawl is over). */
  dispose(): void;
}

/**
 * Watches `stop`: when it aborts with pages under way, they get `IN_FLIGHT_GRACE_MS` to load, then
 * `abandon` aborts and `onAbandon` runs (closing their sessions ends their navigations at once).
 * Short, because the runner's SIGINT leaves 7.5 s for this, writing and the upload.
 */
export function stopGrace(
  stop: AbortSignal,
  options: { inFlight: () => number; onAbandon: () => void; logger: Logger },
): StopGrace {
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onStop = (): void => {
    const inFlight = options.inFlight();
    if (inFlight === 0) return;
    options.logger.info(
      `${errorMessage(stop.reason)}: taking no more pages; ${inFlight} under way get ${IN_FLIGHT_GRACE_MS / 1000} s`,
    );
    timer = setTimeout(() => {
      abandon.abort(stop.reason);
      options.onAbandon();
    }, IN_FLIGHT_GRACE_MS);
  };
  stop.addEventListener('abort', onStop, { once: true });
  return {
    abandon: abandon.signal,
    dispose() {
      stop.removeEventListener('abort', onStop);
      clearTimeout(timer);
    },
  };
}

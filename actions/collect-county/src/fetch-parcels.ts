import { setMaxListeners } from 'node:events';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import { CircuitOpenError } from '../../../shared/http/circuit-breaker.js';
import { isHttpError } from '../../../shared/http/http-error.js';
import { SourcePausedError, waitText } from '../../../shared/http/source-paused.js';
import type { Logger } from '../../../shared/logger.js';
import type { ErrorClass } from '../../../shared/model/run-stats.js';
import { IN_FLIGHT_GRACE_MS } from '../../../shared/collection-stop.js';
import { stopRequested } from '../../../shared/stop-signal.js';
import type { Checkpoint } from './checkpoint.js';
import type { CountyApi } from './county-api.js';

/** What fetching one ZIP's parcels achieved. */
export interface FetchOutcome {
  fetched: number;
  failed: number;
  /** Failures by class (`parse` for a body that is not a valid parcel). */
  errorsByClass: Partial<Record<ErrorClass, number>>;
  /**
   * Set when the source closed (circuit open, or a `Retry-After` longer than the run waits) and
   * fetching stopped before the list was done.
   */
  stoppedEarly: boolean;
  /** Why it stopped early, for the shard's note. */
  stopReason?: string;
}

/** The run-stats class of a failure that ended one parcel's fetch. */
export function errorClassOf(error: unknown): ErrorClass {
  if (!isHttpError(error))
    return error instanceof Error && /county parcel/.test(error.message) ? 'parse' : 'other';
  switch (error.failureClass) {
    case 'network':
    case 'timeout':
      return 'network';
    case 'bad-body':
      return 'parse';
    case 'rate-limited':
    case 'server':
    case 'auth':
    case 'client':
      return error.failureClass;
    default:
      return 'other';
  }
}

/**
 * Fetches `apns` of `zip` with `concurrency` workers (the API client holds the rate limit),
 * appending each parcel to the checkpoint as it arrives. A refused token stops every worker and
 * throws; an open circuit or a source asking for a longer pause than the run waits stops them and returns what was collected, marked `stoppedEarly`. Once
 * `stop` aborts no parcel is taken and no request sent; those in flight get `IN_FLIGHT_GRACE_MS`,
 * and parcels not collected then are left for a later run (neither fetched nor failed).
 */
export async function fetchParcels(
  apns: readonly string[],
  options: {
    api: CountyApi;
    checkpoint: Checkpoint;
    zip: string;
    concurrency: number;
    logger: Logger;
    stop?: AbortSignal;
  },
): Promise<FetchOutcome> {
  const { api, checkpoint, zip, logger, stop } = options;
  const outcome: FetchOutcome = { fetched: 0, failed: 0, errorsByClass: {}, stoppedEarly: false };
  const abort = new AbortController();
  // Every request in flight listens on it (undici adds up to two listeners, a retry wait one more):
  // more than Node's default 10 is expected here, not a leak.
  setMaxListeners(Math.max(10, 4 * options.concurrency), abort.signal);
  const progressEvery = Math.max(100, Math.ceil(apns.length / 10));
  let next = 0;
  let inFlight = 0;
  let fatal: ConfigurationError | undefined;
  let grace: NodeJS.Timeout | undefined;
  const onStop = (): void => {
    if (next >= apns.length && inFlight === 0) return;
    logger.info(
      `${zip}: ${errorMessage(stop?.reason)}: taking no more parcels; ${inFlight} under way get ${IN_FLIGHT_GRACE_MS / 1000} s to arrive`,
    );
    grace = setTimeout(() => abort.abort(stop?.reason), IN_FLIGHT_GRACE_MS);
  };

  const worker = async (): Promise<void> => {
    while (!abort.signal.aborted && !stop?.aborted && next < apns.length) {
      const apn = apns[next++] as string;
      inFlight += 1;
      try {
        const { parcel, body } = await api.parcelWithBody(apn, zip, {
          signal: abort.signal,
          stop,
        });
        await checkpoint.append(parcel, body);
        outcome.fetched += 1;
        if (outcome.fetched % progressEvery === 0) {
          logger.info(
            `${zip}: ${outcome.fetched} of ${apns.length} parcels fetched, ${outcome.failed} failed`,
          );
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        // Cut short by the stop (no retry after it): left for a later run, not a failure.
        if (stopRequested(stop) && !(error instanceof ConfigurationError)) return;
        if (error instanceof ConfigurationError) {
          fatal = error;
          abort.abort(error);
        } else if (error instanceof CircuitOpenError || error instanceof SourcePausedError) {
          if (!outcome.stoppedEarly)
            logger.warning(
              `${zip}: ${error.message}; stopping with ${outcome.fetched} parcels fetched`,
            );
          outcome.stoppedEarly = true;
          outcome.stopReason ??=
            error instanceof CircuitOpenError
              ? 'the county API kept failing (circuit open)'
              : `the county API asked for a pause of ${waitText(error.retryAfterMs)} (Retry-After)`;
          abort.abort(error);
        } else {
          const errorClass = errorClassOf(error);
          outcome.failed += 1;
          outcome.errorsByClass[errorClass] = (outcome.errorsByClass[errorClass] ?? 0) + 1;
          // The first few as annotations; a flood of them would bury the summary.
          const message = `${zip}: parcel ${apn} not collected: ${errorMessage(error)}`;
          if (outcome.failed <= 10) logger.warning(message);
          else logger.debug(message);
        }
      } finally {
        inFlight -= 1;
      }
    }
  };
  stop?.addEventListener('abort', onStop, { once: true });
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    stop?.removeEventListener('abort', onStop);
    clearTimeout(grace);
  }
  if (fatal !== undefined) throw fatal;
  return outcome;
}

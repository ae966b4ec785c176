import type { HttpStats } from '../../../shared/http/stats.js';
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION,
  type ErrorClass,
  type RunStats,
} from '../../../shared/model/run-stats.js';
import { USAGE_SCHEMA_VERSION, type Usage } from '../../../shared/model/usage.js';
import type { Coverage } from './coverage.js';
import type { RefreshCycle } from './priorities.js';

/** What collecting one ZIP did; the summary, outputs, run-stats and usage all come from it. */
export interface ShardResult {
  zip: string;
  /** Residential parcels the search listed. */
  found: number;
  /** Parcels already collected by an earlier (killed or previous) run and kept. */
  resumed: number;
  fetched: number;
  failed: number;
  /** Listed parcels neither kept nor tried in this run (max-parcels, or an early stop). */
  skipped: number;
  /**
   * Of `skipped`, those left because the county kept failing (the circuit opened): the source's
   * failure, which the step's verdict and the night's success rate count as failed parcels.
   */
  abandoned: number;
  /** Search rows left out (another ZIP, not residential). */
  ignored: number;
  searchPages: number;
  /** Parcels in the shard's artifact. */
  parcels: number;
  /** Requests sent for this ZIP, retries included. */
  requests: number;
  http: HttpStats;
  errorsByClass: Partial<Record<ErrorClass, number>>;
  elapsedMs: number;
  /** False when the search or the fetching stopped early. */
  complete: boolean;
  /** Why it is incomplete, when it is. */
  note: string | null;
  /** A configuration problem the county revealed (token refused, not the county API), or null. */
  fatal: string | null;
  /** Incremental runs with a database: where the refresh cycle stands. */
  cycle: RefreshCycle | null;
  /** The rolling refresh after tonight: known, fresh, nights to a full refresh; null when no parcel is known. */
  coverage: Coverage | null;
  /** Requests this shard could send tonight (pace × time budget), or null when unbounded. */
  requestBudget: number | null;
  /** How tonight used the ZIP search and its index. */
  searchNote: string | null;
  /** Stage folder on disk, and the artifact uploaded from it (null when not uploaded). */
  dir: string;
  artifact: string | null;
}

/** HTTP statistics between two snapshots. */
export function httpDelta(before: HttpStats, after: HttpStats): HttpStats {
  const errorsByClass = { ...after.errorsByClass };
  for (const key of Object.keys(errorsByClass) as Array<keyof typeof errorsByClass>) {
    errorsByClass[key] -= before.errorsByClass[key];
  }
  return {
    requests: after.requests - before.requests,
    succeeded: after.succeeded - before.succeeded,
    retries: after.retries - before.retries,
    errorsByClass,
    circuitRejections: after.circuitRejections - before.circuitRejections,
    bytes: after.bytes - before.bytes,
    latencyMsTotal: after.latencyMsTotal - before.latencyMsTotal,
  };
}

/**
 * Coverage as run-stats counts, which the ledger keeps and the daily report reads per ZIP:
 * `parcels-known`, `parcels-collected`, `parcels-fresh` (within `fresh-days`),
 * `refresh-nights-left`, `refresh-cycle-nights`, and when bounded `parcels-per-night`,
 * `request-budget`; `index-pages-left` while the parcel index is being built.
 */
function coverageCounts(
  result: Pick<ShardResult, 'coverage' | 'requestBudget' | 'cycle'>,
): Record<string, number> {
  const coverage = result.coverage;
  if (coverage === null) return {};
  return {
    'parcels-known': coverage.known,
    'parcels-collected': coverage.collected,
    'parcels-fresh': coverage.fresh,
    'fresh-days': coverage.freshDays,
    'refresh-nights-left': coverage.nightsLeft,
    'refresh-cycle-nights': coverage.cycleNights,
    ...(coverage.perNight === null ? {} : { 'parcels-per-night': coverage.perNight }),
    ...(result.requestBudget === null ? {} : { 'request-budget': result.requestBudget }),
    ...(result.cycle === null ? {} : { 'parcels-with-listing-activity': result.cycle.active }),
    ...(coverage.indexPagesLeft === null || coverage.indexPagesLeft === 0
      ? {}
      : { 'index-pages-left': coverage.indexPagesLeft }),
  };
}

/** The shard's `run-stats` record. */
export function shardRunStats(
  result: Omit<ShardResult, 'parcels' | 'artifact'>,
  runId: string,
  startedAt: Date,
): RunStats {
  const errorsByClass = Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, result.errorsByClass[name] ?? 0]),
  ) as Record<ErrorClass, number>;
  const collected = result.resumed + result.fetched;
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId,
    action: 'collect-county',
    shard: result.zip,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + result.elapsedMs).toISOString(),
    durationMs: Math.round(result.elapsedMs),
    counts: {
      'parcels-found': result.found,
      'parcels-resumed': result.resumed,
      'parcels-fetched': result.fetched,
      'parcels-failed': result.failed,
      'parcels-skipped': result.skipped,
      'parcels-abandoned': result.abandoned,
      'rows-ignored': result.ignored,
      'search-pages': result.searchPages,
      requests: result.requests,
      // County API response time: attempts sent and their summed durations (mean = total / requests).
      'api-requests': result.http.requests,
      'api-latency-ms-total': Math.round(result.http.latencyMsTotal),
      ...coverageCounts(result),
    },
    errorsByClass,
    retries: result.http.retries,
    outcome:
      collected === 0 && (!result.complete || result.failed > 0)
        ? 'failure'
        : !result.complete || result.failed > 0
          ? 'partial'
          : 'success',
  };
}

/** The shard's `usage` record: county API requests. */
export function shardUsage(zip: string, requests: number, runId: string): Usage {
  return {
    schemaVersion: USAGE_SCHEMA_VERSION,
    runId,
    action: 'collect-county',
    shard: zip,
    service: 'county-api',
    unit: 'request',
    quantity: requests,
    recordedAt: new Date().toISOString(),
  };
}

import type { Db } from 'mongodb';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import { isHttpError } from '../../../shared/http/http-error.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { stopRequested } from '../../../shared/stop-signal.js';
import type { Checkpoint } from './checkpoint.js';
import type { CountyApi } from './county-api.js';
import { fetchParcels, type FetchOutcome } from './fetch-parcels.js';
import type { CollectCountyInputs } from './inputs.js';
import { coverageOf } from './coverage.js';
import { prioritise, type Priorities, type RefreshCycle } from './priorities.js';
import { publishShard, type PublishTarget } from './publish.js';
import { requestBudget, searchWithIndex, SEARCH_SHARE } from './refresh-plan.js';
import { httpDelta, shardRunStats, shardUsage, type ShardResult } from './shard-result.js';
import { BudgetSpent } from './stop.js';

/** What one shard needs besides its ZIP. */
export interface ShardContext {
  api: CountyApi;
  /** The database for incremental priorities, or null. */
  db: Db | null;
  inputs: CollectCountyInputs;
  runId: string;
  checkpoint: Checkpoint;
  target: PublishTarget;
  logger: Logger;
  /** Aborted (with a `StopRequest`) when no more parcels should be taken: time budget, runner. */
  stop?: AbortSignal;
}

/**
 * Collects one ZIP: search, order (incremental with a database), fetch what the checkpoint lacks
 * up to `max-parcels`, then write and upload the shard's artifact. Any stop (a refused token,
 * circuit open, search failing, `stop` aborted) ends the shard with what it has, marked
 * incomplete: the artifact is written and uploaded all the same, empty when nothing was
 * collected, so every ZIP's run-stats and usage are recorded; a configuration problem is kept in
 * `fatal` for the run's verdict.
 */
export async function collectShard(zip: string, context: ShardContext): Promise<ShardResult> {
  const { api, checkpoint, inputs, logger, stop } = context;
  const startedAt = new Date();
  const started = performance.now();
  const before = api.stats();
  const resumed = checkpoint.size;
  const budget = requestBudget(inputs);
  // A ZIP that starts after the budget is spent (several ZIPs in one step) measures nothing.
  const stoppedAtStart = stop?.aborted === true;
  let search = { found: 0, ignored: 0, pages: 0, note: null as string | null };
  let outcome: FetchOutcome = { fetched: 0, failed: 0, errorsByClass: {}, stoppedEarly: false };
  let [skipped, complete, note, cycle] = [
    0,
    true,
    null as string | null,
    null as RefreshCycle | null,
  ];
  let fatal: string | null = null;
  let planned: string[] = [];
  let priorities: Priorities | null = null;
  let indexPagesLeft: number | null = null;
  try {
    // The index lives in the database: without one (full mode, no mongodb-uri) the whole search
    // runs every night, since a search stopped half way could not be continued.
    const listed = await withGroup(logger, `${zip}: search`, () =>
      searchWithIndex({
        api,
        zip,
        db: context.db,
        inputs,
        pageAllowance: context.db === null ? Infinity : Math.floor(budget * SEARCH_SHARE),
        logger,
        stop,
      }),
    );
    search = {
      found: listed.apns.length,
      ignored: listed.ignored,
      pages: listed.pages,
      note: listed.note,
    };
    indexPagesLeft = listed.pagesLeft;
    logger.info(`${zip}: ${listed.note}`);
    planned = listed.apns;
    let order = listed.apns;
    if (inputs.mode === 'incremental' && context.db !== null) {
      const db = context.db;
      priorities = await withGroup(logger, `${zip}: priorities`, () =>
        prioritise(db, order, logger),
      );
      ({ apns: order, cycle } = priorities);
    }
    const missing = order.filter((apn) => !checkpoint.has(apn));
    const todo = inputs.maxParcels > 0 ? missing.slice(0, inputs.maxParcels) : missing;
    outcome = await withGroup(logger, `${zip}: fetch ${todo.length} parcels`, () =>
      fetchParcels(todo, { api, checkpoint, zip, concurrency: inputs.concurrency, logger, stop }),
    );
    skipped = missing.length - outcome.fetched - outcome.failed;
    if (outcome.stoppedEarly) {
      [complete, note] = [
        false,
        `stopped early: ${outcome.stopReason ?? 'the county API closed'}; ${skipped} parcels left for a later run`,
      ];
    } else if (outcome.fetched + outcome.failed < todo.length) {
      [complete, note] = [
        false,
        `stopped early: ${errorMessage(stop?.reason)}; ${skipped} parcels left for a later run`,
      ];
    } else if (listed.index.nextPage !== null && stopRequested(stop)) {
      [complete, note] = [
        false,
        `stopped before the search finished: ${errorMessage(stop?.reason)}${context.db === null ? '' : `; it continues at page ${listed.index.nextPage} next run`}`,
      ];
      logger.info(`${zip}: ${note}`);
    } else if (listed.index.nextPage !== null && context.db !== null) {
      [complete, note] = [
        false,
        `the parcel index is not complete yet (continues at search page ${listed.index.nextPage} next run)`,
      ];
    }
  } catch (error) {
    // HTML where JSON was expected on every try usually means the URL is not the county API.
    const hint =
      isHttpError(error) && error.failureClass === 'bad-body'
        ? " (is input 'api-base-url' the county API?)"
        : '';
    if (error instanceof ConfigurationError) {
      // Fatal for the run, but what the checkpoint holds so far is still uploaded below.
      [fatal, complete, note] = [error.message, false, `stopped: ${error.message}`];
      outcome = { ...outcome, fetched: checkpoint.size - resumed };
      logger.warning(`${zip}: ${note}`);
    } else if (stopRequested(stop)) {
      [complete, note] = [
        false,
        `stopped before the search finished: ${errorMessage(stop?.reason)}`,
      ];
      logger.info(`${zip}: ${note}`);
    } else {
      [complete, note] = [false, `search failed: ${errorMessage(error)}${hint}`];
      logger.warning(`${zip}: ${note}`);
    }
  } finally {
    await checkpoint.close();
  }
  const http = httpDelta(before, api.stats());
  // Coverage needs the database's view of the ZIP (an incremental night that got that far).
  const coverage =
    priorities !== null && planned.length > 0
      ? coverageOf({
          apns: planned,
          priorities,
          checkpoint,
          freshDays: inputs.freshDays,
          requestBudget: budget,
          measuredRequests:
            !stoppedAtStart && stop?.reason instanceof BudgetSpent ? http.requests : null,
          indexPagesLeft,
        })
      : null;
  const partial = {
    zip,
    found: search.found,
    resumed,
    fetched: outcome.fetched,
    failed: outcome.failed,
    skipped,
    abandoned: outcome.stoppedEarly ? skipped : 0,
    ignored: search.ignored,
    searchPages: search.pages,
    requests: http.requests,
    http,
    errorsByClass: outcome.errorsByClass,
    elapsedMs: performance.now() - started,
    complete,
    note,
    fatal,
    cycle,
    coverage,
    requestBudget: Number.isFinite(budget) ? budget : null,
    searchNote: search.note,
    dir: context.target.dir,
  };
  const runStats = shardRunStats(partial, context.runId, startedAt);
  const usage = shardUsage(zip, http.requests, context.runId);
  // Not given `stop`: writing and uploading what was collected is what a stop's grace is for.
  const published = await withGroup(logger, `${zip}: write artifact`, () =>
    publishShard(
      checkpoint,
      { runId: context.runId, zip, runStats, usage, complete: runStats.outcome === 'success' },
      context.target,
      logger,
    ),
  );
  return {
    ...partial,
    parcels: published.records,
    artifact: published.uploaded ? context.target.artifactName : null,
  };
}

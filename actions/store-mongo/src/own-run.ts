import type { Db } from 'mongodb';
import { recordRun } from '../../../shared/db/runs.js';
import type { RunContext } from '../../../shared/run-context.js';
import type { LoadedStage } from './load-stages.js';
import type { StoreResult } from './store.js';

/** What store-mongo's own ledger entry is made of. */
export interface OwnRun {
  context: RunContext;
  stages: readonly LoadedStage[];
  result: StoreResult;
  startedAt: Date;
  /** Database commands sent, metered as `database` requests. */
  commands: number;
}

/**
 * Records store-mongo's entry in `runs`: counts, quality, integrity and database usage. Its shard
 * is the input stages' shard when they share one (one store job per shard), else `all`.
 */
export async function recordOwnRun(db: Db, run: OwnRun): Promise<void> {
  const shards = new Set(run.stages.map((stage) => stage.manifest.shard));
  const shard = shards.size === 1 ? [...shards][0]! : 'all';
  const finishedAt = new Date();
  const { result } = run;
  await recordRun(db, {
    runId: run.context.runId,
    stage: 'store-mongo',
    shard,
    outcome: result.integrity === 'ok' ? 'success' : 'partial',
    startedAt: run.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - run.startedAt.getTime(),
    counts: {
      records: result.records,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      'price-changes': result.priceChanges,
      'history-rows': result.historyRows,
      'linked-listings': result.linkedListings,
      conflicts: result.conflicts,
    },
    usage: [{ service: 'database', unit: 'request', quantity: run.commands }],
    quality: { ...result.quality },
    integrity: result.integrity,
    recordedAt: finishedAt.toISOString(),
  });
}

import type { Db } from 'mongodb';
import type { RunStats } from '../model/run-stats.js';
import type { Usage } from '../model/usage.js';
import { pipelineCollections, type RunLedgerEntry } from './collections.js';

/** The ledger fields that a stage's run-stats record and its usage give. */
export type StageRunFields = Omit<
  RunLedgerEntry,
  '_id' | 'recordedAt' | 'quality' | 'integrity' | 'errorsByClass' | 'retries'
> & { errorsByClass: Record<string, number>; retries: number };

/**
 * What one stage did on one shard, as the ledger keeps it: a run-stats record with `usage`, the
 * usage records of that same run, action and shard.
 */
export function stageRunFields(stats: RunStats, usage: readonly Usage[]): StageRunFields {
  return {
    runId: stats.runId,
    stage: stats.action,
    shard: stats.shard,
    outcome: stats.outcome,
    startedAt: new Date(stats.startedAt).toISOString(),
    finishedAt: new Date(stats.finishedAt).toISOString(),
    durationMs: stats.durationMs,
    counts: stats.counts,
    errorsByClass: { ...stats.errorsByClass },
    retries: stats.retries,
    usage: usage.map(({ service, unit, quantity }) => ({ service, unit, quantity })),
  };
}

/** The ledger key of one stage on one shard in one run: `<runId>:<stage>:<shard>`. */
export function runLedgerId(runId: string, stage: string, shard: string): string {
  return `${runId}:${stage}:${shard}`;
}

/**
 * Records one ledger entry, replacing an earlier entry of the same run, stage and shard (a rerun
 * updates its entry, never adds a second).
 */
export async function recordRun(db: Db, entry: Omit<RunLedgerEntry, '_id'>): Promise<void> {
  const _id = runLedgerId(entry.runId, entry.stage, entry.shard);
  await pipelineCollections(db).runs.replaceOne({ _id }, entry, { upsert: true });
}

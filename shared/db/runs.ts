import type { Db } from 'mongodb';
import { pipelineCollections, type RunLedgerEntry } from './collections.js';

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

import type { Db } from 'mongodb';
import type { RunLedgerEntry } from '../../../shared/db/collections.js';
import { recordRun, runLedgerId, stageRunFields } from '../../../shared/db/runs.js';
import type { Usage } from '../../../shared/model/usage.js';
import type { LoadedStage } from './load-stages.js';

type Entry = Omit<RunLedgerEntry, '_id'>;

/**
 * Ledger entries for the stages whose artifacts were stored: each run-stats record with the
 * usage of the same run, action and shard. Keyed like every ledger entry, so storing the same
 * artifacts again replaces them rather than adding more.
 */
export function stageEntries(stages: readonly LoadedStage[], now: string): Entry[] {
  const usage = new Map<string, Usage[]>();
  for (const entry of stages.flatMap((stage) => stage.usage)) {
    const id = runLedgerId(entry.runId, entry.action, entry.shard);
    usage.set(id, [...(usage.get(id) ?? []), entry]);
  }
  const entries = new Map<string, Entry>();
  for (const stats of stages.flatMap((stage) => stage.runStats)) {
    const id = runLedgerId(stats.runId, stats.action, stats.shard);
    entries.set(id, { ...stageRunFields(stats, usage.get(id) ?? []), recordedAt: now });
  }
  return [...entries.values()];
}

/** Records every entry in the `runs` ledger (one upsert each). */
export async function recordEntries(db: Db, entries: readonly Entry[]): Promise<void> {
  for (const entry of entries) await recordRun(db, entry);
}

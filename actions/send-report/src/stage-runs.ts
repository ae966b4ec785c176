import type { RunLedgerEntry } from '../../../shared/db/collections.js';
import { stageRunFields, type StageRunFields } from '../../../shared/db/runs.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import type { Usage } from '../../../shared/model/usage.js';

/**
 * What one stage did on one shard in one run: from a stage artifact or the `runs` ledger, with
 * store-mongo's quality figures and integrity when it recorded them.
 */
export type StageRun = StageRunFields & Pick<RunLedgerEntry, 'quality' | 'integrity'>;

/** A run-stats record with the usage of the same run, action and shard. */
export function fromRunStats(stats: RunStats, usage: readonly Usage[]): StageRun {
  const own = usage.filter(
    (entry) =>
      entry.runId === stats.runId && entry.action === stats.action && entry.shard === stats.shard,
  );
  return stageRunFields(stats, own);
}

/** A `runs` ledger document as a StageRun. */
export function fromLedger(entry: RunLedgerEntry): StageRun {
  return {
    runId: entry.runId,
    stage: entry.stage,
    shard: entry.shard,
    outcome: entry.outcome,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    durationMs: entry.durationMs,
    counts: entry.counts ?? {},
    errorsByClass: entry.errorsByClass ?? {},
    retries: entry.retries ?? 0,
    usage: entry.usage ?? [],
    ...(entry.quality ? { quality: entry.quality } : {}),
    ...(entry.integrity ? { integrity: entry.integrity } : {}),
  };
}

/** Stage runs keyed by `<runId>:<stage>:<shard>`: the later source wins, so nothing counts twice. */
export function mergeStageRuns(...sources: ReadonlyArray<readonly StageRun[]>): StageRun[] {
  const merged = new Map<string, StageRun>();
  for (const run of sources.flat()) merged.set(`${run.runId}:${run.stage}:${run.shard}`, run);
  return [...merged.values()];
}

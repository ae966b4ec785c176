import type { RunStats } from '../../../shared/model/run-stats.js';
import { ERROR_CLASSES, RUN_STATS_SCHEMA_VERSION } from '../../../shared/model/run-stats.js';
import type { MaintainResult } from './maintain-result.js';

/**
 * A run-stats record of maintain-db. `action` is not one of the seven pipeline stages that the
 * run-stats schema names, so the record has the schema's shape but is not validated by it.
 */
export type MaintenanceRunStats = Omit<RunStats, 'action'> & { action: 'maintain-db' };

/** Named counts of what the run did so far. */
export function maintenanceCounts(result: MaintainResult): Record<string, number> {
  const counts: Record<string, number> = {};
  if (result.indexes) {
    counts['indexes-created'] = result.indexes.created.length;
    counts['indexes-extra'] = result.indexes.extra.length;
  }
  for (const row of result.retention) counts[`deleted-${row.collection}`] = row.deleted;
  if (result.backup) counts['documents-backed-up'] = result.backup.count;
  if (result.exported) counts.exported = result.exported.count;
  for (const row of result.restored ?? []) {
    counts[`restored-${row.collection}`] = result.dryRun ? 0 : row.inserted + row.replaced;
  }
  return counts;
}

/** The run-stats record as of now, for the backup artifact, with `extra` counts of the task running. */
export function maintenanceRunStats(
  runId: string,
  startedAt: Date,
  result: MaintainResult,
  extra: Record<string, number> = {},
  now: Date = new Date(),
): MaintenanceRunStats {
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId,
    action: 'maintain-db',
    shard: 'all',
    startedAt: startedAt.toISOString(),
    finishedAt: now.toISOString(),
    durationMs: now.getTime() - startedAt.getTime(),
    counts: { ...maintenanceCounts(result), ...extra },
    errorsByClass: Object.fromEntries(
      ERROR_CLASSES.map((name) => [name, 0]),
    ) as RunStats['errorsByClass'],
    retries: 0,
    outcome: 'success',
  };
}

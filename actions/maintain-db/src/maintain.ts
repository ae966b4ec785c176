import { join, resolve } from 'node:path';
import type { Db } from 'mongodb';
import { reconcileIndexes } from '../../../shared/db/indexes.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import type { ExportFormat } from '../../../shared/export/export-properties.js';
import type { RunContext } from '../../../shared/run-context.js';
import type { MaintainDbInputs, Task } from './inputs.js';
import type { MaintainResult } from './maintain-result.js';
import { backupPassphrase } from './backup-privacy.js';
import { publishBackup, publishExport } from './publish.js';
import { maintenanceRunStats } from './run-stats.js';
import { applyRetention, retentionPolicies } from './retention.js';
import { restoreBackup } from './restore.js';
import { locateBackup } from './restore-source.js';
import { measureStorage } from './storage.js';

/**
 * Runs the asked tasks in a safe order: restore first (so that indexes and backup see the restored
 * data), then indexes, backup and export, and retention last, so that the rows it deletes are in
 * the backup taken just before.
 */
export async function maintain(
  db: Db,
  inputs: MaintainDbInputs,
  context: RunContext,
  logger: Logger,
): Promise<MaintainResult> {
  const startedAt = new Date();
  // A rerun of the job is a new attempt of the same run, where an artifact name can be used once.
  const attempt = context.runAttempt > 1 ? `-attempt${context.runAttempt}` : '';
  const suffix = `${startedAt.toISOString().slice(0, 10)}${attempt}`;
  const has = (task: Task) => inputs.tasks.includes(task);
  const client = runnerArtifactClient();
  // A dry run writes its files for inspection but publishes nothing.
  const uploader = inputs.dryRun ? null : client;
  const outputDir = resolve(
    context.workspace,
    inputs.outputDir || join(context.tempDir, 'maintain-db'),
  );
  const result: MaintainResult = {
    ...{ tasks: inputs.tasks, dryRun: inputs.dryRun, database: db.databaseName },
    ...{ indexes: null, retention: [], backup: null, exported: null, restored: null },
    storage: { collections: [], usedMb: null, limitMb: inputs.storageLimitMb, share: null },
  };
  // Refused before any task runs: a public repository without a passphrase gets no backup.
  const passphrase = has('backup') || has('export') ? backupPassphrase(inputs, logger) : '';
  if (has('restore')) {
    result.restored = await withGroup(logger, 'Restore', async () => {
      const dir = await locateBackup(inputs.restoreFrom, { client, context, outputDir }, logger);
      const restore = { dryRun: inputs.dryRun, passphrase: inputs.backupPassphrase };
      return restoreBackup(db, dir, restore, logger);
    });
  }
  if (has('indexes')) {
    result.indexes = await withGroup(logger, 'Indexes', () =>
      reconcileIndexes(db, { dryRun: inputs.dryRun, logger }),
    );
  }
  const target = {
    ...{ outputDir, uploader, runId: context.runId, now: startedAt },
    ...{ passphrase, retentionDays: inputs.retentionDays },
  };
  if (has('backup')) {
    const name = `${inputs.artifactName}-${suffix}`;
    const runStats = (documents: number) =>
      maintenanceRunStats(context.runId, startedAt, result, { 'documents-backed-up': documents });
    result.backup = await withGroup(logger, 'Backup', () =>
      publishBackup(db, name, target, runStats, logger),
    );
  }
  if (has('export')) {
    const formats: ExportFormat[] =
      inputs.exportFormat === 'both' ? ['csv', 'ndjson'] : [inputs.exportFormat as ExportFormat];
    const request = { formats, zips: inputs.exportZips };
    result.exported = await withGroup(logger, 'Export properties', () =>
      publishExport(db, `property-export-${suffix}`, request, target, logger),
    );
  }
  if (has('retention')) {
    result.retention = await withGroup(logger, 'Retention', () => {
      const policies = retentionPolicies({
        'history-retention-days': inputs.historyRetentionDays,
        'runs-retention-days': inputs.runsRetentionDays,
        'cache-retention-days': inputs.cacheRetentionDays,
        'costs-retention-days': inputs.costsRetentionDays,
      });
      const options = {
        batchSize: inputs.retentionBatchSize,
        dryRun: inputs.dryRun,
        now: startedAt,
      };
      return applyRetention(db, policies, options, logger);
    });
  }
  result.storage = await withGroup(logger, 'Storage', () =>
    measureStorage(db, inputs.storageLimitMb, logger),
  );
  return result;
}

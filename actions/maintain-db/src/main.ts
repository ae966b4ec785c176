import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { connectDatabase } from '../../../shared/db/connect.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { maintainDbInputs, type MaintainDbInputs } from './inputs.js';
import { maintain } from './maintain.js';
import type { MaintainResult } from './maintain-result.js';
import { maintainSummary } from './summary.js';

async function execute(inputs: MaintainDbInputs, logger: Logger): Promise<MaintainResult> {
  const context = readRunContext();
  const connection = await withGroup(logger, 'Connect', () =>
    connectDatabase(inputs.mongodbUri, inputs.database),
  );
  try {
    return await maintain(connection.db, inputs, context, logger);
  } finally {
    await connection.close();
  }
}

/** The maintain-db action: indexes, retention, backup, export and restore of the database. */
export const action: ActionDefinition<typeof maintainDbInputs, MaintainResult> = {
  name: 'maintain-db',
  inputs: maintainDbInputs,
  secrets: ['mongodbUri', 'backupPassphrase'],
  execute,
  outputs: (result) => ({
    'indexes-created': result.indexes?.created.length ?? 0,
    'indexes-extra': result.indexes?.extra.length ?? 0,
    deleted: Object.fromEntries(result.retention.map((row) => [row.collection, row.deleted])),
    'backup-artifact': result.backup?.artifact ?? '',
    'documents-backed-up': result.backup?.count ?? 0,
    exported: result.exported?.count ?? 0,
    restored: result.dryRun
      ? 0
      : (result.restored ?? []).reduce((sum, row) => sum + row.inserted + row.replaced, 0),
    'storage-mb': result.storage.usedMb ?? '',
  }),
  failureOutputs: {
    'indexes-created': 0,
    'indexes-extra': 0,
    deleted: {},
    'backup-artifact': '',
    'documents-backed-up': 0,
    exported: 0,
    restored: 0,
    'storage-mb': '',
  },
  summary: maintainSummary,
};

/** Entry point: runs the action against the runner. */
export const run = (): Promise<MaintainResult | undefined> => runAction(action);

import type { Db } from 'mongodb';
import { connectDatabase } from '../../../shared/db/connect.js';
import { describeDatabase } from '../../../shared/db/database-name.js';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { CollectCountyInputs } from './inputs.js';

/**
 * The database that orders an incremental run, or null (full mode, no `mongodb-uri`, or a
 * database that does not answer: priorities only order the work, so the run goes on without).
 */
export async function openPriorityDatabase(
  inputs: CollectCountyInputs,
  logger: Logger,
): Promise<{ db: Db | null; close: () => Promise<void> }> {
  if (inputs.mongodbUri === '' || inputs.mode !== 'incremental') {
    if (inputs.mode === 'incremental') logger.info('incremental without mongodb-uri: search order');
    return { db: null, close: () => Promise.resolve() };
  }
  try {
    const connection = await connectDatabase(inputs.mongodbUri, inputs.database);
    logger.info(`incremental priorities from database ${describeDatabase(connection.database)}`);
    return connection;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    // Priorities only order the work; without them the run still collects, in search order.
    logger.warning(
      `mongodb-uri: cannot read properties (${errorMessage(error)}); collecting in search order`,
    );
    return { db: null, close: () => Promise.resolve() };
  }
}

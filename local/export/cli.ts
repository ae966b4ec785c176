import { connectDatabase } from '../../shared/db/connect.js';
import { describeDatabase } from '../../shared/db/database-name.js';
import { errorMessage } from '../../shared/errors.js';
import { consoleLogger } from '../console-logger.js';
import { parseExportArgs } from './args.js';
import { exportFilter, exportProperties } from '../../shared/export/export-properties.js';

/**
 * `tsx local/export/cli.ts --zip 85031 --since 2026-11-01 --format csv|ndjson --out FILE`:
 * exports stored properties by ZIP and `updatedAt` day range, with the JSON Schema beside the file.
 */
const logger = consoleLogger({ verbose: process.env.PIPELINE_VERBOSE === '1' });
try {
  const args = parseExportArgs(process.argv.slice(2));
  const connection = await connectDatabase(args.uri, args.database);
  try {
    logger.info(`database ${describeDatabase(connection.database)}`);
    logger.debug(`filter ${JSON.stringify(exportFilter(args))}`);
    const result = await exportProperties(connection.db, args);
    logger.info(
      `${result.count} properties written to ${result.file} (schema: ${result.schemaFile})`,
    );
  } finally {
    await connection.close();
  }
} catch (error) {
  logger.error(errorMessage(error));
  process.exitCode = 1;
}

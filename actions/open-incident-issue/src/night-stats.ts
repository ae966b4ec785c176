import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorMessage } from '../../../shared/errors.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { readStages } from '../../../shared/io/stage-reader.js';
import type { Logger } from '../../../shared/logger.js';
import { runStatsSchema, type RunStats } from '../../../shared/model/run-stats.js';

/**
 * The run-stats of this run's stage artifacts that `patterns` name (`county-parcels-*`), for the
 * collectors' success rates. Whatever cannot be read is logged and left out: the incidents are
 * still filed, on the jobs' results alone.
 */
export async function nightStats(patterns: readonly string[], logger: Logger): Promise<RunStats[]> {
  if (patterns.length === 0) return [];
  const client = runnerArtifactClient();
  if (!client) {
    logger.warning(
      'run-results: no artifact service here (not on a runner); success rates are not read',
    );
    return [];
  }
  const leftOut = (name: string, error: unknown) =>
    logger.warning(`artifact '${name}' left out of the success rates: ${errorMessage(error)}`);
  const base = path.join(process.env.RUNNER_TEMP || tmpdir(), 'open-incident-issue-inputs');
  const stats: RunStats[] = [];
  try {
    const options = { client, baseDir: base, downloadDir: base, logger, onUnreadable: leftOut };
    for (const stage of (await readStages(patterns, options)).stages) {
      try {
        const own: RunStats[] = [];
        for await (const record of stage.records('run-stats', runStatsSchema)) own.push(record);
        stats.push(...own);
      } catch (error) {
        leftOut(stage.name, error);
      }
    }
  } catch (error) {
    logger.warning(`run-results could not be listed: ${errorMessage(error)}`);
  }
  logger.info(`run-stats read: ${stats.length} record(s)`);
  return stats;
}

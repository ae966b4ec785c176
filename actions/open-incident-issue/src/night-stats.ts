import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorMessage } from '../../../shared/errors.js';
import {
  downloadStage,
  matchArtifacts,
  runnerArtifactClient,
} from '../../../shared/io/artifact.js';
import type { Logger } from '../../../shared/logger.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import { readDetails } from './details.js';

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
  const stats: RunStats[] = [];
  try {
    const matched = await matchArtifacts(client, patterns);
    const base = path.join(process.env.RUNNER_TEMP || tmpdir(), 'open-incident-issue-inputs');
    for (const name of matched.names) {
      const dir = path.join(base, name.replace(/[^\w.-]/g, '_'));
      try {
        await downloadStage(client, name, dir, logger);
        const details = await readDetails(dir);
        stats.push(...details.stats);
        for (const problem of details.unreadable) logger.warning(`run-stats left out: ${problem}`);
      } catch (error) {
        logger.warning(`artifact '${name}' left out of the success rates: ${errorMessage(error)}`);
      }
    }
  } catch (error) {
    logger.warning(`run-results could not be listed: ${errorMessage(error)}`);
  }
  logger.info(`run-stats read: ${stats.length} record(s)`);
  return stats;
}

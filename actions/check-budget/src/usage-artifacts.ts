import type { ArtifactClient } from '@actions/artifact';
import { readStages } from '../../../shared/io/stage-reader.js';
import type { Logger } from '../../../shared/logger.js';
import { usageSchema, type Usage } from '../../../shared/model/usage.js';

/** Usage gathered from the run's stage artifacts. */
export interface CollectedUsage {
  records: Usage[];
  /** Artifacts read, by name. */
  artifacts: string[];
  /** Names or patterns that matched no artifact of the run (a skipped or failed job). */
  missing: string[];
}

/**
 * Downloads the named stage artifacts of the current run (names may hold `*`), verifies each
 * manifest and reads the `usage` records written beside the data. A name that matches nothing is
 * reported, not fatal: the job that makes it may have been skipped by the budget gate.
 */
export async function collectUsage(
  client: ArtifactClient,
  patterns: readonly string[],
  workDir: string,
  logger: Logger,
): Promise<CollectedUsage> {
  const options = { client, baseDir: workDir, downloadDir: workDir, logger };
  const { stages, missing } = await readStages(patterns, options);
  const records: Usage[] = [];
  for (const stage of stages) {
    let count = 0;
    for await (const record of stage.records('usage', usageSchema)) {
      records.push(record);
      count += 1;
    }
    logger.info(`artifact '${stage.name}': ${count} usage records`);
  }
  return { records, artifacts: stages.map((stage) => stage.name), missing };
}

import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { NonRetryableError, errorMessage } from '../../../shared/errors.js';
import { downloadStage } from '../../../shared/io/artifact.js';
import { readStageRecords } from '../../../shared/io/stage-output.js';
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

/** `county-*` style patterns: `*` matches any run of characters, the rest literally. */
function patternMatcher(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
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
  let available: string[];
  try {
    available = (await client.listArtifacts({ latest: true })).artifacts.map((a) => a.name);
  } catch (error) {
    throw new NonRetryableError(`listing the run's artifacts failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const names = new Set<string>();
  const missing: string[] = [];
  for (const pattern of patterns) {
    const matcher = patternMatcher(pattern);
    const matched = available.filter((name) => matcher.test(name));
    if (matched.length === 0) missing.push(pattern);
    for (const name of matched) names.add(name);
  }
  const records: Usage[] = [];
  const artifacts = [...names].sort();
  for (const [index, name] of artifacts.entries()) {
    const stage = await downloadStage(client, name, join(workDir, String(index)), logger);
    let count = 0;
    for await (const record of readStageRecords(stage.dir, stage.manifest, 'usage', usageSchema)) {
      records.push(record);
      count += 1;
    }
    logger.info(`artifact '${name}': ${count} usage records`);
  }
  return { records, artifacts, missing };
}

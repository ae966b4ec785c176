import type { ArtifactClient } from '@actions/artifact';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { downloadStage, matchArtifacts } from '../../../shared/io/artifact.js';
import { verifyManifest } from '../../../shared/io/manifest.js';
import { readStageRecords } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import { runStatsSchema, type RunStats } from '../../../shared/model/run-stats.js';
import { usageSchema, type Usage } from '../../../shared/model/usage.js';
import { fromRunStats, type StageRun } from './stage-runs.js';

/** What the run's stage artifacts say. */
export interface RunResults {
  stageRuns: StageRun[];
  /** Artifacts (or folders) read. */
  read: string[];
  /** Names or patterns that matched nothing: a stage skipped or failed before uploading. */
  missing: string[];
}

async function readFolder(dir: string): Promise<StageRun[]> {
  const manifest = await verifyManifest(dir);
  const stats: RunStats[] = [];
  for await (const record of readStageRecords(dir, manifest, 'run-stats', runStatsSchema))
    stats.push(record);
  const usage: Usage[] = [];
  for await (const record of readStageRecords(dir, manifest, 'usage', usageSchema))
    usage.push(record);
  return stats.map((record) => fromRunStats(record, usage));
}

/**
 * Reads the run-stats and usage of the named stages: artifacts of this run on a runner (names
 * may hold `*`), stage folders relative to `baseDir` elsewhere. Each manifest is verified first.
 */
export async function loadRunResults(
  names: readonly string[],
  source: { client: ArtifactClient | null; baseDir: string },
  logger: Logger,
): Promise<RunResults> {
  const result: RunResults = { stageRuns: [], read: [], missing: [] };
  if (names.length === 0) return result;
  const { client, baseDir } = source;
  const matched = client ? await matchArtifacts(client, names) : { names, unmatched: [] };
  result.missing.push(...matched.unmatched);
  for (const name of matched.names) {
    let dir = path.resolve(baseDir, name);
    if (client) {
      dir = path.join(baseDir, 'send-report-inputs', name.replace(/[^\w.-]/g, '_'));
      await downloadStage(client, name, dir, logger);
    }
    // A missing folder is a stage that did not run; a corrupt one fails verification below.
    if (!existsSync(dir)) {
      result.missing.push(name);
      continue;
    }
    result.stageRuns.push(...(await readFolder(dir)));
    result.read.push(name);
  }
  logger.info(
    `run results: ${result.stageRuns.length} stage records from ${result.read.length} artifacts`,
  );
  if (result.missing.length) logger.warning(`run results not found: ${result.missing.join(', ')}`);
  return result;
}

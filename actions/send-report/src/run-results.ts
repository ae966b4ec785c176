import type { ArtifactClient } from '@actions/artifact';
import path from 'node:path';
import { readStages, type StageFolder } from '../../../shared/io/stage-reader.js';
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

async function readStage(stage: StageFolder): Promise<StageRun[]> {
  const stats: RunStats[] = [];
  for await (const record of stage.records('run-stats', runStatsSchema)) stats.push(record);
  const usage: Usage[] = [];
  for await (const record of stage.records('usage', usageSchema)) usage.push(record);
  return stats.map((record) => fromRunStats(record, usage));
}

/**
 * Reads the run-stats and usage of the named stages: artifacts of this run on a runner (names
 * may hold `*`), stage folders relative to `baseDir` elsewhere. Each manifest is verified first;
 * a stage that is missing did not run, while one that does not verify fails the read.
 */
export async function loadRunResults(
  names: readonly string[],
  source: { client: ArtifactClient | null; baseDir: string },
  logger: Logger,
): Promise<RunResults> {
  const result: RunResults = { stageRuns: [], read: [], missing: [] };
  if (names.length === 0) return result;
  const { client, baseDir } = source;
  const downloadDir = path.join(baseDir, 'send-report-inputs');
  const stages = await readStages(names, { client, baseDir, downloadDir, logger });
  result.missing.push(...stages.missing);
  for (const stage of stages.stages) {
    result.stageRuns.push(...(await readStage(stage)));
    result.read.push(stage.name);
  }
  logger.info(
    `run results: ${result.stageRuns.length} stage records from ${result.read.length} artifacts`,
  );
  if (result.missing.length) logger.warning(`run results not found: ${result.missing.join(', ')}`);
  return result;
}

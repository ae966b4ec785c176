import { DefaultArtifactClient } from '@actions/artifact';
import path from 'node:path';
import { ConfigurationError } from '../../../shared/errors.js';
import { downloadStage, stageArtifactNames } from '../../../shared/io/artifact.js';
import { readStageOutput, readStageRecords } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import type { Manifest } from '../../../shared/model/manifest.js';
import { runStatsSchema, type RunStats } from '../../../shared/model/run-stats.js';
import { usageSchema, type Usage } from '../../../shared/model/usage.js';

/** Record types store-mongo merges. */
export const STORED_RECORD_TYPES = ['county-parcel', 'mls-listing', 'enrichment'] as const;
export type StoredRecordType = (typeof STORED_RECORD_TYPES)[number];

/** One verified input stage: its manifest, its raw records, and the stats and usage beside them. */
export interface LoadedStage {
  /** Artifact name or folder, as given in `input-artifacts`. */
  source: string;
  manifest: Manifest & { recordType: StoredRecordType };
  /** Records as read, not yet validated (validation is counted per record). */
  records: unknown[];
  runStats: RunStats[];
  usage: Usage[];
}

/** Where the stage folders come from: artifacts of the run, or folders on disk. */
export interface StageSource {
  /** True on a runner (ACTIONS_RUNTIME_TOKEN set): names are artifacts to download. */
  artifacts: boolean;
  /** Folder to download artifacts into, and base of relative folder paths. */
  baseDir: string;
}

/**
 * Downloads (or opens) each named stage, verifies its manifest, and reads its records. On a
 * runner names may hold `*` (`county-parcels-*`: whatever shards finished). Anything but
 * county-parcel, mls-listing or enrichment data is a configuration error naming the input.
 */
export async function loadStages(
  names: readonly string[],
  source: StageSource,
  logger: Logger,
): Promise<LoadedStage[]> {
  const client = source.artifacts ? new DefaultArtifactClient() : undefined;
  const stages: LoadedStage[] = [];
  const wanted = client
    ? await stageArtifactNames(client, names, 'input-artifacts', logger)
    : names;
  for (const name of wanted) {
    let dir = path.resolve(source.baseDir, name);
    if (client) {
      dir = path.join(source.baseDir, 'store-mongo-inputs', name.replace(/[^\w.-]/g, '_'));
      await downloadStage(client, name, dir, logger);
    }
    const stage = await readStageOutput(dir);
    const manifest = stage.manifest;
    if (!(STORED_RECORD_TYPES as readonly string[]).includes(manifest.recordType)) {
      throw new ConfigurationError(
        `input 'input-artifacts': '${name}' holds ${manifest.recordType} records, expected one of ${STORED_RECORD_TYPES.join(', ')}`,
      );
    }
    const records: unknown[] = [];
    for await (const record of stage.records) records.push(record);
    const runStats: RunStats[] = [];
    for await (const stats of readStageRecords(dir, manifest, 'run-stats', runStatsSchema))
      runStats.push(stats);
    const usage: Usage[] = [];
    for await (const entry of readStageRecords(dir, manifest, 'usage', usageSchema))
      usage.push(entry);
    logger.info(
      `${name}: ${records.length} ${manifest.recordType} records (run ${manifest.runId}, shard ${manifest.shard})`,
    );
    stages.push({
      source: name,
      manifest: manifest as LoadedStage['manifest'],
      records,
      runStats,
      usage,
    });
  }
  return stages;
}

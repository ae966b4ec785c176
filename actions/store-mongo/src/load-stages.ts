import { DefaultArtifactClient } from '@actions/artifact';
import path from 'node:path';
import { ConfigurationError } from '../../../shared/errors.js';
import type { ReadOptions } from '../../../shared/io/ndjson-reader.js';
import { readStages } from '../../../shared/io/stage-reader.js';
import type { Logger } from '../../../shared/logger.js';
import type { Manifest } from '../../../shared/model/manifest.js';
import { runStatsSchema, type RunStats } from '../../../shared/model/run-stats.js';
import { usageSchema, type Usage } from '../../../shared/model/usage.js';

/** Record types store-mongo merges. */
export const STORED_RECORD_TYPES = ['county-parcel', 'mls-listing', 'enrichment'] as const;
export type StoredRecordType = (typeof STORED_RECORD_TYPES)[number];

/** One verified input stage: its manifest, its records as a stream, and the stats and usage beside them. */
export interface LoadedStage {
  /** Artifact name or folder, as given in `input-artifacts`. */
  source: string;
  manifest: Manifest & { recordType: StoredRecordType };
  /**
   * Streams the records from disk, not yet validated (validation is counted per record); each
   * call reads the file again from the start, in the same order, and nothing is held.
   */
  records: (options?: ReadOptions) => AsyncGenerator<unknown, void, undefined>;
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
 * Downloads (or opens) each named stage and verifies its manifest; records stream from disk when
 * asked for (see `LoadedStage.records`), and only the small run-stats and usage are read. On a
 * runner names may hold `*` (`county-parcels-*`: whatever shards finished). Anything but
 * county-parcel, mls-listing or enrichment data is a configuration error naming the input.
 */
export async function loadStages(
  names: readonly string[],
  source: StageSource,
  logger: Logger,
): Promise<LoadedStage[]> {
  const { stages: folders } = await readStages(names, {
    client: source.artifacts ? new DefaultArtifactClient() : null,
    baseDir: source.baseDir,
    downloadDir: path.join(source.baseDir, 'store-mongo-inputs'),
    logger,
    requiredBy: 'input-artifacts',
  });
  const stages: LoadedStage[] = [];
  for (const { name, manifest, records: read } of folders) {
    if (!(STORED_RECORD_TYPES as readonly string[]).includes(manifest.recordType)) {
      throw new ConfigurationError(
        `input 'input-artifacts': '${name}' holds ${manifest.recordType} records, expected one of ${STORED_RECORD_TYPES.join(', ')}`,
      );
    }
    logger.info(
      `${name}: ${manifest.recordCount} ${manifest.recordType} records (run ${manifest.runId}, shard ${manifest.shard})`,
    );
    stages.push({
      source: name,
      manifest: manifest as LoadedStage['manifest'],
      records: (options) => read(manifest.recordType, undefined, options),
      runStats: await collect(read('run-stats', runStatsSchema)),
      usage: await collect(read('usage', usageSchema)),
    });
  }
  return stages;
}

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

import { DefaultArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { downloadStage } from '../../shared/io/artifact.js';
import { readStageOutput, readStageRecords } from '../../shared/io/stage-output.js';
import { memoryLogger } from '../../shared/logger.js';
import type { DataRecordType } from '../../shared/model/common.js';
import type { Manifest } from '../../shared/model/manifest.js';
import type { RunStats } from '../../shared/model/run-stats.js';
import type { Usage } from '../../shared/model/usage.js';

/** A stage artifact downloaded and read whole: its data and the companions beside it. */
export interface DownloadedStage<T> {
  dir: string;
  manifest: Manifest;
  records: T[];
  runStats: RunStats[];
  usage: Usage[];
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

/**
 * Downloads artifact `name` of the current run (the client's env must be set) into `dir`, verifies
 * it, and reads every record of `recordType` with its run-stats and usage.
 */
export async function downloadStageRecords<T>(
  name: string,
  dir: string,
  recordType: DataRecordType,
): Promise<DownloadedStage<T>> {
  await downloadStage(new DefaultArtifactClient(), name, dir, memoryLogger());
  const stage = await readStageOutput<T>(dir, { expectRecordType: recordType });
  return {
    dir,
    manifest: stage.manifest,
    records: await all(stage.records),
    runStats: await all(readStageRecords<RunStats>(dir, stage.manifest, 'run-stats')),
    usage: await all(readStageRecords<Usage>(dir, stage.manifest, 'usage')),
  };
}

/** A folder name for the n-th download of `name` under `root`. */
export function downloadDir(root: string, name: string, n: number): string {
  return join(root, 'downloads', `${name}-${n}`);
}

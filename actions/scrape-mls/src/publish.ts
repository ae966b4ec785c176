import type { ArtifactClient } from '@actions/artifact';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadStage } from '../../../shared/io/artifact.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import { MLS_LISTING_SCHEMA_VERSION, type MlsListing } from '../../../shared/model/mls-listing.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import type { Usage } from '../../../shared/model/usage.js';

/** What one ZIP's stage folder holds besides the listings. */
export interface ShardCompanions {
  runId: string;
  zip: string;
  runStats: RunStats;
  usage: Usage[];
  /** Folder of failure snapshots to copy in, and the files in it (`snapshots/...`). */
  snapshots: { dir: string; files: string[] };
}

/**
 * Writes one ZIP's `mls-listing` stage folder (listings, run-stats, usage, failure snapshots,
 * manifest) into `dir` and uploads it as `artifactName` when a client is given.
 */
export async function publishShard(
  listings: MlsListing[],
  companions: ShardCompanions,
  target: {
    dir: string;
    artifactName: string;
    client: ArtifactClient | null;
    retentionDays: number;
  },
  logger: Logger,
): Promise<{ uploaded: boolean }> {
  await rm(target.dir, { recursive: true, force: true });
  if (companions.snapshots.files.length > 0) {
    await cp(companions.snapshots.dir, join(target.dir, 'snapshots'), { recursive: true });
  }
  const manifest = await writeStageOutput(
    target.dir,
    {
      runId: companions.runId,
      stage: 'scrape-mls',
      shard: companions.zip,
      recordType: 'mls-listing',
      recordSchemaVersion: MLS_LISTING_SCHEMA_VERSION,
      gzip: true,
    },
    listings,
    {
      records: { 'run-stats': [companions.runStats], usage: companions.usage },
      files: companions.snapshots.files,
    },
  );
  if (target.client === null) {
    logger.info(
      `${companions.zip}: ${manifest.recordCount} listings written to ${target.dir} (not uploaded)`,
    );
    return { uploaded: false };
  }
  await uploadStage(target.client, target.artifactName, target.dir, logger, {
    compressionLevel: 0,
    retentionDays: target.retentionDays,
  });
  return { uploaded: true };
}

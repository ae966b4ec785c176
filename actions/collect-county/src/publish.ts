import type { ArtifactClient } from '@actions/artifact';
import { rm } from 'node:fs/promises';
import { uploadStage } from '../../../shared/io/artifact.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import { COUNTY_PARCEL_SCHEMA_VERSION } from '../../../shared/model/county-parcel.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import type { Usage } from '../../../shared/model/usage.js';
import type { JsonLine } from '../../../shared/io/ndjson-writer.js';
import { withholdPersonal } from '../../../shared/privacy/county-personal.js';
import type { ArtifactPrivacy } from '../../../shared/privacy/artifact-privacy.js';
import type { Checkpoint } from './checkpoint.js';

/** Where a ZIP's stage folder goes once written. */
export interface PublishTarget {
  /** Folder to write the stage output into (emptied first). */
  dir: string;
  /** Artifact name; the folder is uploaded when a client is given. */
  artifactName: string;
  client: ArtifactClient | null;
  /** Days GitHub keeps the artifact. */
  retentionDays: number;
  /** Whether and how owner names and mailing addresses are kept out of the folder. */
  privacy: ArtifactPrivacy;
}

/** The checkpoint's lines, without personal data when `privacy` says so. */
async function* stageLines(
  checkpoint: Checkpoint,
  privacy: ArtifactPrivacy,
): AsyncGenerator<JsonLine | Record<string, unknown>, void, undefined> {
  for await (const line of checkpoint.lines()) {
    if (!privacy.withhold) yield line;
    else yield withholdPersonal(JSON.parse(line.json) as Record<string, unknown>, privacy.sealer);
  }
}

/**
 * Writes one ZIP shard's stage folder (gzipped NDJSON of the checkpoint's parcels, `run-stats`,
 * `usage`, manifest) and uploads it as an artifact when a client is given. Once a complete shard
 * (nothing failed) is uploaded its checkpoint is deleted; a partial one keeps it. Returns the records.
 */
export async function publishShard(
  checkpoint: Checkpoint,
  companions: { runId: string; zip: string; runStats: RunStats; usage: Usage; complete: boolean },
  target: PublishTarget,
  logger: Logger,
): Promise<{ records: number; uploaded: boolean }> {
  await rm(target.dir, { recursive: true, force: true });
  const manifest = await writeStageOutput(
    target.dir,
    {
      runId: companions.runId,
      stage: 'collect-county',
      shard: companions.zip,
      recordType: 'county-parcel',
      recordSchemaVersion: COUNTY_PARCEL_SCHEMA_VERSION,
      gzip: true,
    },
    // In the clear the checkpoint's lines go into the artifact as they are: no parse and re-serialise.
    stageLines(checkpoint, target.privacy),
    { records: { 'run-stats': [companions.runStats], usage: [companions.usage] } },
  );
  if (target.client === null) {
    logger.info(
      `${companions.zip}: ${manifest.recordCount} parcels written to ${target.dir} (not uploaded)`,
    );
    return { records: manifest.recordCount, uploaded: false };
  }
  // The data is gzipped already; zipping it again only costs time.
  await uploadStage(target.client, target.artifactName, target.dir, logger, {
    compressionLevel: 0,
    retentionDays: target.retentionDays,
  });
  if (companions.complete) await checkpoint.remove();
  return { records: manifest.recordCount, uploaded: true };
}

import type { ArtifactClient } from '@actions/artifact';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError, IntegrityError } from '../../../shared/errors.js';
import {
  downloadStage,
  runnerArtifactClient,
  stageArtifactNames,
} from '../../../shared/io/artifact.js';
import { readFile } from 'node:fs/promises';
import { readStageRecords } from '../../../shared/io/stage-output.js';
import { verifyManifest, MANIFEST_FILE } from '../../../shared/io/manifest.js';
import type { Logger } from '../../../shared/logger.js';
import type { Manifest } from '../../../shared/model/manifest.js';
import { countyParcelSchema, type CountyParcel } from '../../../shared/model/county-parcel.js';
import { enrichmentSchema, type Enrichment } from '../../../shared/model/enrichment.js';
import { mlsListingSchema, type MlsListing } from '../../../shared/model/mls-listing.js';
import { CARRIED_FILE, carriedFileSchema, type CarriedSubject } from './carried.js';

/** The records of every input artifact, by type. */
export interface StageInputs {
  parcels: CountyParcel[];
  listings: MlsListing[];
  /** Earlier enrichment records: the artifact-chain cache. */
  enrichments: Enrichment[];
  /** What earlier enrichment artifacts carried to the next night. */
  carried: CarriedSubject[];
}

/**
 * Where an input's folder is: on a runner (`ACTIONS_RUNTIME_TOKEN` set) the artifact of that name
 * is downloaded and verified; without one, the name is a local stage folder (for runs by hand).
 */
async function openStage(
  client: ArtifactClient | null,
  name: string,
  tempDir: string,
  logger: Logger,
): Promise<{ dir: string; manifest: Manifest }> {
  if (client) {
    const dir = join(tempDir, 'enrich-llm-inputs', name.replace(/[^\w.-]/g, '_'));
    return downloadStage(client, name, dir, logger);
  }
  const dir = resolve(name);
  if (!existsSync(join(dir, MANIFEST_FILE))) {
    throw new ConfigurationError(
      `input 'input-artifacts': '${name}' is not a stage folder with ${MANIFEST_FILE} ` +
        `(without ACTIONS_RUNTIME_TOKEN each entry is read as a local folder, not an artifact name)`,
    );
  }
  return { dir, manifest: await verifyManifest(dir) };
}

/**
 * Downloads (or opens) and verifies each input stage, then reads its records with their schema:
 * `county-parcel`, `mls-listing`, or `enrichment` (an earlier run's output, used as a cache).
 */
export async function loadStageInputs(
  names: readonly string[],
  tempDir: string,
  logger: Logger,
): Promise<StageInputs> {
  const inputs: StageInputs = { parcels: [], listings: [], enrichments: [], carried: [] };
  // On a runner names may hold `*` (`county-parcels-*`: whatever shards finished).
  const client = runnerArtifactClient();
  const wanted = client
    ? await stageArtifactNames(client, names, 'input-artifacts', logger)
    : names;
  for (const name of wanted) {
    const { dir, manifest } = await openStage(client, name, tempDir, logger);
    const type = manifest.recordType;
    if (type === 'county-parcel') {
      for await (const parcel of readStageRecords(dir, manifest, type, countyParcelSchema))
        inputs.parcels.push(parcel);
    } else if (type === 'mls-listing') {
      for await (const listing of readStageRecords(dir, manifest, type, mlsListingSchema))
        inputs.listings.push(listing);
    } else if (type === 'enrichment') {
      for await (const record of readStageRecords(dir, manifest, type, enrichmentSchema))
        inputs.enrichments.push(record);
      // The manifest lists (and verified) the carried file when the run carried anything.
      if (manifest.files.some((file) => file.path === CARRIED_FILE)) {
        const parsed = carriedFileSchema.safeParse(
          JSON.parse(await readFile(join(dir, CARRIED_FILE), 'utf8')),
        );
        if (!parsed.success) {
          throw new IntegrityError(`${name}: ${CARRIED_FILE} does not list carried properties`);
        }
        inputs.carried.push(...parsed.data);
      }
    } else {
      throw new ConfigurationError(
        `input 'input-artifacts': '${name}' holds ${type} records; expected county-parcel, mls-listing or enrichment`,
      );
    }
    logger.info(`${name}: ${manifest.recordCount} ${type} records`);
  }
  return inputs;
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, IntegrityError } from '../../../shared/errors.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { readStages, type StageFolder } from '../../../shared/io/stage-reader.js';
import type { Logger } from '../../../shared/logger.js';
import { countyParcelSchema } from '../../../shared/model/county-parcel.js';
import { enrichmentSchema, type Enrichment } from '../../../shared/model/enrichment.js';
import { mlsListingSchema, type MlsListing } from '../../../shared/model/mls-listing.js';
import { CARRIED_FILE, carriedFileSchema, type CarriedSubject } from './carried.js';
import { parcelFacts, type ParcelFacts } from './subjects.js';

/** The records of every input artifact, by type. */
export interface StageInputs {
  /** The facts of the parcels some listing joins by APN or address key: never whole parcels. */
  parcels: ParcelFacts[];
  listings: MlsListing[];
  /** Earlier enrichment records: the artifact-chain cache. */
  enrichments: Enrichment[];
  /** What earlier enrichment artifacts carried to the next night. */
  carried: CarriedSubject[];
}

/** Adds what an earlier enrichment artifact carried to the next night, when it carried anything. */
async function readCarried(stage: StageFolder, inputs: StageInputs): Promise<void> {
  // The manifest lists (and verified) the carried file when the run carried anything.
  if (!stage.manifest.files.some((file) => file.path === CARRIED_FILE)) return;
  const parsed = carriedFileSchema.safeParse(
    JSON.parse(await readFile(join(stage.dir, CARRIED_FILE), 'utf8')),
  );
  if (!parsed.success) {
    throw new IntegrityError(`${stage.name}: ${CARRIED_FILE} does not list carried properties`);
  }
  inputs.carried.push(...parsed.data);
}

/** APNs and address keys the listings may join a parcel by: keys, not records. */
function joinKeys(listings: readonly MlsListing[]): { apns: Set<string>; addresses: Set<string> } {
  const apns = new Set<string>();
  const addresses = new Set<string>();
  for (const listing of listings) {
    if (listing.apn) apns.add(listing.apn);
    if (listing.address.key) addresses.add(listing.address.key);
  }
  return { apns, addresses };
}

/**
 * Downloads (or opens) and verifies each input stage, then reads its records with their schema:
 * `county-parcel`, `mls-listing`, or `enrichment` (an earlier run's output, used as a cache).
 * Listings are read first; parcels then stream past, and only the facts of those a listing joins
 * (by APN or address key) are kept, so memory follows the listings, not the county's size.
 * On a runner (`ACTIONS_RUNTIME_TOKEN` set) names are artifacts and may hold `*`
 * (`county-parcels-*`: whatever shards finished); without one, each is a local stage folder.
 */
export async function loadStageInputs(
  names: readonly string[],
  tempDir: string,
  logger: Logger,
): Promise<StageInputs> {
  const inputs: StageInputs = { parcels: [], listings: [], enrichments: [], carried: [] };
  const { stages } = await readStages(names, {
    client: runnerArtifactClient(),
    baseDir: process.cwd(),
    downloadDir: join(tempDir, 'enrich-llm-inputs'),
    logger,
    requiredBy: 'input-artifacts',
  });
  const parcelStages: StageFolder[] = [];
  for (const stage of stages) {
    const { name, manifest } = stage;
    const type = manifest.recordType;
    if (type === 'county-parcel') {
      parcelStages.push(stage);
      continue;
    }
    if (type === 'mls-listing') {
      for await (const listing of stage.records(type, mlsListingSchema))
        inputs.listings.push(listing);
    } else if (type === 'enrichment') {
      for await (const record of stage.records(type, enrichmentSchema))
        inputs.enrichments.push(record);
      await readCarried(stage, inputs);
    } else {
      throw new ConfigurationError(
        `input 'input-artifacts': '${name}' holds ${type} records; expected county-parcel, mls-listing or enrichment`,
      );
    }
    logger.info(`${name}: ${manifest.recordCount} ${type} records`);
  }
  const { apns, addresses } = joinKeys(inputs.listings);
  for (const stage of parcelStages) {
    let joined = 0;
    for await (const parcel of stage.records('county-parcel', countyParcelSchema)) {
      if (!apns.has(parcel.apn) && !(parcel.situs?.key && addresses.has(parcel.situs.key)))
        continue;
      inputs.parcels.push(parcelFacts(parcel));
      joined += 1;
    }
    logger.info(
      `${stage.name}: ${stage.manifest.recordCount} county-parcel records, ${joined} joined by a listing`,
    );
  }
  return inputs;
}

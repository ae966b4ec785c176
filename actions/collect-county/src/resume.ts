import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { ConfigurationError, IntegrityError } from '../../../shared/errors.js';
import { MANIFEST_FILE } from '../../../shared/io/manifest.js';
import { expectRecordType, readStages, type StageFolder } from '../../../shared/io/stage-reader.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { countyParcelSchema } from '../../../shared/model/county-parcel.js';
import type { Checkpoint } from './checkpoint.js';

/** Where a previous run's output is: artifacts of this workflow run, or local stage folders. */
export type ResumeSource =
  | { kind: 'artifact'; client: ArtifactClient; name: string; downloadDir: string }
  | { kind: 'folder'; dir: string; name: string };

/** The verified stage of `zip` from `source`, or null when the previous run left none for it. */
async function previousStage(
  source: ResumeSource,
  zip: string,
  logger: Logger,
): Promise<StageFolder | null> {
  const name = `${source.name}-${zip}`;
  const where =
    source.kind === 'artifact'
      ? { client: source.client, baseDir: source.downloadDir, downloadDir: source.downloadDir }
      : { client: null, baseDir: source.dir, downloadDir: source.dir };
  const { stages } = await readStages([name], { ...where, logger });
  return stages[0] ?? null;
}

/**
 * Copies the parcels of the previous run's `<name>-<zip>` output into the checkpoint, so only the
 * missing ones are fetched. Returns how many were new, or null when there was no output for `zip`.
 * The manifest is verified and every record validated before it is trusted.
 */
export async function importPreviousRun(
  source: ResumeSource,
  zip: string,
  checkpoint: Checkpoint,
  logger: Logger,
): Promise<number | null> {
  const stage = await previousStage(source, zip, logger);
  if (stage === null) return null;
  const { manifest } = stage;
  const manifestPath = join(stage.dir, MANIFEST_FILE);
  expectRecordType(stage, 'county-parcel');
  if (manifest.shard !== zip) {
    throw new IntegrityError(`${manifestPath}: shard expected ${zip}, actual ${manifest.shard}`);
  }
  let added = 0;
  for await (const parcel of stage.records('county-parcel', countyParcelSchema))
    if (await checkpoint.append(parcel)) added += 1;
  logger.info(`${zip}: ${added} parcels kept from ${source.name}-${zip} (run ${manifest.runId})`);
  return added;
}

/**
 * Imports the previous run's output of every ZIP into its checkpoint; a ZIP without output is
 * collected from the start (with a warning when `resume-from` asked for it), and when `required`
 * (the input named it) no output for any ZIP is a ConfigurationError.
 */
export async function importPreviousRuns(
  source: ResumeSource,
  checkpoints: ReadonlyMap<string, Checkpoint>,
  logger: Logger,
  options: { required: boolean } = { required: true },
): Promise<void> {
  const found = await withGroup(logger, `resume from ${source.name}`, async () => {
    let shards = 0;
    for (const [zip, checkpoint] of checkpoints) {
      const added = await importPreviousRun(source, zip, checkpoint, logger);
      if (added === null && options.required)
        logger.warning(
          `resume-from: no output '${source.name}-${zip}'; collecting ${zip} from the start`,
        );
      else if (added === null)
        logger.info(`${zip}: no earlier attempt uploaded '${source.name}-${zip}'; from the start`);
      else shards += 1;
    }
    return shards;
  });
  if (found === 0 && options.required) {
    throw new ConfigurationError(
      `input 'resume-from': expected the artifact-name of a previous run, but no '${source.name}-<zip>' output exists for ${[...checkpoints.keys()].join(', ')}`,
    );
  }
}

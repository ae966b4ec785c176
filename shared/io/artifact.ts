import {
  ArtifactNotFoundError,
  DefaultArtifactClient,
  type ArtifactClient,
} from '@actions/artifact';
import { ENV, readEnv } from '../env.js';
import { join } from 'node:path';
import {
  IntegrityError,
  NonRetryableError,
  RetryableError,
  errorMessage,
  type PipelineError,
} from '../errors.js';
import type { Logger } from '../logger.js';
import type { Manifest } from '../model/manifest.js';
import { MANIFEST_FILE, verifyManifest } from './manifest.js';

/** Options for publishing a stage folder as an artifact. */
export interface UploadStageOptions {
  /** Days GitHub keeps the artifact; capped by the repository's setting. Default: the repository's. */
  retentionDays?: number;
  /** Zip level 0-9; 0 suits already-gzipped data. Default 6. */
  compressionLevel?: number;
}

/** A published stage artifact. */
export interface UploadedStage {
  /** Artifact id in the workflow run. */
  id: number;
  /** Size of the uploaded zip in bytes. */
  size: number;
  /** The manifest that travelled with the data. */
  manifest: Manifest;
}

/** A downloaded and verified stage artifact. */
export interface DownloadedStage {
  /** Artifact id in the workflow run. */
  id: number;
  /** Folder the files were extracted to. */
  dir: string;
  /** The verified manifest. */
  manifest: Manifest;
}

/**
 * The artifact client on a runner (`ACTIONS_RUNTIME_TOKEN` set), else null: outside a runner there
 * is no artifact service and stage folders stay on disk.
 */
export function runnerArtifactClient(): ArtifactClient | null {
  return readEnv(ENV.actionsRuntimeToken) ? new DefaultArtifactClient() : null;
}

/** Wraps an artifact client failure; the client already retried, so only network errors stay retryable. */
export function clientFailure(action: string, error: unknown): PipelineError {
  const message = `${action} failed: ${errorMessage(error)}`;
  return error instanceof Error && error.name === 'NetworkError'
    ? new RetryableError(message, { cause: error })
    : new NonRetryableError(message, { cause: error });
}

/**
 * Uploads a stage folder as artifact `name`: `manifest.json` and the files it lists, after
 * verifying them (only verified files travel; stray files in the folder stay behind).
 */
export async function uploadStage(
  client: ArtifactClient,
  name: string,
  dir: string,
  logger: Logger,
  options: UploadStageOptions = {},
): Promise<UploadedStage> {
  const manifest = await verifyManifest(dir);
  const files = [MANIFEST_FILE, ...manifest.files.map((file) => file.path)].map((path) =>
    join(dir, path),
  );
  logger.debug(`artifact '${name}': uploading ${files.join(', ')}`);
  await replaceEarlierArtifact(client, name, logger);
  let response;
  try {
    response = await client.uploadArtifact(name, files, dir, options);
  } catch (error) {
    throw clientFailure(`upload of artifact '${name}'`, error);
  }
  if (response.id === undefined) {
    throw new NonRetryableError(`upload of artifact '${name}' returned no artifact id`);
  }
  const size = response.size ?? 0;
  logger.info(
    `artifact '${name}': ${manifest.recordCount} records, ${size} bytes (id ${response.id})`,
  );
  return { id: response.id, size, manifest };
}

/**
 * "Re-run failed jobs" keeps the earlier attempt's artifacts in the run, and the service refuses a
 * second artifact of the same name (409): so a stage run again replaces what it uploaded before.
 * The client's delete looks the name up itself, so one call both finds and removes it.
 */
export async function replaceEarlierArtifact(
  client: ArtifactClient,
  name: string,
  logger: Logger,
): Promise<void> {
  let earlier;
  try {
    earlier = await client.deleteArtifact(name);
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) return;
    throw clientFailure(`replacing artifact '${name}' of an earlier attempt`, error);
  }
  logger.info(
    `artifact '${name}': replaces the one an earlier attempt uploaded (id ${earlier.id})`,
  );
}

/**
 * Finds artifact `name` in the current workflow run and downloads it into `destDir`, checking the
 * zip against the digest the service recorded (a mismatch throws IntegrityError). Returns its id.
 */
export async function downloadArtifactChecked(
  client: ArtifactClient,
  name: string,
  destDir: string,
): Promise<number> {
  let found;
  try {
    found = (await client.getArtifact(name)).artifact;
  } catch (error) {
    throw clientFailure(`lookup of artifact '${name}'`, error);
  }
  let digestMismatch: boolean | undefined;
  try {
    const options = { path: destDir, expectedHash: found.digest };
    ({ digestMismatch } = await client.downloadArtifact(found.id, options));
  } catch (error) {
    throw clientFailure(`download of artifact '${name}'`, error);
  }
  if (digestMismatch) {
    throw new IntegrityError(
      `artifact '${name}' (id ${found.id}): downloaded zip does not match digest ${found.digest}`,
    );
  }
  return found.id;
}

/**
 * Downloads stage artifact `name` of the current run into `destDir` (digest checked) and verifies
 * its manifest. A digest or manifest mismatch throws IntegrityError.
 */
export async function downloadStage(
  client: ArtifactClient,
  name: string,
  destDir: string,
  logger: Logger,
): Promise<DownloadedStage> {
  const id = await downloadArtifactChecked(client, name, destDir);
  const manifest = await verifyManifest(destDir);
  logger.info(
    `artifact '${name}': ${manifest.recordCount} ${manifest.recordType} records verified`,
  );
  return { id, dir: destDir, manifest };
}

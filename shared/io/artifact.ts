import type { ArtifactClient } from '@actions/artifact';
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
 * Finds artifact `name` in the current workflow run, downloads it into `destDir`, checks the
 * zip's digest and verifies the manifest. A digest or manifest mismatch throws IntegrityError.
 */
export async function downloadStage(
  client: ArtifactClient,
  name: string,
  destDir: string,
  logger: Logger,
): Promise<DownloadedStage> {
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
  const manifest = await verifyManifest(destDir);
  logger.info(
    `artifact '${name}': ${manifest.recordCount} ${manifest.recordType} records verified`,
  );
  return { id: found.id, dir: destDir, manifest };
}

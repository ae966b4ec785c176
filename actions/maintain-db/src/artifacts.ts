import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { NonRetryableError } from '../../../shared/errors.js';
import { clientFailure, downloadArtifactChecked } from '../../../shared/io/artifact.js';
import type { Logger } from '../../../shared/logger.js';
import { FOLDER_MANIFEST, verifyFolder } from '../../../shared/io/manifest.js';
import type { FolderManifest } from '../../../shared/model/folder-manifest.js';

/**
 * Uploads a backup or export folder as artifact `name`: its manifest and the files it lists,
 * verified first, kept `retentionDays`. The files are gzip or small already, so they are not
 * compressed again.
 */
export async function uploadFolder(
  client: ArtifactClient,
  name: string,
  dir: string,
  retentionDays: number,
  logger: Logger,
): Promise<{ id: number; size: number }> {
  const manifest = await verifyFolder(dir);
  const files = [FOLDER_MANIFEST, ...manifest.files.map((file) => file.path)];
  let response;
  try {
    response = await client.uploadArtifact(
      name,
      files.map((file) => join(dir, file)),
      dir,
      { compressionLevel: 0, retentionDays },
    );
  } catch (error) {
    throw clientFailure(`upload of artifact '${name}'`, error);
  }
  if (response.id === undefined) {
    throw new NonRetryableError(`upload of artifact '${name}' returned no artifact id`);
  }
  logger.info(
    `artifact '${name}': ${files.length} files, ${response.size ?? 0} bytes (id ${response.id})`,
  );
  return { id: response.id, size: response.size ?? 0 };
}

/** Downloads artifact `name` of this run into `dir`, checks the zip's digest and the manifest. */
export async function downloadFolder(
  client: ArtifactClient,
  name: string,
  dir: string,
  logger: Logger,
): Promise<FolderManifest> {
  await downloadArtifactChecked(client, name, dir);
  const manifest = await verifyFolder(dir);
  logger.info(`artifact '${name}': ${manifest.files.length} files verified`);
  return manifest;
}

import type { ArtifactClient } from '@actions/artifact';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { RunContext } from '../../../shared/run-context.js';
import { downloadFolder } from './artifacts.js';
import { FOLDER_MANIFEST } from '../../../shared/io/manifest.js';
import { isPlainArtifactName } from '../../../shared/io/artifact-name.js';

/**
 * The folder holding the backup that `restore-from` names: a folder (relative to the workspace)
 * with a `backup-manifest.json`, else an artifact of this run, downloaded under `outputDir`.
 */
export async function locateBackup(
  restoreFrom: string,
  where: { client: ArtifactClient | null; context: RunContext; outputDir: string },
  logger: Logger,
): Promise<string> {
  if (restoreFrom === '') {
    throw new ConfigurationError(
      "input 'restore-from' is required with the restore task: the backup artifact's name or a folder holding it",
    );
  }
  const folder = resolve(where.context.workspace, restoreFrom);
  const isFolder = await access(join(folder, FOLDER_MANIFEST)).then(
    () => true,
    () => false,
  );
  if (isFolder) {
    logger.info(`restoring from folder ${folder}`);
    return folder;
  }
  if (where.client === null || !isPlainArtifactName(restoreFrom)) {
    throw new ConfigurationError(
      `input 'restore-from': expected a backup artifact of this run or a folder with ${FOLDER_MANIFEST}, got '${restoreFrom}' (no such folder${where.client === null ? ', and no artifact service outside a runner' : ''})`,
    );
  }
  const dir = join(where.outputDir, 'restore', restoreFrom);
  await downloadFolder(where.client, restoreFrom, dir, logger);
  return dir;
}

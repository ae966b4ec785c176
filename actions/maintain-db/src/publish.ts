import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import type { ExportFormat } from '../../../shared/export/export-properties.js';
import type { Logger } from '../../../shared/logger.js';
import { verifyFolder } from '../../../shared/io/manifest.js';
import { uploadFolder } from './artifacts.js';
import { writeBackup } from './backup.js';
import { exportTask } from './export-task.js';
import { sealFolder } from './sealed-folder.js';

/** A backup or export written, and uploaded when a runner was there. */
export interface Published {
  /** Artifact name, or null when only written to `dir` (no runner, or a dry run). */
  artifact: string | null;
  dir: string;
  /** Documents (backup) or properties (export) written. */
  count: number;
}

/** A published backup with its documents per collection. */
export type PublishedBackup = Published & {
  collections: Array<{ collection: string; documents: number }>;
};

/** Where backup and export go: a folder per artifact under `outputDir`, uploaded by `uploader`. */
export interface PublishTarget {
  outputDir: string;
  /** Null when the folders are only written (no runner, or a dry run). */
  uploader: ArtifactClient | null;
  runId: string;
  now: Date;
  /** Encrypts the data files (see `sealFolder`); '' leaves them in the clear. */
  passphrase: string;
  /** Days GitHub keeps the artifact. */
  retentionDays: number;
}

/** Encrypts the folder's data files when there is a passphrase, then uploads it as `name`. */
async function finish(
  name: string,
  dir: string,
  target: PublishTarget,
  logger: Logger,
): Promise<void> {
  if (target.passphrase !== '') {
    await sealFolder(dir, await verifyFolder(dir), target.passphrase);
    logger.info(`${name}: data files encrypted with 'backup-passphrase'`);
  }
  if (target.uploader) {
    await uploadFolder(target.uploader, name, dir, target.retentionDays, logger);
  }
}

/**
 * Writes the backup folder `<name>` (see `writeBackup`) and uploads it as artifact `<name>`.
 * `runStats` gives the run-stats record for the documents written.
 */
export async function publishBackup(
  db: Db,
  name: string,
  target: PublishTarget,
  runStats: (documents: number) => unknown,
  logger: Logger,
): Promise<PublishedBackup> {
  const where = { dir: join(target.outputDir, name), runId: target.runId, now: target.now };
  const guide = { encrypted: target.passphrase !== '', retentionDays: target.retentionDays };
  const backup = await writeBackup(
    db,
    { ...where, ...guide, artifactName: name },
    runStats,
    logger,
  );
  await finish(name, backup.dir, target, logger);
  const collections = backup.manifest.files.flatMap((file) =>
    file.collection === null ? [] : [{ collection: file.collection, documents: file.records }],
  );
  const artifact = target.uploader ? name : null;
  return { artifact, dir: backup.dir, count: backup.documents, collections };
}

/** Exports the properties of `zips` (all when null) into folder `<name>` and uploads it. */
export async function publishExport(
  db: Db,
  name: string,
  request: { formats: ExportFormat[]; zips: readonly string[] | null },
  target: PublishTarget,
  logger: Logger,
): Promise<Published> {
  const dir = join(target.outputDir, name);
  const exported = await exportTask(
    db,
    { ...request, dir, runId: target.runId, now: target.now },
    logger,
  );
  await finish(name, exported.dir, target, logger);
  return { artifact: target.uploader ? name : null, dir, count: exported.properties };
}

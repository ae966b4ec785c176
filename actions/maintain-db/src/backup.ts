import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BSON, type Db, type Document } from 'mongodb';
import { openNdjsonWriter } from '../../../shared/io/ndjson-writer.js';
import type { Logger } from '../../../shared/logger.js';
import { describeFile, writeFolderManifest } from '../../../shared/io/manifest.js';
import type { FolderFile, FolderManifest } from '../../../shared/model/folder-manifest.js';
import { INDEX_FILE, listIndexSpecs, writeIndexSpecs, type IndexSpec } from './index-specs.js';
import { restoreGuide } from './restore-guide.js';

const { EJSON } = BSON;

/** What a backup wrote. */
export interface BackupResult {
  dir: string;
  manifest: FolderManifest;
  /** Documents written, all collections together. */
  documents: number;
}

/** The file of a collection inside a backup. */
export function backupFileName(collection: string): string {
  return `${collection}.ndjson.gz`;
}

/** Every collection of the database but the server's own, sorted. */
export async function collectionNames(db: Db): Promise<string[]> {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  return listed
    .map((collection) => collection.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
}

/**
 * Writes every collection of `db` into `dir` (emptied first) as gzip NDJSON in canonical
 * Extended JSON, one document per line in `_id` order, so that dates, ObjectIds and number types
 * survive; then `indexes.json`, `RESTORE.md`, the run-stats record `runStats` gives for the documents written, and `backup-manifest.json` with each
 * file's count and sha256, and `indexes.json` with every collection's indexes.
 */
export async function writeBackup(
  db: Db,
  target: {
    dir: string;
    runId: string;
    artifactName: string;
    now: Date;
    /** Whether the data files will be encrypted (the guide says how to open them). */
    encrypted: boolean;
    retentionDays: number;
  },
  runStats: (documents: number) => unknown,
  logger: Logger,
): Promise<BackupResult> {
  await rm(target.dir, { recursive: true, force: true });
  await mkdir(target.dir, { recursive: true });
  const files: FolderFile[] = [];
  const indexes: IndexSpec[] = [];
  let documents = 0;
  for (const collection of await collectionNames(db)) {
    indexes.push(...(await listIndexSpecs(db, collection)));
    const path = backupFileName(collection);
    const writer = await openNdjsonWriter(join(target.dir, path));
    // Unpromoted values keep Int32, Int64 and Double apart in the canonical form.
    const cursor = db
      .collection<Document>(collection)
      .find({}, { promoteValues: false, batchSize: 1000 })
      .sort({ _id: 1 });
    for await (const document of cursor) {
      await writer.write(EJSON.serialize(document, { relaxed: false }));
    }
    const written = await writer.close();
    files.push({ path, collection, ...written });
    documents += written.records;
    logger.info(`${collection}: ${written.records} documents backed up (${written.bytes} bytes)`);
  }
  await writeIndexSpecs(target.dir, indexes);
  files.push({ ...(await describeFile(target.dir, INDEX_FILE)), collection: null });
  const guide = restoreGuide({
    database: db.databaseName,
    artifactName: target.artifactName,
    files,
    encrypted: target.encrypted,
    retentionDays: target.retentionDays,
  });
  await writeFile(join(target.dir, 'RESTORE.md'), guide);
  files.push({ ...(await describeFile(target.dir, 'RESTORE.md')), collection: null });
  const statsWriter = await openNdjsonWriter(join(target.dir, 'run-stats.ndjson'));
  await statsWriter.write(runStats(documents));
  files.push({ path: 'run-stats.ndjson', collection: null, ...(await statsWriter.close()) });
  const manifest: FolderManifest = {
    kind: 'db-backup',
    formatVersion: 1,
    database: db.databaseName,
    runId: target.runId,
    createdAt: target.now.toISOString(),
    files,
  };
  await writeFolderManifest(target.dir, manifest);
  return { dir: target.dir, manifest, documents };
}

import { join } from 'node:path';
import { BSON, type Db, type Document } from 'mongodb';
import { IntegrityError, errorMessage } from '../../../shared/errors.js';
import { readNdjson } from '../../../shared/io/ndjson-reader.js';
import type { Logger } from '../../../shared/logger.js';
import { verifyFolder } from '../../../shared/io/manifest.js';
import type { FolderFile } from '../../../shared/model/folder-manifest.js';
import { INDEX_FILE, readIndexSpecs, restoreIndexSpecs } from './index-specs.js';
import { createCollection, writeChunk } from './restore-writes.js';
import { openFolder } from './sealed-folder.js';

const { EJSON } = BSON;

/** What a restore wrote (or, in a dry run, would write) into one collection. */
export interface RestoreCount {
  collection: string;
  documents: number;
  /** Documents whose `_id` was not in the database. */
  inserted: number;
  /** Documents whose `_id` was there with other content: replaced by the backed-up version. */
  replaced: number;
  /** Documents already there exactly as backed up. */
  unchanged: number;
}

// FerretDB hangs on bulk writes with many updates matching existing documents: keep chunks small.
const CHUNK = 50;

async function* documents(dir: string, file: FolderFile): AsyncGenerator<Document> {
  const path = join(dir, file.path);
  let line = 0;
  for await (const value of readNdjson(path)) {
    line += 1;
    let document: Document;
    try {
      document = EJSON.deserialize(value as Document, { relaxed: false }) as Document;
    } catch (error) {
      throw new IntegrityError(
        `${path} document ${line}: not Extended JSON (${errorMessage(error)})`,
      );
    }
    if (document === null || typeof document !== 'object' || !('_id' in document)) {
      throw new IntegrityError(`${path} document ${line}: expected a document with an _id`);
    }
    yield document;
  }
}

/**
 * Restores a backup folder into `db`: verifies every file's sha256, opens encrypted files with the
 * passphrase (a wrong one fails here), and reads every document
 * before writing anything, then upserts each document by `_id` in chunks of 50 and recreates the
 * backed-up indexes (and empty collections). Never deletes;
 * a second restore of the same backup leaves the database as the first did.
 */
export async function restoreBackup(
  db: Db,
  dir: string,
  options: { dryRun: boolean; passphrase: string },
  logger: Logger,
): Promise<RestoreCount[]> {
  const { dryRun } = options;
  // Sealed files are all opened, and so authenticated, before anything is written.
  const manifest = await openFolder(
    dir,
    await verifyFolder(dir),
    options.passphrase,
    'backup-passphrase',
  );
  if (manifest.kind !== 'db-backup') {
    throw new IntegrityError(`${dir}: a ${manifest.kind} folder, expected a db-backup`);
  }
  const files = manifest.files.filter(
    (file): file is FolderFile & { collection: string } => file.collection !== null,
  );
  const indexes = manifest.files.some((file) => file.path === INDEX_FILE)
    ? await readIndexSpecs(dir)
    : [];
  let read = 0;
  // Every document is read once before the first write: a bad line fails with nothing written.
  for (const file of files) {
    for await (const document of documents(dir, file)) {
      void document;
      read += 1;
    }
  }
  logger.info(
    `backup of ${manifest.database} (run ${manifest.runId}) verified: ${read} documents in ${files.length} collections`,
  );
  const counts: RestoreCount[] = [];
  for (const file of files) {
    const count = {
      collection: file.collection,
      documents: 0,
      inserted: 0,
      replaced: 0,
      unchanged: 0,
    };
    let chunk: Document[] = [];
    const flush = async () => {
      const written = await writeChunk(db, file.collection, chunk, dryRun);
      count.inserted += written.inserted;
      count.replaced += written.replaced;
      count.unchanged += written.unchanged;
      count.documents += chunk.length;
      chunk = [];
    };
    for await (const document of documents(dir, file)) {
      chunk.push(document);
      if (chunk.length === CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    logger.info(
      `${file.collection}: ${count.documents} documents, ${count.inserted} ${dryRun ? 'to insert' : 'inserted'}, ${count.replaced} ${dryRun ? 'to replace' : 'replaced'}, ${count.unchanged} unchanged`,
    );
    // An empty collection gets no document; create it so that the restore gives it back too.
    if (count.documents === 0 && !dryRun) await createCollection(db, file.collection);
    counts.push(count);
  }
  if (!dryRun) await restoreIndexSpecs(db, indexes, logger);
  return counts;
}

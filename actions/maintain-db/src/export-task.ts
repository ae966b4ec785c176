import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../../../shared/db/collections.js';
import { exportProperties, type ExportFormat } from '../../../shared/export/export-properties.js';
import type { Logger } from '../../../shared/logger.js';
import { describeFile, writeFolderManifest } from '../../../shared/io/manifest.js';
import type { FolderFile } from '../../../shared/model/folder-manifest.js';

/** What the property export wrote. */
export interface ExportTaskResult {
  dir: string;
  /** Properties exported (per format; the same properties in each). */
  properties: number;
  files: string[];
}

/**
 * Exports the properties of `zips` (every ZIP when null) into `dir` (emptied first) as
 * `properties.csv` and/or `properties.ndjson.gz`, each with its JSON Schema, plus
 * `backup-manifest.json` with each file's sha256.
 */
export async function exportTask(
  db: Db,
  options: {
    dir: string;
    formats: readonly ExportFormat[];
    zips: readonly string[] | null;
    runId: string;
    now: Date;
  },
  logger: Logger,
): Promise<ExportTaskResult> {
  await rm(options.dir, { recursive: true, force: true });
  await mkdir(options.dir, { recursive: true });
  const files: FolderFile[] = [];
  let properties = 0;
  for (const format of options.formats) {
    const out = join(options.dir, format === 'csv' ? 'properties.csv' : 'properties.ndjson.gz');
    const query = { zips: options.zips, since: null, until: null, format, out };
    const result = await exportProperties(db, query);
    properties = result.count;
    const data = await describeFile(options.dir, basename(result.file));
    files.push({ ...data, collection: COLLECTIONS.properties });
    files.push({
      ...(await describeFile(options.dir, basename(result.schemaFile))),
      collection: null,
    });
    logger.info(`${result.count} properties exported as ${format}`);
  }
  await writeFolderManifest(options.dir, {
    kind: 'property-export',
    formatVersion: 1,
    database: db.databaseName,
    runId: options.runId,
    createdAt: options.now.toISOString(),
    files,
  });
  return { dir: options.dir, properties, files: files.map((file) => file.path) };
}

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db, Document, IndexSpecification } from 'mongodb';
import { IntegrityError, errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';

/** File of a backup listing the collections' indexes. */
export const INDEX_FILE = 'indexes.json';

/** One index of a backed-up collection, as `listIndexes` gave it. */
export const indexSpecSchema = z.object({
  collection: z.string().min(1),
  name: z.string().min(1),
  key: z.record(z.string(), z.union([z.number(), z.string()])),
  unique: z.boolean().optional(),
  sparse: z.boolean().optional(),
});
export type IndexSpec = z.output<typeof indexSpecSchema>;

/** The indexes of `collection` but `_id_`, which every collection has. */
export async function listIndexSpecs(db: Db, collection: string): Promise<IndexSpec[]> {
  const listed = (await db.collection(collection).listIndexes().toArray()) as Document[];
  return listed
    .filter((index) => index.name !== '_id_')
    .map((index) => ({
      collection,
      name: String(index.name),
      key: index.key as IndexSpec['key'],
      ...(index.unique === true ? { unique: true } : {}),
      ...(index.sparse === true ? { sparse: true } : {}),
    }));
}

/** Writes `indexes.json` into a backup folder. */
export async function writeIndexSpecs(dir: string, specs: readonly IndexSpec[]): Promise<void> {
  await writeFile(join(dir, INDEX_FILE), `${JSON.stringify(specs, null, 2)}\n`);
}

/** Reads `indexes.json` of a verified backup folder. */
export async function readIndexSpecs(dir: string): Promise<IndexSpec[]> {
  const path = join(dir, INDEX_FILE);
  try {
    return z.array(indexSpecSchema).parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new IntegrityError(`${path}: not a list of indexes (${errorMessage(error)})`);
  }
}

/**
 * Creates the backed-up indexes, one `createIndex` per index (FerretDB v1 drops the connection
 * when one command names several existing ones); an index already there is left as it is.
 */
export async function restoreIndexSpecs(
  db: Db,
  specs: readonly IndexSpec[],
  logger: Logger,
): Promise<void> {
  for (const spec of specs) {
    // An undefined option would go out as null, which the server rejects.
    const options = {
      name: spec.name,
      ...(spec.unique ? { unique: true } : {}),
      ...(spec.sparse ? { sparse: true } : {}),
    };
    await db.collection(spec.collection).createIndex(spec.key as IndexSpecification, options);
  }
  logger.info(`${specs.length} indexes restored`);
}

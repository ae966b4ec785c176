import type { Db } from 'mongodb';
import type { Logger } from '../logger.js';
import {
  COLLECTION_NAMES,
  DATABASE_SCHEMA,
  type CollectionName,
  type IndexDeclaration,
} from './schema.js';

export type { IndexDeclaration } from './schema.js';

/** Every declared index of the pipeline's collections, from `DATABASE_SCHEMA`. */
export const INDEXES: readonly IndexDeclaration[] = Object.values(DATABASE_SCHEMA).flatMap(
  (collection) => collection.indexes.map((index) => ({ collection: collection.name, ...index })),
);

/** What reconciling found and did. */
export interface IndexReport {
  /** Declared indexes created because they were missing (would be, in a dry run), as `collection.name`. */
  created: string[];
  /** Indexes on the collections that nothing declares, as `collection.name` (kept). */
  extra: string[];
  /** Declared indexes already there. */
  present: number;
}

/** How `reconcileIndexes` runs. */
export interface ReconcileOptions {
  /** Only count what is missing; create nothing. */
  dryRun?: boolean;
  /** Collections to look at (an action names those it writes); default: every declared one. */
  collections?: readonly CollectionName[];
  /** Where to say what was created and what is not declared; default: nowhere. */
  logger?: Logger;
}

async function indexNames(db: Db, collection: CollectionName): Promise<Set<string>> {
  // A collection that does not exist yet has no indexes (listIndexes fails on it).
  const listed: Array<{ name?: unknown }> = await db
    .collection(collection)
    .listIndexes()
    .toArray()
    .catch(() => []);
  return new Set(listed.map((entry) => String(entry.name)));
}

/**
 * The one index reconciler: compares the live indexes of the collections with the declared ones,
 * creates the missing ones and reports indexes nothing declares without dropping them (an
 * operator may have added them on purpose). Safe on every start and from concurrent jobs. One
 * `createIndex` call per index: FerretDB v1 drops the connection when one `createIndexes`
 * command names several indexes that already exist.
 */
export async function reconcileIndexes(
  db: Db,
  options: ReconcileOptions = {},
): Promise<IndexReport> {
  const { dryRun = false, collections = COLLECTION_NAMES, logger } = options;
  const report: IndexReport = { created: [], extra: [], present: 0 };
  for (const collection of collections) {
    const live = await indexNames(db, collection);
    const declared = INDEXES.filter((index) => index.collection === collection);
    for (const index of declared) {
      if (live.has(index.name)) {
        report.present += 1;
        continue;
      }
      // An undefined option would go out as null, which the server rejects.
      const indexOptions = { name: index.name, ...(index.unique ? { unique: true } : {}) };
      if (!dryRun) await db.collection(collection).createIndex(index.key, indexOptions);
      report.created.push(`${collection}.${index.name}`);
      logger?.info(
        `${dryRun ? 'would create' : 'created'} index ${collection}.${index.name} (${index.serves})`,
      );
    }
    const names = new Set(declared.map((index) => index.name));
    for (const name of live) {
      if (name !== '_id_' && !names.has(name)) report.extra.push(`${collection}.${name}`);
    }
  }
  for (const name of report.extra) logger?.warning(`index ${name} is not declared (kept)`);
  logger?.info(
    `indexes: ${report.present} present, ${report.created.length} ${dryRun ? 'to create' : 'created'}, ${report.extra.length} not declared`,
  );
  return report;
}

/** Creates the missing declared indexes of `collections` (default: every declared collection). */
export async function ensureIndexes(
  db: Db,
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<IndexReport> {
  return reconcileIndexes(db, { collections });
}

/** Declared indexes of `collections` missing from the database, as `collection.name`; empty when all are there. */
export async function checkIndexes(
  db: Db,
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<string[]> {
  return (await reconcileIndexes(db, { dryRun: true, collections })).created;
}

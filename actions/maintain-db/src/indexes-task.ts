import type { Db } from 'mongodb';
import { COLLECTIONS } from '../../../shared/db/collections.js';
import { INDEXES } from '../../../shared/db/indexes.js';
import type { Logger } from '../../../shared/logger.js';

/** What the index check found and did. */
export interface IndexReport {
  /** Declared indexes created because they were missing, as `collection.name`. */
  created: string[];
  /** Indexes on pipeline collections that nothing declares, as `collection.name` (kept). */
  extra: string[];
  /** Declared indexes already there. */
  present: number;
}

async function indexNames(db: Db, collection: string): Promise<Set<string>> {
  // A collection that does not exist yet has no indexes (listIndexes fails on it).
  const listed: Array<{ name?: unknown }> = await db
    .collection(collection)
    .listIndexes()
    .toArray()
    .catch(() => []);
  return new Set(listed.map((entry) => String(entry.name)));
}

/**
 * Compares the live indexes of the pipeline's collections with `INDEXES`: creates the missing
 * ones (one `createIndex` per index, as FerretDB v1 needs; none in a dry run) and reports indexes
 * nothing declares without dropping them, since an operator may have added them on purpose.
 */
export async function reconcileIndexes(
  db: Db,
  dryRun: boolean,
  logger: Logger,
): Promise<IndexReport> {
  const report: IndexReport = { created: [], extra: [], present: 0 };
  for (const collection of Object.values(COLLECTIONS)) {
    const live = await indexNames(db, collection);
    const declared = INDEXES.filter((index) => index.collection === collection);
    for (const index of declared) {
      if (live.has(index.name)) {
        report.present += 1;
        continue;
      }
      if (!dryRun) await db.collection(collection).createIndex(index.key, { name: index.name });
      report.created.push(`${collection}.${index.name}`);
      logger.info(
        `${dryRun ? 'would create' : 'created'} index ${collection}.${index.name} (${index.serves})`,
      );
    }
    const names = new Set(declared.map((index) => index.name));
    for (const name of live) {
      if (name !== '_id_' && !names.has(name)) report.extra.push(`${collection}.${name}`);
    }
  }
  for (const name of report.extra) logger.warning(`index ${name} is not declared (kept)`);
  logger.info(
    `indexes: ${report.present} present, ${report.created.length} created, ${report.extra.length} not declared`,
  );
  return report;
}

import type { Db, Filter } from 'mongodb';
import {
  DATABASE_SCHEMA,
  type CollectionName,
  type RetentionInput,
} from '../../../shared/db/schema.js';
import type { Logger } from '../../../shared/logger.js';

/** Collections that grow every night and how old their rows may get; current state is never here. */
export interface RetentionPolicy {
  collection: CollectionName;
  /** Field holding when the row was written: an ISO timestamp or a YYYY-MM-DD day. */
  field: string;
  /** Rows older than this many days are deleted; 0 keeps every row. */
  days: number;
  /** Whether `field` holds a day (YYYY-MM-DD) rather than a full timestamp. */
  day?: boolean | undefined;
}

/** What retention counted and deleted in one collection. */
export interface RetentionResult {
  collection: string;
  /** The cut-off: rows before it are old. */
  before: string;
  /** Old rows found before deleting. */
  old: number;
  /** Rows deleted (0 in a dry run). */
  deleted: number;
}

/**
 * The policies of every collection `DATABASE_SCHEMA` declares a retention for, with the days of
 * the input it names.
 */
export function retentionPolicies(
  days: Readonly<Record<RetentionInput, number>>,
): RetentionPolicy[] {
  return Object.values(DATABASE_SCHEMA).flatMap(({ name, retention }) =>
    retention === undefined
      ? []
      : [
          {
            collection: name,
            field: retention.field,
            days: days[retention.input],
            day: retention.day,
          },
        ],
  );
}

function cutoff(policy: RetentionPolicy, now: Date): string {
  const at = new Date(now.getTime() - policy.days * 86_400_000).toISOString();
  return policy.day ? at.slice(0, 10) : at;
}

/**
 * Deletes the rows older than each policy allows, in batches of `batchSize` ids (bounded: at
 * most the rows counted first, so rows written meanwhile cannot keep it looping). A dry run
 * only counts.
 */
export async function applyRetention(
  db: Db,
  policies: readonly RetentionPolicy[],
  options: { batchSize: number; dryRun: boolean; now: Date },
  logger: Logger,
): Promise<RetentionResult[]> {
  const results: RetentionResult[] = [];
  for (const policy of policies) {
    if (policy.days === 0) continue;
    const before = cutoff(policy, options.now);
    // `$lt` with a string matches only strings: a row without the field is never old.
    const filter: Filter<{ _id: unknown }> = { [policy.field]: { $lt: before } };
    const collection = db.collection<{ _id: unknown }>(policy.collection);
    const old = await collection.countDocuments(filter);
    let deleted = 0;
    const batches = Math.ceil(old / options.batchSize);
    for (let batch = 0; batch < batches && !options.dryRun; batch += 1) {
      const ids = await collection
        .find(filter, { projection: { _id: 1 } })
        .limit(options.batchSize)
        .map((row) => row._id)
        .toArray();
      if (ids.length === 0) break;
      deleted += (await collection.deleteMany({ ...filter, _id: { $in: ids } })).deletedCount;
    }
    logger.info(
      `${policy.collection}: ${old} rows with ${policy.field} before ${before}, ${options.dryRun ? 'none deleted (dry run)' : `${deleted} deleted`}`,
    );
    results.push({ collection: policy.collection, before, old, deleted });
  }
  return results;
}

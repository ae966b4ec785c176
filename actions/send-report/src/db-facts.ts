import type { Db } from 'mongodb';
import { errorMessage } from '../../../shared/errors.js';
import { COLLECTIONS, pipelineCollections } from '../../../shared/db/collections.js';
import { accuracyFromState, type MergedAccuracy } from '../../../shared/db/store-state.js';

export type { MergedAccuracy } from '../../../shared/db/store-state.js';

/** Database storage against the plan's limit (maintain-db's `storage-limit-mb`). */
export interface StorageUse {
  /** MiB used (dbStats storage, else data, plus indexes); null when the server did not say. */
  usedMb: number | null;
  limitMb: number;
  /** usedMb / limitMb; null when unknown. */
  share: number | null;
  /** Why usedMb is unknown. */
  problem: string | undefined;
}

/** What the report reads from the database besides the ledger and the market. */
export interface DatabaseFacts {
  storage: StorageUse;
  accuracy: MergedAccuracy;
  /** Dollars per run id from check-budget's `costs` ledger (empty when it keeps a file). */
  costByRun: Map<string, number>;
}

const MIB = 1024 * 1024;
const number = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

/** `dbStats` as maintain-db measures it: storage (else data) plus index size, against the limit. */
export async function readStorage(db: Db, limitMb: number): Promise<StorageUse> {
  try {
    const stats = await db.command({ dbStats: 1 });
    const data = number(stats.storageSize) || number(stats.dataSize);
    const usedMb = Math.round(((data + number(stats.indexSize)) / MIB) * 100) / 100;
    return { usedMb, limitMb, share: usedMb / limitMb, problem: undefined };
  } catch (error) {
    return {
      usedMb: null,
      limitMb,
      share: null,
      problem: `dbStats failed: ${errorMessage(error)}`,
    };
  }
}

/**
 * Counts the merged properties (county and listing) and those with a standing conflict: from
 * store-mongo's store-state when it covers every property (64 documents), else by reading every
 * merged property.
 */
export async function readAccuracy(db: Db): Promise<MergedAccuracy> {
  const collections = pipelineCollections(db);
  const kept = await accuracyFromState(collections.storeState);
  if (kept !== null) return kept;
  const cursor = collections.properties
    .find({ county: { $ne: null }, listing: { $ne: null } })
    .project<{ conflicts?: unknown[] }>({ conflicts: 1 });
  const accuracy = { merged: 0, withConflict: 0 };
  for await (const doc of cursor) {
    accuracy.merged += 1;
    if (Array.isArray(doc.conflicts) && doc.conflicts.length > 0) accuracy.withConflict += 1;
  }
  return accuracy;
}

/** The `costs` ledger's dollars of the given runs, summed per run. */
export async function readRunCosts(
  db: Db,
  runIds: readonly string[],
): Promise<Map<string, number>> {
  const costs = new Map<string, number>();
  if (runIds.length === 0) return costs;
  // check-budget's ledger collection, when it keeps the ledger in MongoDB.
  const cursor = db
    .collection<{ runId: string; cost: number }>(COLLECTIONS.costs)
    .find({ runId: { $in: [...runIds] } })
    .project<{ runId: string; cost: number }>({ runId: 1, cost: 1 });
  for await (const doc of cursor)
    costs.set(doc.runId, (costs.get(doc.runId) ?? 0) + number(doc.cost));
  return costs;
}

/** Storage, accuracy and the period's ledgered costs. */
export async function readDatabaseFacts(
  db: Db,
  options: {
    storageLimitMb: number;
    runIds: readonly string[];
  },
): Promise<DatabaseFacts> {
  return {
    storage: await readStorage(db, options.storageLimitMb),
    accuracy: await readAccuracy(db),
    costByRun: await readRunCosts(db, options.runIds),
  };
}

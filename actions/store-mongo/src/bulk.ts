import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { insertNew } from '../../../shared/db/insert-new.js';

export { DUPLICATE_KEY, insertNew } from '../../../shared/db/insert-new.js';

/** Updates per `bulkWrite`: FerretDB v1 hangs on 100 or more updates that match documents. */
export const UPDATE_CHUNK = 50;

/** One update: the fields to `$set` on the document with `_id`. */
export interface FieldUpdate {
  _id: string;
  set: Record<string, unknown>;
}

/** Applies `$set` updates by `_id`, at most UPDATE_CHUNK per `bulkWrite`; returns documents matched. */
export async function applyUpdates<T extends Document & { _id: string }>(
  collection: Collection<T>,
  updates: readonly FieldUpdate[],
): Promise<number> {
  let matched = 0;
  for (let start = 0; start < updates.length; start += UPDATE_CHUNK) {
    const operations = updates.slice(start, start + UPDATE_CHUNK).map(
      (update) =>
        ({
          updateOne: { filter: { _id: update._id }, update: { $set: update.set } },
        }) as AnyBulkWriteOperation<T>,
    );
    matched += (await collection.bulkWrite(operations, { ordered: false })).matchedCount;
  }
  return matched;
}

/** Inserts rows whose ids may already be stored (a rerun); those are skipped. Returns rows added. */
export async function insertIdempotent<T extends Document & { _id: string }>(
  collection: Collection<T>,
  rows: readonly T[],
): Promise<number> {
  const result = await insertNew(collection, rows);
  return result.inserted;
}

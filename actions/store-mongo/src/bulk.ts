import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type Document,
} from 'mongodb';

/** Updates per `bulkWrite`: FerretDB v1 hangs on 100 or more updates that match documents. */
export const UPDATE_CHUNK = 50;
/** Inserts per `bulkWrite`. */
export const INSERT_CHUNK = 1000;

export const DUPLICATE_KEY = 11000;

/** One update: the fields to `$set` on the document with `_id`. */
export interface FieldUpdate {
  _id: string;
  set: Record<string, unknown>;
}

function writeErrors(error: MongoBulkWriteError): Array<{ code: number; index: number }> {
  const errors = error.writeErrors;
  return (Array.isArray(errors) ? errors : [errors]) as Array<{ code: number; index: number }>;
}

/**
 * Inserts documents (unordered, in chunks). Documents another writer inserted first (duplicate
 * `_id`, a concurrent shard) are returned by id for the caller to merge again as updates; any
 * other failure is thrown.
 */
export async function insertNew<T extends Document & { _id: string }>(
  collection: Collection<T>,
  documents: readonly T[],
): Promise<{ inserted: number; duplicates: string[] }> {
  let inserted = 0;
  const duplicates: string[] = [];
  for (let start = 0; start < documents.length; start += INSERT_CHUNK) {
    const chunk = documents.slice(start, start + INSERT_CHUNK);
    const operations = chunk.map(
      (document) => ({ insertOne: { document } }) as AnyBulkWriteOperation<T>,
    );
    try {
      inserted += (await collection.bulkWrite(operations, { ordered: false })).insertedCount;
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const failures = writeErrors(error);
      if (failures.some((failure) => failure.code !== DUPLICATE_KEY)) throw error;
      inserted += error.result.insertedCount;
      for (const failure of failures) {
        const id = chunk[failure.index]?._id;
        if (id !== undefined) duplicates.push(id);
      }
    }
  }
  return { inserted, duplicates };
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

import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type Document,
} from 'mongodb';

/** Inserts per `bulkWrite`. */
export const INSERT_CHUNK = 1000;

/** The server's code for a write refused by a unique index (`_id`: a document kept already). */
export const DUPLICATE_KEY = 11000;

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

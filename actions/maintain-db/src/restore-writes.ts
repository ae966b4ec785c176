import { BSON, type AnyBulkWriteOperation, type Db, type Document } from 'mongodb';

const { EJSON } = BSON;

/** Creates collection `name` unless it exists. */
export async function createCollection(db: Db, name: string): Promise<void> {
  const exists = await db.listCollections({ name }, { nameOnly: true }).hasNext();
  if (!exists) await db.createCollection(name);
}

const canonical = (document: Document) => EJSON.stringify(document, { relaxed: false });

/** What writing `chunk` would do, found by comparing with the stored documents. */
async function compareChunk(db: Db, collection: string, chunk: Document[]) {
  const ids: unknown[] = chunk.map((document) => document._id as unknown);
  const stored = new Map<string, string>();
  const cursor = db
    .collection(collection)
    .find({ _id: { $in: ids } } as Document, { promoteValues: false });
  for await (const document of cursor) {
    stored.set(canonical({ _id: document._id as unknown }), canonical(document));
  }
  const counts = { inserted: 0, replaced: 0, unchanged: 0 };
  for (const document of chunk) {
    const existing = stored.get(canonical({ _id: document._id as unknown }));
    if (existing === undefined) counts.inserted += 1;
    else if (existing === canonical(document)) counts.unchanged += 1;
    else counts.replaced += 1;
  }
  return counts;
}

/**
 * Upserts `chunk` (at most 50 documents) by `_id`, replacing whole documents; counts inserted,
 * changed and unchanged ones. A dry run only compares with what is stored.
 */
export async function writeChunk(
  db: Db,
  collection: string,
  chunk: Document[],
  dryRun: boolean,
): Promise<{ inserted: number; replaced: number; unchanged: number }> {
  if (dryRun) return compareChunk(db, collection, chunk);
  const operations: AnyBulkWriteOperation[] = chunk.map((document) => ({
    replaceOne: { filter: { _id: document._id as Document }, replacement: document, upsert: true },
  }));
  const result = await db.collection(collection).bulkWrite(operations, { ordered: false });
  return {
    inserted: result.upsertedCount,
    replaced: result.modifiedCount,
    unchanged: result.matchedCount - result.modifiedCount,
  };
}

import type { Collection, Document, Filter } from 'mongodb';

/**
 * Share of a collection above which one scan replaces `$in` batches. FerretDB v1 evaluates `$in`
 * by scanning the whole collection for every query, so batches cost a scan each; MongoDB too
 * reads most of a collection faster in one scan than through the index.
 */
export const SCAN_SHARE = 0.25;

/**
 * The stored documents with the given ids, by id: read with `$in` in batches of `batchSize`, or,
 * when the ids are a large share of the `stored` documents the collection holds, in one scan.
 * `stored` comes from store-state (counting costs FerretDB a scan too); when store-state knows
 * none (a first store, or `store_state` dropped to force a re-merge) the collection is counted,
 * and nothing is read only when it holds none.
 */
export async function readByIds<T extends Document & { _id: string }>(
  collection: Collection<T>,
  ids: Iterable<string>,
  batchSize: number,
  stored: number,
): Promise<Map<string, T>> {
  const wanted = new Set(ids);
  const found = new Map<string, T>();
  if (wanted.size === 0) return found;
  const total = stored > 0 ? stored : await collection.estimatedDocumentCount();
  if (total === 0) return found;
  if (wanted.size >= total * SCAN_SHARE) {
    for await (const doc of collection.find({}))
      if (wanted.has(doc._id)) found.set(doc._id, doc as T);
    return found;
  }
  const list = [...wanted];
  for (let start = 0; start < list.length; start += batchSize) {
    const filter = { _id: { $in: list.slice(start, start + batchSize) } } as Filter<T>;
    for await (const doc of collection.find(filter)) found.set(doc._id, doc as T);
  }
  return found;
}

/**
 * Documents a collection held when the run began: store-state's count of them, else (a first
 * store, or `store_state` dropped to force a re-merge) the collection's estimate. 0 means that
 * nothing needs reading: every document is new, and one another writer inserted meanwhile is
 * found by its duplicate key.
 */
export async function storedCount<T extends Document>(
  collection: Collection<T> | undefined,
  known: number,
): Promise<number> {
  if (collection === undefined || known > 0) return known;
  return collection.estimatedDocumentCount();
}

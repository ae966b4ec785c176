import { createHash } from 'node:crypto';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { StoreStateDocument, StoreStateEntry } from '../../../shared/db/collections.js';
import { sanitizeKey } from '../../../shared/db/sanitize.js';
import { UPDATE_CHUNK } from './bulk.js';

/** What store-mongo keeps about one kind of document: entries by (sanitised) key. */
export type StoreState = Map<string, StoreStateEntry>;

/**
 * Digest of one input record without the county's `raw` payload (not stored in properties, so it
 * does not count). Records read from the same artifact have the same key order, so plain JSON
 * suffices (and is several times cheaper than sorting keys): equal records give equal digests,
 * and a differently ordered one only costs a merge that finds nothing to change.
 */
export function recordDigest(record: object): string {
  const rest: Record<string, unknown> = { ...record };
  delete rest.raw;
  // 12 hex characters, written out rather than sliced: a slice would keep the whole digest alive.
  return createHash('sha256').update(JSON.stringify(rest)).digest().toString('hex', 0, 6);
}

/**
 * Digest of what a run brings for one property or listing, from its parts (record digests with
 * their run and observation time, keys): stored in store-state and compared on the next run, so
 * an unchanged property is skipped without its records being read again.
 */
export function inputDigest(parts: ReadonlyArray<string | number | null | undefined>): string {
  return createHash('sha256')
    .update(parts.map((part) => String(part ?? '')).join('\n'))
    .digest()
    .toString('hex', 0, 12);
}

/**
 * Buckets per kind: a rerun reads 64 documents whatever the number of properties, and a store
 * writes at most 64 (FerretDB rewrites a whole document per update, so fewer, larger is cheaper).
 */
export const STATE_BUCKETS = 64;

function bucketId(kind: string, key: string): string {
  const hash = createHash('sha256').update(key).digest();
  return `${kind}:${String((hash[0] ?? 0) % STATE_BUCKETS).padStart(2, '0')}`;
}

/** The entry of `key` in `state`. */
export function stateEntry(state: StoreState, key: string): StoreStateEntry | undefined {
  return state.get(sanitizeKey(key));
}

/** Calls `visit` with every entry of `kind`, a bucket document at a time: nothing is kept. */
export async function forEachStateEntry(
  collection: Collection<StoreStateDocument>,
  kind: 'property' | 'listing',
  visit: (key: string, entry: StoreStateEntry) => void,
): Promise<void> {
  for await (const bucket of collection.find({ _id: { $regex: `^${kind}:` } })) {
    for (const [key, entry] of Object.entries(bucket.entries ?? {})) visit(key, entry);
  }
}

/** Every entry of `kind` (`property` or `listing`), from its bucket documents. */
export async function readState(
  collection: Collection<StoreStateDocument> | undefined,
  kind: 'property' | 'listing',
): Promise<StoreState> {
  const state: StoreState = new Map();
  if (collection !== undefined)
    await forEachStateEntry(collection, kind, (key, entry) => state.set(key, entry));
  return state;
}

/**
 * Saves entries after their documents were written: one upsert per bucket that `$set`s only the
 * entries' own fields, so that two shards saving into one bucket do not overwrite each other.
 */
export async function saveState(
  collection: Collection<StoreStateDocument>,
  kind: 'property' | 'listing',
  entries: ReadonlyMap<string, StoreStateEntry>,
  now: string,
): Promise<void> {
  const buckets = new Map<string, Record<string, unknown>>();
  for (const [key, entry] of entries) {
    const id = bucketId(kind, key);
    const set = buckets.get(id) ?? { updatedAt: now };
    set[`entries.${sanitizeKey(key)}`] = entry;
    buckets.set(id, set);
  }
  const operations = [...buckets].map(([_id, set]): AnyBulkWriteOperation<StoreStateDocument> => ({
    updateOne: { filter: { _id }, update: { $set: set }, upsert: true },
  }));
  for (let start = 0; start < operations.length; start += UPDATE_CHUNK) {
    const chunk = operations.slice(start, start + UPDATE_CHUNK);
    try {
      await collection.bulkWrite(chunk, { ordered: false });
    } catch (error) {
      // Two writers creating one bucket: the loser's upsert fails with 11000; as an update it succeeds.
      if (!(error instanceof MongoBulkWriteError) || error.code !== 11000) throw error;
      await collection.bulkWrite(chunk, { ordered: false });
    }
  }
}

import { createHash } from 'node:crypto';
import { MongoServerError, type Collection } from 'mongodb';
import type { StoreStateDocument, StoreStateEntry } from '../../../shared/db/collections.js';
import {
  bucketId,
  forEachStateEntry,
  PROPERTIES_COVERED,
  unpack,
  type PackedEntry,
} from '../../../shared/db/store-state.js';
import { sanitizeKey } from '../../../shared/db/sanitize.js';
import { RetryableError } from '../../../shared/errors.js';
import { DUPLICATE_KEY } from './bulk.js';

/** What store-mongo keeps about one kind of document: entries by (sanitised) key. */
export type StoreState = Map<string, StoreStateEntry>;

/**
 * The document that says store-state has an entry, with its `addr:` key, for every stored
 * unmatched listing: written by a store that began with no listings or scanned them all, kept
 * while each later store saves its listings' entries. Absent whenever `store_state` was dropped
 * (or written by a release before listings' entries kept the key).
 */
const LISTINGS_COVERED = 'listings-covered';

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

/** Attempts at writing one bucket while another writer keeps changing it. */
const SAVE_ATTEMPTS = 5;

/**
 * A bucket's entries as JSON text (key -> `[d, s, c, m]`). FerretDB decodes every field of a
 * nested document on each read and rewrites all of them on any update, however few change; text
 * is one value. Measured on 64 buckets of 312 entries: updating them as fields took 5.9 s, reading
 * 0.7 s; as text, 0.08 s each.
 */
function pack(entries: ReadonlyMap<string, StoreStateEntry>): string {
  const packed: Record<string, PackedEntry> = {};
  for (const [key, { d, s, c, m }] of entries)
    packed[key] = m === undefined ? [d, s, c] : [d, s, c, m];
  return JSON.stringify(packed);
}

/** The entry of `key` in `state`. */
export function stateEntry(state: StoreState, key: string): StoreStateEntry | undefined {
  return state.get(sanitizeKey(key));
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
 * Saves entries after their documents were written, a bucket at a time: the bucket is read, the
 * entries merged into it, and it is written back only if no other writer changed it meanwhile
 * (its `version`, or its creation), else read again, so that two writers saving into one bucket
 * keep each other's entries. MongoDB applies a filtered replace atomically; FerretDB 1.x does not
 * promise it under truly simultaneous writes, which the pipeline never makes (data-collection
 * runs one at a time, with one store job).
 */
export async function saveState(
  collection: Collection<StoreStateDocument>,
  kind: 'property' | 'listing',
  entries: ReadonlyMap<string, StoreStateEntry>,
  now: string,
): Promise<void> {
  const buckets = new Map<string, Map<string, StoreStateEntry>>();
  for (const [key, entry] of entries) {
    const id = bucketId(kind, key);
    const bucket = buckets.get(id) ?? new Map<string, StoreStateEntry>();
    bucket.set(sanitizeKey(key), entry);
    buckets.set(id, bucket);
  }
  // Read together (one query, not one per bucket); a bucket changed meanwhile is read again.
  const stored = new Map<string, StoreStateDocument>();
  for await (const bucket of collection.find({ _id: { $in: [...buckets.keys()] } }))
    stored.set(bucket._id, bucket);
  for (const [id, bucket] of buckets)
    await saveBucket(collection, id, bucket, stored.get(id) ?? null, now);
}

async function saveBucket(
  collection: Collection<StoreStateDocument>,
  _id: string,
  entries: ReadonlyMap<string, StoreStateEntry>,
  read: StoreStateDocument | null,
  now: string,
): Promise<void> {
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt += 1) {
    const stored = attempt === 1 ? read : await collection.findOne({ _id });
    const merged = new Map(stored ? unpack(stored) : []);
    for (const [key, entry] of entries) merged.set(key, entry);
    const next = { packed: pack(merged), version: (stored?.version ?? 0) + 1, updatedAt: now };
    if (stored === null) {
      try {
        await collection.insertOne({ _id, ...next });
        return;
      } catch (error) {
        // Another writer created the bucket first: read it and merge into it.
        if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
        continue;
      }
    }
    const version = stored.version === undefined ? { $exists: false } : stored.version;
    const { matchedCount } = await collection.replaceOne({ _id, version }, next);
    if (matchedCount === 1) return;
  }
  throw new RetryableError(`store_state document ${_id} kept changing under another writer`);
}

/** Whether store-state knows every stored unmatched listing (see LISTINGS_COVERED). */
export async function listingsCovered(
  collection: Collection<StoreStateDocument> | undefined,
): Promise<boolean> {
  return (await collection?.findOne({ _id: LISTINGS_COVERED })) != null;
}

/** Records that store-state knows every stored unmatched listing, once their entries are saved. */
export async function markListingsCovered(
  collection: Collection<StoreStateDocument>,
  now: string,
): Promise<void> {
  await collection.replaceOne({ _id: LISTINGS_COVERED }, { updatedAt: now }, { upsert: true });
}

/**
 * Withdraws that record before listings are written: a run that stops between its listing writes
 * and its save of their entries leaves the next run to scan.
 */
export async function withdrawListingsCovered(
  collection: Collection<StoreStateDocument>,
): Promise<void> {
  await collection.deleteOne({ _id: LISTINGS_COVERED });
}

/** Records that store-state covers every stored property (see PROPERTIES_COVERED), once saved. */
export async function markPropertiesCovered(
  collection: Collection<StoreStateDocument>,
  now: string,
): Promise<void> {
  await collection.replaceOne({ _id: PROPERTIES_COVERED }, { updatedAt: now }, { upsert: true });
}

/**
 * Withdraws that record before properties are written: a run that stops between its property
 * writes and its save of their entries leaves the next run to read them all.
 */
export async function withdrawPropertiesCovered(
  collection: Collection<StoreStateDocument>,
): Promise<void> {
  await collection.deleteOne({ _id: PROPERTIES_COVERED });
}

import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { StoreStateDocument, StoreStateEntry } from './collections.js';

/**
 * The read side of `store_state`, store-mongo's bookkeeping (written by store-mongo's
 * `store-state.ts`): entries packed as JSON text in 64 bucket documents per kind, and the
 * documents that say which stored documents the entries cover.
 */

/**
 * Buckets per kind: a rerun reads 64 documents whatever the number of properties, and a store
 * writes at most 64.
 */
export const STATE_BUCKETS = 64;

/**
 * The document that says every stored property has an entry whose `m` and `c` are those of its
 * document: written by a store that began with no properties or read them all, after its entries
 * are saved, and withdrawn before any property is written. Absent whenever `store_state` was
 * dropped (or written by a release before entries kept `m`, or a store stopped part way). Like
 * the buckets, it assumes one store at a time, as the pipeline runs it.
 */
export const PROPERTIES_COVERED = 'properties-covered';

/** The `_id` of bucket `n` of `kind`: `property:03`. */
function bucketName(kind: string, n: number): string {
  return `${kind}:${String(n).padStart(2, '0')}`;
}

/** The bucket `_id` a (sanitised) key of `kind` belongs to. */
export function bucketId(kind: string, key: string): string {
  const hash = createHash('sha256').update(key).digest();
  return bucketName(kind, (hash[0] ?? 0) % STATE_BUCKETS);
}

function bucketIds(kind: string): string[] {
  return [...Array(STATE_BUCKETS).keys()].map((n) => bucketName(kind, n));
}

/** An entry as packed in a bucket's text: `[d, s, c]`, and `m` once entries kept it. */
export type PackedEntry = [string, string | null, number] | [string, string | null, number, 0 | 1];

/** The entries of a bucket document, packed or (written before packing) as fields. */
export function unpack(bucket: StoreStateDocument): Array<[string, StoreStateEntry]> {
  if (bucket.packed === undefined) return Object.entries(bucket.entries ?? {});
  let packed: unknown;
  try {
    packed = JSON.parse(bucket.packed);
  } catch (error) {
    throw new Error(
      `store_state document ${bucket._id}: packed entries are not JSON (${String(error)}); delete the store_state documents to re-merge`,
      { cause: error },
    );
  }
  if (packed === null || typeof packed !== 'object' || Array.isArray(packed))
    throw new Error(
      `store_state document ${bucket._id}: packed entries are not an object of [digest, seen, conflicts, merged]`,
    );
  return Object.entries(packed as Record<string, PackedEntry>).map(([key, [d, s, c, m]]) => [
    key,
    m === undefined ? { d, s, c } : { d, s, c, m },
  ]);
}

/** Calls `visit` with every entry of `kind`, a bucket document at a time: nothing is kept. */
export async function forEachStateEntry(
  collection: Collection<StoreStateDocument>,
  kind: 'property' | 'listing',
  visit: (key: string, entry: StoreStateEntry) => void,
): Promise<void> {
  for await (const bucket of collection.find({ _id: { $in: bucketIds(kind) } }))
    for (const [key, entry] of unpack(bucket)) visit(key, entry);
}

/** Whether every stored property has an entry that says if it is merged (see PROPERTIES_COVERED). */
export async function propertiesCovered(
  collection: Collection<StoreStateDocument> | undefined,
): Promise<boolean> {
  return (await collection?.findOne({ _id: PROPERTIES_COVERED })) != null;
}

/** Properties that have both county and listing facts, and how many of them have a conflict. */
export interface MergedAccuracy {
  merged: number;
  withConflict: number;
}

/**
 * The merged properties and those with a standing conflict as store-state has them, read from its
 * 64 property buckets instead of every property; null when store-state does not cover every
 * stored property (see PROPERTIES_COVERED).
 */
export async function accuracyFromState(
  collection: Collection<StoreStateDocument>,
): Promise<MergedAccuracy | null> {
  if (!(await propertiesCovered(collection))) return null;
  const accuracy = { merged: 0, withConflict: 0 };
  await forEachStateEntry(collection, 'property', (_key, entry) => {
    if (entry.m !== 1) return;
    accuracy.merged += 1;
    if (entry.c > 0) accuracy.withConflict += 1;
  });
  return accuracy;
}

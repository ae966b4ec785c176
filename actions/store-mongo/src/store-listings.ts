import type { Db } from 'mongodb';
import {
  pipelineCollections,
  type ListingDocument,
  type StoreStateEntry,
} from '../../../shared/db/collections.js';
import { sanitizeKeys } from '../../../shared/db/sanitize.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { applyUpdates, insertNew, type FieldUpdate } from './bulk.js';
import type { Sourced } from './incoming.js';
import { omit } from './omit.js';
import { readByIds } from './read-stored.js';
import { saveState } from './store-state.js';
import type { WriteOptions } from './store-properties.js';
import { sameValue } from './stable-json.js';

const APN = /^\d{3}-\d{2}-\d{3}[A-Z]?$/;

function desiredListing(
  listing: Sourced<MlsListing>,
  propertyKey: string | null,
  existing: ListingDocument | undefined,
  now: string,
): ListingDocument {
  const history = existing?.statusHistory ?? [];
  if (existing && listing.observedAt < new Date(existing.scrapedAt).toISOString()) {
    return { ...existing, propertyKey };
  }
  // Merged into the stored history, never replacing it: a sighting already there adds nothing.
  const status = listing.record.status;
  const known =
    history.at(-1)?.status === status ||
    history.some((entry) => entry.status === status && entry.seenAt === listing.observedAt);
  const statusHistory = known
    ? history
    : [
        ...history,
        { status: listing.record.status, seenAt: listing.observedAt, runId: listing.runId },
      ];
  return sanitizeKeys({
    ...omit(listing.record, ['schemaVersion']),
    _id: listing.record.mlsNumber,
    propertyKey,
    statusHistory,
    lastRunId: listing.runId,
    updatedAt: existing?.updatedAt ?? now,
  });
}

/** New documents, changed fields of stored ones, and how many listings became linked to a parcel. */
function planWrites(
  batch: readonly ListingInput[],
  stored: ReadonlyMap<string, ListingDocument>,
  now: string,
): { inserts: ListingDocument[]; updates: FieldUpdate[]; linked: number } {
  const inserts: ListingDocument[] = [];
  const updates: FieldUpdate[] = [];
  let linked = 0;
  for (const { listing, propertyKey } of batch) {
    const existing = stored.get(listing.record.mlsNumber);
    const desired = desiredListing(listing, propertyKey, existing, now);
    if (propertyKey !== null && APN.test(propertyKey) && existing?.propertyKey !== propertyKey)
      linked += 1;
    if (existing === undefined) inserts.push(desired);
    else {
      const set: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(desired))
        if (!sameValue(value, (existing as Record<string, unknown>)[field])) set[field] = value;
      if (Object.keys(set).length > 0)
        updates.push({ _id: desired._id, set: { ...set, updatedAt: now } });
    }
  }
  return { inserts, updates, linked };
}

/** A listing to store: the record, the property it belongs to, and its input digest. */
export type ListingInput = {
  listing: Sourced<MlsListing>;
  propertyKey: string | null;
  digest: string;
};

/**
 * Stores one document per listing with its status history and its property link, a group at a
 * time as the second pass reads them, writing only what changed; `finish` saves their
 * store-state, then relinks stored listings keyed `addr:<key>` whose parcel is in this run.
 * `linked` counts the listings that became linked to a parcel in this run.
 */
export class ListingStore {
  linked = 0;
  readonly #collections: ReturnType<typeof pipelineCollections> | undefined;
  readonly #entries = new Map<string, StoreStateEntry>();

  /** `stored`: listings the collection held when the run began (see `storedCount`). */
  constructor(
    readonly db: Db | undefined,
    readonly options: WriteOptions,
    readonly stored: number,
  ) {
    this.#collections = db ? pipelineCollections(db) : undefined;
  }

  /** Merges and writes one group of listings. */
  async store(group: readonly ListingInput[]): Promise<void> {
    const collections = this.#collections;
    const { options } = this;
    const mlsNumber = (entry: ListingInput) => entry.listing.record.mlsNumber;
    const stored =
      collections && this.stored > 0
        ? await readByIds(collections.listings, group.map(mlsNumber), group.length, this.stored)
        : new Map<string, ListingDocument>();
    for (let start = 0; start < group.length; start += options.batchSize) {
      const batch = group.slice(start, start + options.batchSize);
      const planned = planWrites(batch, stored, options.now);
      this.linked += planned.linked;
      if (collections === undefined || options.dryRun) continue;
      const { duplicates } = await insertNew(collections.listings, planned.inserts);
      // Another writer stored these first: read them and merge as updates, keeping their history.
      const raced = batch.filter((entry) => duplicates.includes(mlsNumber(entry)));
      const known = await readByIds(
        collections.listings,
        raced.map(mlsNumber),
        options.batchSize,
        Number.MAX_SAFE_INTEGER,
      );
      const merged = planWrites(raced, known, options.now);
      // Counted as new links when planned as inserts; the merge says whether they really are.
      this.linked +=
        merged.linked - raced.filter(({ propertyKey }) => APN.test(propertyKey ?? '')).length;
      await applyUpdates(collections.listings, [...planned.updates, ...merged.updates]);
      for (const entry of batch)
        this.#entries.set(mlsNumber(entry), { d: entry.digest, s: null, c: 0 });
    }
  }

  /**
   * Saves the listings' store-state, then relinks stored unmatched listings whose parcel is in
   * this run (`situs`: situs address key -> APN). Returns the listings linked in this run.
   */
  async finish(situs: ReadonlyMap<string, string>): Promise<number> {
    const collections = this.#collections;
    if (collections && !this.options.dryRun && this.#entries.size > 0)
      await saveState(collections.storeState, 'listing', this.#entries, this.options.now);
    return this.linked + (await relinkListings(this.db, situs, this.options));
  }
}

async function relinkListings(
  db: Db | undefined,
  situs: ReadonlyMap<string, string>,
  options: WriteOptions,
): Promise<number> {
  if (db === undefined || situs.size === 0) return 0;
  const collection = pipelineCollections(db).listings;
  // One query for every unmatched listing: they are few, and `$in` over many keys is a scan each.
  const projection = { _id: 1, propertyKey: 1 };
  const unmatched = await collection
    .find({ propertyKey: { $regex: '^addr:' } }, { projection })
    .toArray();
  const updates = unmatched.flatMap((doc) => {
    const key = doc.propertyKey ?? '';
    const apn = key.startsWith('addr:') ? situs.get(key.slice('addr:'.length)) : undefined;
    return apn ? [{ _id: doc._id, set: { propertyKey: apn, updatedAt: options.now } }] : [];
  });
  if (!options.dryRun) await applyUpdates(collection, updates);
  return updates.length;
}

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
import {
  markListingsCovered,
  saveState,
  withdrawListingsCovered,
  type StoreState,
} from './store-state.js';
import type { WriteOptions } from './store-properties.js';
import { sameValue } from './stable-json.js';

const APN = /^\d{3}-\d{2}-\d{3}[A-Z]?$/;
const ADDR = 'addr:';

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
  #uncovered = false;

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
    await this.#uncover();
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
        this.#entries.set(mlsNumber(entry), {
          d: entry.digest,
          s: entry.propertyKey?.startsWith(ADDR) ? entry.propertyKey : null,
          c: 0,
        });
    }
  }

  /**
   * Relinks stored unmatched listings whose parcel is in this run (`situs`: situs address key ->
   * APN), then saves the listings' store-state. `known` are the unmatched listings as store-state
   * has them (see `unmatchedListings`); null when it does not cover them all: the listings are
   * scanned, and their entries saved so that it does. Returns the listings linked in this run.
   */
  async finish(
    situs: ReadonlyMap<string, string>,
    known: ReadonlyMap<string, StoreStateEntry> | null,
  ): Promise<number> {
    const collections = this.#collections;
    const relinked =
      known === null ? await this.#scanAndRelink(situs) : await this.#relink(situs, known);
    // Covered already and nothing written (a rerun that changed nothing): nothing to record.
    if (collections && !this.options.dryRun && (this.#uncovered || known === null)) {
      if (this.#entries.size > 0)
        await saveState(collections.storeState, 'listing', this.#entries, this.options.now);
      await markListingsCovered(collections.storeState, this.options.now);
    }
    return this.linked + relinked;
  }

  /** Before the first listing write: store-state covers the listings again only once saved. */
  async #uncover(): Promise<void> {
    if (this.#uncovered || this.#collections === undefined || this.options.dryRun) return;
    await withdrawListingsCovered(this.#collections.storeState);
    this.#uncovered = true;
  }

  /** Relinks the known unmatched listings this run did not store, each only if still unmatched. */
  async #relink(
    situs: ReadonlyMap<string, string>,
    known: ReadonlyMap<string, StoreStateEntry>,
  ): Promise<number> {
    let relinked = 0;
    for (const [mlsNumber, entry] of known) {
      const apn = entry.s === null ? undefined : situs.get(entry.s.slice(ADDR.length));
      if (apn === undefined || this.#entries.has(mlsNumber)) continue;
      if (this.#collections === undefined || this.options.dryRun) {
        relinked += 1;
        continue;
      }
      await this.#uncover();
      const { matchedCount } = await this.#collections.listings.updateOne(
        { _id: mlsNumber, propertyKey: entry.s },
        { $set: { propertyKey: apn, updatedAt: this.options.now } },
      );
      relinked += matchedCount;
      this.#entries.set(mlsNumber, { ...entry, s: null });
    }
    return relinked;
  }

  /**
   * Finds every stored unmatched listing by a scan (FerretDB evaluates the regex over every
   * document), relinks those whose parcel is in this run and gives the others an entry with
   * their key. An entry made here has no digest: if the listing comes again, it is merged again.
   */
  async #scanAndRelink(situs: ReadonlyMap<string, string>): Promise<number> {
    if (this.#collections === undefined) return 0;
    const projection = { _id: 1, propertyKey: 1 };
    const unmatched = await this.#collections.listings
      .find({ propertyKey: { $regex: '^addr:' } }, { projection })
      .toArray();
    const updates: FieldUpdate[] = [];
    for (const { _id, propertyKey } of unmatched) {
      if (this.#entries.has(_id) || propertyKey === null) continue;
      const apn = situs.get(propertyKey.slice(ADDR.length));
      if (apn) updates.push({ _id, set: { propertyKey: apn, updatedAt: this.options.now } });
      this.#entries.set(_id, { d: '', s: apn ? null : propertyKey, c: 0 });
    }
    if (!this.options.dryRun) await applyUpdates(this.#collections.listings, updates);
    return updates.length;
  }
}

/**
 * The unmatched listings store-state knows, whose parcel is in this run, by MLS number; null when
 * store-state does not cover every stored unmatched listing (`covered`, see `listingsCovered`).
 */
export function unmatchedListings(
  state: StoreState,
  situs: ReadonlyMap<string, string>,
  covered: boolean,
): Map<string, StoreStateEntry> | null {
  if (!covered) return null;
  const known = new Map<string, StoreStateEntry>();
  for (const [mlsNumber, entry] of state)
    if (entry.s?.startsWith(ADDR) && situs.has(entry.s.slice(ADDR.length)))
      known.set(mlsNumber, entry);
  return known;
}

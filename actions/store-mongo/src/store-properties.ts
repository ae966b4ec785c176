import type { Db } from 'mongodb';
import {
  pipelineCollections,
  type PropertyDocument,
  type StoreStateEntry,
} from '../../../shared/db/collections.js';
import { RetryableError } from '../../../shared/errors.js';
import type { PropertyInput } from './link.js';
import { readByIds } from './read-stored.js';
import {
  markPropertiesCovered,
  readState,
  saveState,
  stateEntry,
  withdrawPropertiesCovered,
} from './store-state.js';
import { storeBatch, type PropertyCounts, type WriteOptions } from './store-batch.js';

export type { PropertyCounts, WriteOptions } from './store-batch.js';

const MAX_ROUNDS = 3;
/**
 * Store-state entries kept before they are saved: a few saves per 100,000 properties (each
 * rewrites the bucket documents) instead of holding every entry to the end.
 */
export const STATE_FLUSH = 20_000;

/**
 * Merges and writes properties a group at a time, as the second pass completes them; properties
 * whose input digest matched store-state were counted unchanged without being read (see
 * `countUnchanged`). A group's stored documents are read in one go (see `readByIds`) and merged in
 * TypeScript a batch at a time: history rows first, then new documents inserted and changed fields
 * `$set`. A document another shard inserted meanwhile is read again and merged as an update.
 * Store-state entries are saved once STATE_FLUSH are waiting and by `finish`, always after their
 * documents were written: until then, a rerun merges them again (and finds nothing to change).
 * Store-state is said to cover every property (PROPERTIES_COVERED, which lets the report count
 * merged properties from it) only from `finish` to the next run's first property write; a run
 * that finds it not covered reads every property once at `finish` to make it so.
 */
export class PropertyStore {
  readonly counts: PropertyCounts;
  readonly #collections: ReturnType<typeof pipelineCollections> | undefined;
  readonly #entries = new Map<string, StoreStateEntry>();
  /** This run withdrew PROPERTIES_COVERED before its first write. */
  #uncovered = false;

  /**
   * `stored`: documents the collection held when the run began (see `storedCount`); `covered`:
   * whether store-state covered all of them then (see `propertiesCovered`).
   */
  constructor(
    readonly db: Db | undefined,
    readonly options: WriteOptions,
    readonly stored: number,
    readonly covered: boolean,
  ) {
    this.#collections = db ? pipelineCollections(db) : undefined;
    this.counts = {
      ...{ inserted: 0, updated: 0, unchanged: 0, absorbed: new Map<string, string>() },
      ...{ priceChanges: 0, historyRows: 0, conflicts: 0, problems: [] },
    };
  }

  /** Counts a property whose input digest matched its store-state entry: nothing to read or write. */
  countUnchanged(entry: StoreStateEntry): void {
    this.counts.unchanged += 1;
    this.counts.conflicts += entry.c;
  }

  async #read(batch: readonly PropertyInput[], known: number) {
    // Nothing stored when the run began: every property is new, and one another writer inserted
    // meanwhile is read in the next round.
    if (this.#collections === undefined || known === 0) return new Map<string, PropertyDocument>();
    const ids = batch.flatMap((input) =>
      input.absorbKey ? [input.key, input.absorbKey] : [input.key],
    );
    return readByIds(this.#collections.properties, ids, ids.length, known);
  }

  /** Merges and writes one group of complete properties. */
  async store(group: readonly PropertyInput[]): Promise<void> {
    const { options } = this;
    if (this.#collections && !options.dryRun && !this.#uncovered) {
      await withdrawPropertiesCovered(this.#collections.storeState);
      this.#uncovered = true;
    }
    const stored = await this.#read(group, this.stored);
    for (let start = 0; start < group.length; start += options.batchSize) {
      let batch = group.slice(start, start + options.batchSize);
      let known = stored;
      for (let round = 1; batch.length > 0; round += 1) {
        if (round > MAX_ROUNDS)
          throw new RetryableError(
            `properties ${batch.map((input) => input.key).join(', ')} kept colliding with another writer`,
          );
        // Another writer inserted these meanwhile: there is something to read whatever the state said.
        if (round > 1) known = await this.#read(batch, Number.MAX_SAFE_INTEGER);
        batch = await storeBatch(this.db, batch, known, options, this.counts, this.#entries);
      }
    }
    if (this.#entries.size >= STATE_FLUSH) await this.#saveState();
  }

  /** Saves the entries of what was written (nothing on a dry run) and forgets them. */
  async #saveState(): Promise<void> {
    if (this.#collections && !this.options.dryRun && this.#entries.size > 0)
      await saveState(this.#collections.storeState, 'property', this.#entries, this.options.now);
    this.#entries.clear();
  }

  /**
   * Saves the store-state of what was written and records that it covers every property, after
   * reading them all if it did not when the run began; returns the counts.
   */
  async finish(): Promise<PropertyCounts> {
    await this.#saveState();
    const collections = this.#collections;
    if (collections === undefined || this.options.dryRun) return this.counts;
    if (!this.covered && this.stored > 0) await this.#cover(collections);
    if (!this.covered || this.#uncovered)
      await markPropertiesCovered(collections.storeState, this.options.now);
    return this.counts;
  }

  /**
   * Gives every stored property an entry that says whether it is merged and its standing
   * conflicts, as its document has them (a read of every property: once after an upgrade, a
   * dropped store-state or a run stopped part way). A property that had no entry gets an empty
   * digest: if it comes again, it is merged again.
   */
  async #cover(collections: ReturnType<typeof pipelineCollections>): Promise<void> {
    const state = await readState(collections.storeState, 'property');
    const projection = { conflicts: 1, sources: 1, county: 1, listing: 1 };
    for await (const doc of collections.properties.find({}, { projection })) {
      const saved = stateEntry(state, doc._id);
      const entry: StoreStateEntry = {
        d: saved?.d ?? '',
        s: doc.sources?.county?.lastSeen ?? null,
        c: Array.isArray(doc.conflicts) ? doc.conflicts.length : 0,
        m: doc.county != null && doc.listing != null ? 1 : 0,
      };
      if (saved === undefined || saved.m !== entry.m || saved.c !== entry.c || saved.s !== entry.s)
        this.#entries.set(doc._id, entry);
    }
    state.clear();
    await this.#saveState();
  }
}

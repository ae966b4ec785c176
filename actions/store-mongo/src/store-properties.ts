import type { Db } from 'mongodb';
import {
  pipelineCollections,
  type PropertyDocument,
  type StoreStateEntry,
} from '../../../shared/db/collections.js';
import { RetryableError } from '../../../shared/errors.js';
import { applyUpdates, insertIdempotent, insertNew, type FieldUpdate } from './bulk.js';
import type { HistoryChange } from './history-changes.js';
import type { PropertyInput } from './link.js';
import { mergeProperty } from './merge.js';
import { readByIds } from './read-stored.js';
import { saveState } from './store-state.js';
import { documentProblems } from './integrity.js';
import { takeOver } from './take-over.js';

/** What storing the properties did. */
export interface PropertyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Unmatched-listing documents taken over by their parcel: `addr:<key>` -> APN. */
  absorbed: Map<string, string>;
  priceChanges: number;
  historyRows: number;
  /** Conflicts standing on the properties of this run. */
  conflicts: number;
  /** What the database acknowledged differently from what was sent, and malformed documents. */
  problems: string[];
}

/** Options shared by the write phases. */
export interface WriteOptions {
  /** Properties read and merged together. */
  batchSize: number;
  /** Store time, ISO. */
  now: string;
  runId: string;
  /** Compute everything, write nothing. */
  dryRun: boolean;
}

const MAX_ROUNDS = 3;

/** Merges one batch and writes it; returns the inputs another writer inserted first. */
async function storeBatch(
  db: Db | undefined,
  inputs: readonly PropertyInput[],
  stored: ReadonlyMap<string, PropertyDocument>,
  options: WriteOptions,
  counts: PropertyCounts,
  entries: Map<string, StoreStateEntry>,
): Promise<PropertyInput[]> {
  const inserts: PropertyDocument[] = [];
  const updates: FieldUpdate[] = [];
  const history: HistoryChange[] = [];
  const absorbedHere = new Map<string, string>();
  let seenAgain = 0;
  for (const input of inputs) {
    const absorbed = input.absorbKey ? (stored.get(input.absorbKey) ?? null) : null;
    if (absorbed && input.absorbKey) {
      absorbedHere.set(input.absorbKey, input.key);
      counts.absorbed.set(input.absorbKey, input.key);
    }
    const existing = stored.get(input.key) ?? null;
    const {
      document,
      changed,
      factsChanged,
      history: rows,
    } = mergeProperty(input, existing, absorbed, options.now, options.runId);
    counts.problems.push(...documentProblems(document));
    history.push(...rows);
    const conflicts = document.conflicts.length;
    entries.set(input.key, {
      d: input.digest ?? '',
      s: document.sources.county?.lastSeen ?? null,
      c: conflicts,
    });
    if (existing === null) inserts.push(document);
    else if (changed.length === 0) counts.unchanged += 1;
    else {
      const set: Record<string, unknown> = { updatedAt: document.updatedAt };
      for (const field of changed) set[field] = document[field];
      updates.push({ _id: input.key, set });
      // Seen again with the same facts: the sighting is written, the property did not change.
      if (!factsChanged) seenAgain += 1;
    }
  }
  if (db === undefined || options.dryRun) {
    counts.inserted += inserts.length;
    counts.updated += updates.length - seenAgain;
    counts.unchanged += seenAgain;
    counts.historyRows += history.length;
    counts.priceChanges += history.filter((row) => row.field === 'price').length;
    for (const input of inputs) counts.conflicts += entries.get(input.key)?.c ?? 0;
    return [];
  }
  const { properties, history: historyCollection } = pipelineCollections(db);
  // History first: after a failure the rerun finds the same change and writes the same row id.
  counts.historyRows += await insertIdempotent(historyCollection, history);
  const { inserted, duplicates } = await insertNew(properties, inserts);
  const matched = await applyUpdates(properties, updates);
  if (matched !== updates.length)
    counts.problems.push(`${updates.length - matched} updated properties were no longer stored`);
  // A parcel another writer inserted first is merged again next round, its takeover with it.
  for (const [addrKey, apn] of absorbedHere)
    if (duplicates.includes(apn)) absorbedHere.delete(addrKey);
  counts.problems.push(...(await takeOver(properties, historyCollection, absorbedHere)));
  for (const key of duplicates) entries.delete(key);
  counts.inserted += inserted;
  counts.updated += updates.length - seenAgain;
  counts.unchanged += seenAgain;
  counts.priceChanges += history.filter((row) => row.field === 'price').length;
  for (const input of inputs)
    if (!duplicates.includes(input.key)) counts.conflicts += entries.get(input.key)?.c ?? 0;
  return inputs.filter((input) => duplicates.includes(input.key));
}

/**
 * Merges and writes properties a group at a time, as the second pass completes them; properties
 * whose input digest matched store-state were counted unchanged without being read (see
 * `countUnchanged`). A group's stored documents are read in one go (see `readByIds`) and merged in
 * TypeScript a batch at a time: history rows first, then new documents inserted and changed fields
 * `$set`. A document another shard inserted meanwhile is read again and merged as an update.
 * `finish` saves the store-state entries last: until then, a rerun merges again (and finds
 * nothing to change).
 */
export class PropertyStore {
  readonly counts: PropertyCounts;
  readonly #collections: ReturnType<typeof pipelineCollections> | undefined;
  readonly #entries = new Map<string, StoreStateEntry>();

  /** `stored`: documents the collection held when the run began (see `storedCount`). */
  constructor(
    readonly db: Db | undefined,
    readonly options: WriteOptions,
    readonly stored: number,
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
  }

  /** Saves the store-state of what was written; returns the counts. */
  async finish(): Promise<PropertyCounts> {
    if (this.#collections && !this.options.dryRun && this.#entries.size > 0)
      await saveState(this.#collections.storeState, 'property', this.#entries, this.options.now);
    return this.counts;
  }
}

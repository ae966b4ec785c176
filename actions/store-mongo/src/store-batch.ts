import type { Db } from 'mongodb';
import {
  pipelineCollections,
  type PropertyDocument,
  type StoreStateEntry,
} from '../../../shared/db/collections.js';
import { applyUpdates, insertIdempotent, insertNew, type FieldUpdate } from './bulk.js';
import type { HistoryChange } from './history-changes.js';
import { documentProblems } from './integrity.js';
import type { PropertyInput } from './link.js';
import { mergeProperty } from './merge.js';
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

/** Merges one batch and writes it; returns the inputs another writer inserted first. */
export async function storeBatch(
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
      m: document.county !== null && document.listing !== null ? 1 : 0,
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

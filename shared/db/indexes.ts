import type { Db, IndexSpecification } from 'mongodb';
import { COLLECTIONS } from './collections.js';

/** One index the pipeline relies on. */
export interface IndexDeclaration {
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
  /** Index name; what `checkIndexes` looks for. */
  name: string;
  key: IndexSpecification;
  /** Why the index exists: the query it serves. */
  serves: string;
}

/** Every index of the pipeline's collections (`_id` indexes come with each collection). */
export const INDEXES: readonly IndexDeclaration[] = [
  {
    collection: COLLECTIONS.properties,
    name: 'address_key',
    key: { 'address.key': 1 },
    serves: 'linking listings to parcels by normalised address',
  },
  {
    collection: COLLECTIONS.properties,
    name: 'zip_updated',
    key: { zip: 1, updatedAt: 1 },
    serves: 'exports and reports by ZIP and date range',
  },
  {
    collection: COLLECTIONS.properties,
    name: 'county_last_seen',
    key: { 'sources.county.lastSeen': 1 },
    serves: 'freshness: parcels refreshed within the last days',
  },
  {
    collection: COLLECTIONS.listings,
    name: 'property_key',
    key: { propertyKey: 1 },
    serves: 'listings of a property, and relinking when its parcel appears',
  },
  {
    collection: COLLECTIONS.history,
    name: 'property_recorded',
    key: { propertyKey: 1, recordedAt: 1 },
    serves: 'history of one property',
  },
  {
    collection: COLLECTIONS.history,
    name: 'field_recorded',
    key: { field: 1, recordedAt: 1 },
    serves: 'price changes and other changes over a period (reports)',
  },
  {
    collection: COLLECTIONS.runs,
    name: 'stage_finished',
    key: { stage: 1, finishedAt: 1 },
    serves: 'recent runs of a stage (reports, budget, incidents)',
  },
  {
    collection: COLLECTIONS.runs,
    name: 'run_id',
    key: { runId: 1 },
    serves: 'every stage of one run',
  },
];

/**
 * Creates every declared index; safe to call on every start and from concurrent jobs. One
 * `createIndex` call per index: FerretDB v1 drops the connection when one `createIndexes` command
 * names several indexes that already exist.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const index of INDEXES) {
    await db.collection(index.collection).createIndex(index.key, { name: index.name });
  }
}

/** Declared indexes missing from the database, as `collection.name`; empty when all are there. */
export async function checkIndexes(db: Db): Promise<string[]> {
  const missing: string[] = [];
  const existing = new Map<string, Set<string>>();
  for (const index of INDEXES) {
    let names = existing.get(index.collection);
    if (names === undefined) {
      // A collection that does not exist yet has no indexes (listIndexes fails on it).
      const listed: Array<{ name?: unknown }> = await db
        .collection(index.collection)
        .listIndexes()
        .toArray()
        .catch(() => []);
      names = new Set(listed.map((entry) => String(entry.name)));
      existing.set(index.collection, names);
    }
    if (!names.has(index.name)) missing.push(`${index.collection}.${index.name}`);
  }
  return missing;
}

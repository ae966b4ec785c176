import type { IndexSpecification } from 'mongodb';

/**
 * The one declaration of the pipeline's database: every collection an action opens, the indexes
 * it needs and how long its rows are kept. Actions open collections through `COLLECTIONS`; index
 * code and maintain-db's retention read `DATABASE_SCHEMA`; a test fails on a collection the code
 * opens that is not declared here.
 */
export const COLLECTIONS = {
  /** One canonical merged record per property, keyed by APN or `addr:<address key>`. */
  properties: 'properties',
  /** One document per listing (keyed by MLS number) with its status history. */
  listings: 'listings',
  /** Append-only changes of price, status, valuation and owner; written only on a real change. */
  history: 'history',
  /** The run ledger: one document per run, stage and shard. */
  runs: 'runs',
  /**
   * store-mongo's bookkeeping, in a few hundred bucket documents: per property and listing a
   * digest of the inputs last merged into it, so that a rerun compares digests instead of reading
   * every document, plus each parcel's county freshness and whether each property is merged and
   * in conflict (so that accuracy is counted without reading every property). A job that deletes
   * properties or listings must delete this collection too (store-mongo then merges everything
   * once again, and reads every property once to count them again).
   */
  storeState: 'store_state',
  /**
   * collect-county's parcel index, one document per ZIP: the residential APNs its search found,
   * and where a search spread over several nights stands (a cache of the county's search).
   */
  parcelIndex: 'parcel_index',
  /**
   * scrape-mls's frontier: one document per listing URL seen on a result page, with when it was
   * first seen and last visited and what its result row showed.
   */
  listingFrontier: 'listing_frontier',
  /**
   * scrape-mls's rendering modes: per site and page type, whether its pages read over plain HTTP
   * or need the browser, as learned by earlier nights, so a night starts where the last one ended.
   */
  renderingModes: 'rendering_modes',
  /** enrich-llm's cache of model extractions, keyed by the hash of the model's input. */
  enrichmentCache: 'enrichment_cache',
  /** Properties enrich-llm had no time for, waiting for the next night; keyed by property key. */
  enrichmentCarried: 'enrichment_carried',
  /** check-budget's cost ledger: one document per run and metered service. */
  costs: 'costs',
} as const;

/** Key of a collection in `COLLECTIONS`. */
export type CollectionKey = keyof typeof COLLECTIONS;
/** Name of a pipeline collection in the database. */
export type CollectionName = (typeof COLLECTIONS)[CollectionKey];

/** One index the pipeline relies on (`_id` indexes come with each collection). */
export interface IndexDeclaration {
  collection: CollectionName;
  /** Index name: what reconciling looks for, so renaming one creates it again. */
  name: string;
  key: IndexSpecification;
  /** A unique index (no two documents with the same key). */
  unique?: boolean;
  /** Why the index exists: the query it serves. */
  serves: string;
}

/** maintain-db input giving a collection's retention in days (0 keeps every row). */
export type RetentionInput =
  | 'history-retention-days'
  | 'runs-retention-days'
  | 'cache-retention-days'
  | 'costs-retention-days';

/** How long rows of a growing collection are kept; current state is never deleted. */
export interface RetentionDeclaration {
  /** Field holding when the row was written: an ISO timestamp or a YYYY-MM-DD day. */
  field: string;
  /** Whether `field` holds a day (YYYY-MM-DD) rather than a full timestamp. */
  day?: boolean;
  /** maintain-db input that sets the days. */
  input: RetentionInput;
}

/** One collection: its indexes and, for a collection that grows every night, its retention. */
export interface CollectionDeclaration {
  name: CollectionName;
  indexes: ReadonlyArray<Omit<IndexDeclaration, 'collection'>>;
  retention?: RetentionDeclaration;
}

/** Every collection of the pipeline, in the order maintain-db reports them. */
export const DATABASE_SCHEMA: { readonly [K in CollectionKey]: CollectionDeclaration } = {
  properties: {
    name: COLLECTIONS.properties,
    indexes: [
      { name: 'address_key', key: { 'address.key': 1 }, serves: 'linking listings by address' },
      { name: 'zip_updated', key: { zip: 1, updatedAt: 1 }, serves: 'exports by ZIP and date' },
      {
        name: 'county_last_seen',
        key: { 'sources.county.lastSeen': 1 },
        serves: 'freshness: parcels refreshed within the last days',
      },
    ],
  },
  listings: {
    name: COLLECTIONS.listings,
    indexes: [
      {
        name: 'property_key',
        key: { propertyKey: 1 },
        serves: 'listings of a property, and relinking when its parcel appears',
      },
    ],
  },
  history: {
    name: COLLECTIONS.history,
    indexes: [
      {
        name: 'property_recorded',
        key: { propertyKey: 1, recordedAt: 1 },
        serves: 'history of one property',
      },
      {
        name: 'field_recorded',
        key: { field: 1, recordedAt: 1 },
        serves: 'price changes and other changes over a period (reports)',
      },
    ],
    retention: { field: 'recordedAt', input: 'history-retention-days' },
  },
  runs: {
    name: COLLECTIONS.runs,
    indexes: [
      {
        name: 'stage_finished',
        key: { stage: 1, finishedAt: 1 },
        serves: 'recent runs of a stage (reports, budget, incidents)',
      },
      { name: 'run_id', key: { runId: 1 }, serves: 'every stage of one run' },
    ],
    retention: { field: 'finishedAt', input: 'runs-retention-days' },
  },
  storeState: { name: COLLECTIONS.storeState, indexes: [] },
  parcelIndex: { name: COLLECTIONS.parcelIndex, indexes: [] },
  listingFrontier: { name: COLLECTIONS.listingFrontier, indexes: [] },
  renderingModes: { name: COLLECTIONS.renderingModes, indexes: [] },
  enrichmentCache: {
    name: COLLECTIONS.enrichmentCache,
    indexes: [{ name: 'key', key: { key: 1 }, serves: 'what the model read before, by property' }],
    retention: { field: 'extractedAt', input: 'cache-retention-days' },
  },
  enrichmentCarried: { name: COLLECTIONS.enrichmentCarried, indexes: [] },
  costs: {
    name: COLLECTIONS.costs,
    // The name the server gave the index check-budget created before it was declared here: the
    // same key under another name would be refused.
    indexes: [{ name: 'month_1', key: { month: 1 }, serves: "the budget's month to date" }],
    retention: { field: 'day', day: true, input: 'costs-retention-days' },
  },
};

/** Every declared collection name, in declaration order. */
export const COLLECTION_NAMES: readonly CollectionName[] = Object.values(DATABASE_SCHEMA).map(
  (collection) => collection.name,
);

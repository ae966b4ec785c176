import type { Collection, Db } from 'mongodb';
import type { ListingStatus, MlsListing } from '../model/mls-listing.js';
import type { Property } from '../model/property.js';
import { COLLECTIONS } from './schema.js';

/**
 * The shapes of the pipeline's documents, and its collections typed (`COLLECTIONS` and every
 * collection's indexes and retention are declared in `schema.ts`). Timestamps are ISO 8601
 * strings in UTC (`2026-11-28T10:00:00.000Z`), so that string order is time order in queries.
 */
export { COLLECTIONS };

/** A `properties` document: the property record plus `zip`, stored for filtering. */
export type PropertyDocument = Property & {
  /** ZIP5 of the property (county situs, else listing), null when unknown. */
  zip: string | null;
};

/** One status a listing was seen in. */
export interface ListingStatusEntry {
  status: ListingStatus;
  /** When the page showing this status was fetched. */
  seenAt: string;
  runId: string;
}

/** A `rendering_modes` document: how one page type of one site is loaded, as learned so far. */
export interface RenderingModeDocument {
  /** `<site> <page type>`: the configured base URL (credentials removed) and `search` or `listing`. */
  _id: string;
  site: string;
  pageType: 'search' | 'listing';
  /** In the browser, or its served HTML over plain HTTP. */
  mode: 'browser' | 'http';
  /** Agreeing comparisons in a row so far (browser and served HTML read the same). */
  agreements: number;
  updatedAt: string;
}

/** A `listing_frontier` document: one listing URL the search showed, as scrape-mls knows it. */
export interface ListingFrontierDocument {
  /** The listing page's URL (without fragment). */
  _id: string;
  /** ZIP whose search showed it. */
  zip: string;
  firstSeenAt: string;
  /** When a result page last showed it. */
  lastSeenAt: string;
  /** Price and status its result row showed then; null when the row shows none. */
  price: number | null;
  status: ListingStatus | null;
  /** When its page was last fetched and read; null when never. */
  lastVisitedAt: string | null;
  /** What its result row showed at that visit: a difference from `price`/`status` is a change. */
  priceAtVisit: number | null;
  statusAtVisit: ListingStatus | null;
  /** Times its page was fetched and read. */
  visits: number;
}

/** A `listings` document: the latest listing facts, its property link and its status history. */
export type ListingDocument = Omit<MlsListing, 'schemaVersion'> & {
  /** The MLS number. */
  _id: string;
  /** Property the listing belongs to: an APN once linked, `addr:<key>` before, null without address. */
  propertyKey: string | null;
  /** Statuses in the order seen; a new entry only when the status differs from the last. */
  statusHistory: ListingStatusEntry[];
  /** Run that last brought this listing. */
  lastRunId: string;
  updatedAt: string;
};

/** Facts whose changes `history` records. */
export const HISTORY_FIELDS = ['price', 'status', 'valuation', 'owner'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** A `history` row: one fact of one property that changed from one value to another. */
export interface HistoryRow {
  /** Derived from property, field, previous state and new value: a rerun writes the same id. */
  _id: string;
  propertyKey: string;
  field: HistoryField;
  from: unknown;
  to: unknown;
  /** Source that brought the new value. */
  source: 'county' | 'mls';
  /** When the source observed the new value (collectedAt or scrapedAt). */
  observedAt: string;
  /** Run that stored the change. */
  runId: string;
  recordedAt: string;
}

/** A `runs` document: what one stage did on one shard in one run, with its usage. */
export interface RunLedgerEntry {
  /** `<runId>:<stage>:<shard>` (see `runLedgerId`). */
  _id: string;
  runId: string;
  stage: string;
  shard: string;
  outcome: 'success' | 'partial' | 'failure' | 'skipped';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  counts: Record<string, number>;
  errorsByClass?: Record<string, number>;
  retries?: number;
  /** Metered consumption: service, unit, quantity. */
  usage: Array<{ service: string; unit: string; quantity: number }>;
  /** Data quality figures (store-mongo). */
  quality?: Record<string, unknown>;
  /** Integrity result (store-mongo): `ok` or `failed: <reason>`. */
  integrity?: string;
  recordedAt: string;
}

/** A `parcel_index` document (see `COLLECTIONS.parcelIndex`). */
export interface ParcelIndexDocument {
  /** The ZIP. */
  _id: string;
  /** Canonical APNs of the last complete search, in search order. */
  known: string[];
  /** APNs found so far by a search still in progress ([] when none is). */
  found: string[];
  /** Rows the search in progress left out (other ZIPs, not residential). */
  ignored: number;
  /** The search's `TOTAL` (rows, other ZIPs included) when it began; null when not sent. */
  total: number | null;
  /** Page the search in progress continues at; null when none is in progress. */
  nextPage: number | null;
  /** When the search in progress began. */
  startedAt: string | null;
  /** When the last complete search finished. */
  completedAt: string | null;
  updatedAt: string;
}

/** What store-mongo keeps about one stored property or listing. */
export interface StoreStateEntry {
  /** Digest of the inputs last merged into it: equal inputs again change nothing. */
  d: string;
  /**
   * Properties: when the county last gave the parcel (ISO), null when it never did. Listings: the
   * `addr:<key>` the listing is stored under while no parcel matches it, else null.
   */
  s: string | null;
  /** Properties: conflicts standing after the last merge. */
  c: number;
  /**
   * Properties: 1 when the document has both county and listing facts (merged), else 0; absent
   * in entries written before it was kept.
   */
  m?: 0 | 1;
}

/**
 * A `store_state` document: one of 64 buckets per kind (`property:03`, `listing:41`), holding
 * the entries of the keys that hash into it (keys sanitised as by `sanitizeKey`).
 */
export interface StoreStateDocument {
  _id: string;
  /** The entries as JSON text, key -> `[d, s, c, m]` (see `shared/db/store-state.ts`). */
  packed?: string;
  /** The entries as fields, as written before they were packed; read, never written. */
  entries?: Record<string, StoreStateEntry>;
  /** Counts the bucket's writes: a writer replaces the version it read, or reads again. */
  version?: number;
  updatedAt: string;
}

/** The pipeline's collections of `db`, typed. */
export function pipelineCollections(db: Db): {
  properties: Collection<PropertyDocument>;
  listings: Collection<ListingDocument>;
  history: Collection<HistoryRow>;
  runs: Collection<RunLedgerEntry>;
  storeState: Collection<StoreStateDocument>;
} {
  return {
    properties: db.collection<PropertyDocument>(COLLECTIONS.properties),
    listings: db.collection<ListingDocument>(COLLECTIONS.listings),
    history: db.collection<HistoryRow>(COLLECTIONS.history),
    runs: db.collection<RunLedgerEntry>(COLLECTIONS.runs),
    storeState: db.collection<StoreStateDocument>(COLLECTIONS.storeState),
  };
}

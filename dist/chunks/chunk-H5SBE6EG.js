import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/db/collections.ts
var COLLECTIONS = {
  /** One canonical merged record per property, keyed by APN or `addr:<address key>`. */
  properties: "properties",
  /** One document per listing (keyed by MLS number) with its status history. */
  listings: "listings",
  /** Append-only changes of price, status, valuation and owner; written only on a real change. */
  history: "history",
  /** The run ledger: one document per run, stage and shard. */
  runs: "runs",
  /**
   * store-mongo's bookkeeping, in a few hundred bucket documents: per property and listing a
   * digest of the inputs last merged into it, so that a rerun compares digests instead of reading
   * every document, plus each parcel's county freshness. A job that deletes properties or
   * listings must delete this collection too (store-mongo then merges everything once again).
   */
  storeState: "store_state",
  /**
   * collect-county's parcel index, one document per ZIP: the residential APNs its search found,
   * and where a search spread over several nights stands. Written by collect-county itself (not
   * a stage's data: a cache of the county's search, so that nights spend requests on parcels).
   */
  parcelIndex: "parcel_index",
  /**
   * scrape-mls's frontier: one document per listing URL seen on a result page, with when it was
   * first seen and last visited and what its result row showed, so each night visits new and
   * changed listings first and spreads revisits of the rest over nights.
   */
  listingFrontier: "listing_frontier"
};
function pipelineCollections(db) {
  return {
    properties: db.collection(COLLECTIONS.properties),
    listings: db.collection(COLLECTIONS.listings),
    history: db.collection(COLLECTIONS.history),
    runs: db.collection(COLLECTIONS.runs),
    storeState: db.collection(COLLECTIONS.storeState)
  };
}

export {
  COLLECTIONS,
  pipelineCollections
};

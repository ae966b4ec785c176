import type { Db } from 'mongodb';
import { pipelineCollections } from '../../../shared/db/collections.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import type { Sourced } from './incoming.js';
import type { IndexEntry, RecordIndex } from './record-index.js';
import { inputDigest } from './store-state.js';

/** What this run brings for one property, once its records are read back. */
export interface PropertyInput {
  key: string;
  parcel?: Sourced<CountyParcel>;
  listing?: Sourced<MlsListing>;
  enrichment?: Sourced<Enrichment>;
  /** `addr:<situs key>` of a stored unmatched listing this parcel may take over. */
  absorbKey?: string;
  /** Digest of the input, saved in store-state once the property is written (see `propertyDigest`). */
  digest?: string;
}

/** Which records make up one property: index entries (keys and positions), never the records. */
export interface PropertyRef {
  key: string;
  parcel?: IndexEntry;
  listing?: IndexEntry;
  enrichment?: IndexEntry;
  /** Set when the property must be merged: its input digest differs from store-state's. */
  pending?: boolean;
}

/** Properties to merge and the property each listing belongs to. */
export interface LinkPlan {
  /**
   * Properties a listing or enrichment makes (with their parcel, if any). A property only a
   * parcel makes has no entry: its parcel's index entry stands for it (see `propertyRefs`).
   */
  properties: Map<string, PropertyRef>;
  /** MLS number -> property key (APN, `addr:<key>`), or null for a listing without an address key. */
  listingKeys: Map<string, string | null>;
  /** Situs address key -> APN of this run's parcels. */
  situs: Map<string, string>;
}

const ADDR = 'addr:';

/** `addr:<situs key>` of the parcel of `ref`, when it has a situs. */
export function absorbKeyOf(ref: PropertyRef): string | undefined {
  return ref.parcel?.address ? `${ADDR}${ref.parcel.address}` : undefined;
}

/** APNs of stored parcels whose situs has one of `addressKeys`. */
async function storedParcelsByAddress(
  db: Db | undefined,
  addressKeys: readonly string[],
  batchSize: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (db === undefined) return found;
  const { properties } = pipelineCollections(db);
  for (let start = 0; start < addressKeys.length; start += batchSize) {
    const batch = addressKeys.slice(start, start + batchSize);
    const cursor = properties.find(
      { 'address.key': { $in: batch } },
      { projection: { apn: 1, 'address.key': 1 } },
    );
    for await (const doc of cursor) {
      if (doc.apn !== null && doc.address?.key) found.set(doc.address.key, doc.apn);
    }
  }
  return found;
}

function propertyRef(plan: LinkPlan, index: RecordIndex, key: string): PropertyRef {
  let ref = plan.properties.get(key);
  if (ref === undefined) {
    ref = { key };
    const parcel = index.parcels.get(key);
    if (parcel) ref.parcel = parcel;
    plan.properties.set(key, ref);
  }
  return ref;
}

/**
 * The property of `key` (a parcel's APN or any key a listing or enrichment gave): its ref, or for
 * a property only a parcel makes, a ref made on the spot.
 */
export function propertyOf(
  plan: LinkPlan,
  index: RecordIndex,
  key: string,
): PropertyRef | undefined {
  const ref = plan.properties.get(key);
  if (ref !== undefined) return ref;
  const parcel = index.parcels.get(key);
  return parcel ? { key, parcel, pending: parcel.pending } : undefined;
}

/** Every property of the run, parcel-only ones as refs made on the spot. */
export function* propertyRefs(plan: LinkPlan, index: RecordIndex): Generator<PropertyRef> {
  yield* plan.properties.values();
  for (const [key, parcel] of index.parcels)
    if (!plan.properties.has(key)) yield { key, parcel, pending: parcel.pending };
}

/** Marks the property to be merged (see `PropertyRef.pending`). */
export function markPending(plan: LinkPlan, ref: PropertyRef): void {
  if (plan.properties.has(ref.key)) ref.pending = true;
  else if (ref.parcel) ref.parcel.pending = true;
}

/**
 * Decides which property each record belongs to. A listing joins its parcel by APN when the page
 * shows one, else by normalised address among this run's parcels and then the stored ones; an
 * unmatched listing is keyed `addr:<address key>` until its parcel appears. Enrichment keyed by
 * address follows its listing to the parcel. Works on the index alone: keys, not records.
 */
export async function planLinks(
  index: RecordIndex,
  db: Db | undefined,
  batchSize: number,
): Promise<LinkPlan> {
  const plan: LinkPlan = { properties: new Map(), listingKeys: new Map(), situs: new Map() };
  const { situs } = plan;
  for (const [apn, parcel] of index.parcels) if (parcel.address) situs.set(parcel.address, apn);
  const unresolved = new Set<string>();
  for (const { apn, address } of index.listings.values()) {
    if (apn === null && address && !situs.has(address)) unresolved.add(address);
  }
  for (const key of index.enrichments.keys()) {
    if (key.startsWith(ADDR) && !situs.has(key.slice(ADDR.length)))
      unresolved.add(key.slice(ADDR.length));
  }
  const stored = await storedParcelsByAddress(db, [...unresolved], batchSize);
  const byAddress = (addressKey: string): string =>
    situs.get(addressKey) ?? stored.get(addressKey) ?? `${ADDR}${addressKey}`;

  for (const [mlsNumber, listing] of index.listings) {
    const key = listing.apn ?? (listing.address ? byAddress(listing.address) : null);
    plan.listingKeys.set(mlsNumber, key);
    listing.property = key;
    if (key === null) continue;
    const ref = propertyRef(plan, index, key);
    if (!ref.listing || ref.listing.t <= listing.t) ref.listing = listing;
  }
  for (const [enrichmentKey, enrichment] of index.enrichments) {
    const key = enrichmentKey.startsWith(ADDR)
      ? byAddress(enrichmentKey.slice(ADDR.length))
      : enrichmentKey;
    enrichment.property = key;
    const ref = propertyRef(plan, index, key);
    if (!ref.enrichment || ref.enrichment.t <= enrichment.t) ref.enrichment = enrichment;
  }
  return plan;
}

/** The part of a property's digest one record gives: its digest, run and observation time. */
function part(index: RecordIndex, entry: IndexEntry | undefined): string {
  return entry ? `${entry.d}/${index.stages[entry.stage]?.manifest.runId}/${entry.t}` : '';
}

/** Digest of what this run brings for the property (see `inputDigest`). */
export function propertyDigest(index: RecordIndex, ref: PropertyRef): string {
  const parts = [ref.parcel, ref.listing, ref.enrichment].map((entry) => part(index, entry));
  return inputDigest([ref.key, absorbKeyOf(ref), ...parts]);
}

/** Digest of what this run brings for the listing `entry` and the property it belongs to. */
export function listingDigest(index: RecordIndex, entry: IndexEntry): string {
  return inputDigest([entry.key, entry.property, part(index, entry)]);
}

/** The record positions of `ref`, the last of which completes it in the second pass. */
export function lastPosition(ref: PropertyRef): number {
  return Math.max(ref.parcel?.pos ?? 0, ref.listing?.pos ?? 0, ref.enrichment?.pos ?? 0);
}

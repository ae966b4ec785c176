import type { Db } from 'mongodb';
import { pipelineCollections } from '../../../shared/db/collections.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import type { Incoming, Sourced } from './incoming.js';

/** What this run brings for one property. */
export interface PropertyInput {
  key: string;
  parcel?: Sourced<CountyParcel>;
  listing?: Sourced<MlsListing>;
  enrichment?: Sourced<Enrichment>;
  /** `addr:<situs key>` of a stored unmatched listing this parcel may take over. */
  absorbKey?: string;
}

/** Properties to merge and the property each listing belongs to. */
export interface LinkPlan {
  properties: Map<string, PropertyInput>;
  /** MLS number -> property key (APN, `addr:<key>`), or null for a listing without an address key. */
  listingKeys: Map<string, string | null>;
}

const ADDR = 'addr:';

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

function propertyInput(plan: LinkPlan, key: string): PropertyInput {
  let input = plan.properties.get(key);
  if (input === undefined) plan.properties.set(key, (input = { key }));
  return input;
}

/**
 * Decides which property each record belongs to. A listing joins its parcel by APN when the page
 * shows one, else by normalised address among this run's parcels and then the stored ones; an
 * unmatched listing is keyed `addr:<address key>` until its parcel appears. Enrichment keyed by
 * address follows its listing to the parcel.
 */
export async function planLinks(
  incoming: Incoming,
  db: Db | undefined,
  batchSize: number,
): Promise<LinkPlan> {
  const plan: LinkPlan = { properties: new Map(), listingKeys: new Map() };
  const situs = new Map<string, string>();
  for (const [apn, parcel] of incoming.parcels) {
    const input = propertyInput(plan, apn);
    input.parcel = parcel;
    const situsKey = parcel.record.situs?.key;
    if (situsKey) {
      situs.set(situsKey, apn);
      input.absorbKey = `${ADDR}${situsKey}`;
    }
  }
  const unresolved = new Set<string>();
  for (const { record } of incoming.listings.values()) {
    if (record.apn === null && record.address.key && !situs.has(record.address.key))
      unresolved.add(record.address.key);
  }
  for (const key of incoming.enrichments.keys()) {
    if (key.startsWith(ADDR) && !situs.has(key.slice(ADDR.length)))
      unresolved.add(key.slice(ADDR.length));
  }
  const stored = await storedParcelsByAddress(db, [...unresolved], batchSize);
  const byAddress = (addressKey: string): string =>
    situs.get(addressKey) ?? stored.get(addressKey) ?? `${ADDR}${addressKey}`;

  for (const [mlsNumber, listing] of incoming.listings) {
    const { apn, address } = listing.record;
    const key = apn ?? (address.key ? byAddress(address.key) : null);
    plan.listingKeys.set(mlsNumber, key);
    if (key === null) continue;
    const input = propertyInput(plan, key);
    if (!input.listing || input.listing.observedAt <= listing.observedAt) input.listing = listing;
  }
  for (const [enrichmentKey, enrichment] of incoming.enrichments) {
    const key = enrichmentKey.startsWith(ADDR)
      ? byAddress(enrichmentKey.slice(ADDR.length))
      : enrichmentKey;
    const input = propertyInput(plan, key);
    if (!input.enrichment || input.enrichment.observedAt <= enrichment.observedAt)
      input.enrichment = enrichment;
  }
  return plan;
}

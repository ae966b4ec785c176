import type { Db } from 'mongodb';
import { pipelineCollections } from '../../../shared/db/collections.js';
import { fromLedger, type StageRun } from './stage-runs.js';
import type { MarketListing } from './market-listing.js';
import type { PriceChange } from './market.js';

/** Ledger entries of the stages that finished in [from, to), or of one run. */
export async function readStageRuns(
  db: Db,
  query: { from: string; to: string } | { runId: string },
): Promise<StageRun[]> {
  const filter =
    'runId' in query ? { runId: query.runId } : { finishedAt: { $gte: query.from, $lt: query.to } };
  const entries = await pipelineCollections(db).runs.find(filter).toArray();
  return entries.map(fromLedger);
}

interface ListingProjection {
  zip: string | null;
  listing: {
    status?: string;
    listPrice?: number | null;
    livingAreaSqft?: number | null;
    daysOnMarket?: number | null;
    listedOn?: string | null;
  } | null;
}

/**
 * The listing facts of every property with a listing, streamed with a projection (medians are
 * computed in TypeScript: FerretDB v1 has no $avg/$min/$max accumulators).
 */
export async function readListings(db: Db): Promise<MarketListing[]> {
  const cursor = pipelineCollections(db)
    .properties.find({ listing: { $ne: null } })
    .project<ListingProjection>({
      zip: 1,
      'listing.status': 1,
      'listing.listPrice': 1,
      'listing.livingAreaSqft': 1,
      'listing.daysOnMarket': 1,
      'listing.listedOn': 1,
    });
  const listings: MarketListing[] = [];
  for await (const doc of cursor) {
    if (!doc.listing || !doc.zip) continue;
    listings.push({
      zip: doc.zip,
      status: String(doc.listing.status ?? ''),
      listPrice: doc.listing.listPrice ?? null,
      livingAreaSqft: doc.listing.livingAreaSqft ?? null,
      daysOnMarket: doc.listing.daysOnMarket ?? null,
      listedOn: doc.listing.listedOn ?? null,
    });
  }
  return listings;
}

interface PropertyFacts {
  _id: string;
  zip: string | null;
  listing?: { address?: { raw?: string }; description?: string | null } | null;
}

/** Characters of a listing's remarks shown beside its price change. */
const REMARKS_SHOWN = 120;

/** Price changes recorded in [from, to), with the ZIP of their property. */
export async function readPriceChanges(db: Db, from: string, to: string): Promise<PriceChange[]> {
  const { history, properties } = pipelineCollections(db);
  const rows = await history
    .find({ field: 'price', recordedAt: { $gte: from, $lt: to } })
    .project<{ propertyKey: string; from: unknown; to: unknown; observedAt: string }>({
      propertyKey: 1,
      from: 1,
      to: 1,
      observedAt: 1,
    })
    .toArray();
  const keys = [...new Set(rows.map((row) => row.propertyKey))];
  const found = new Map<string, PropertyFacts>();
  // No change, no query: FerretDB scans the whole collection for `$in`, an empty one too.
  if (keys.length === 0) return [];
  const cursor = properties
    .find({ _id: { $in: keys } })
    .project<PropertyFacts>({ zip: 1, 'listing.address.raw': 1, 'listing.description': 1 });
  for await (const doc of cursor) found.set(doc._id, doc);
  return rows.flatMap((row) => {
    if (typeof row.from !== 'number' || typeof row.to !== 'number') return [];
    const facts = found.get(row.propertyKey);
    const remarks = facts?.listing?.description ?? null;
    return [
      {
        zip: facts?.zip ?? null,
        from: row.from,
        to: row.to,
        observedAt: row.observedAt,
        address: facts?.listing?.address?.raw ?? null,
        remarks: remarks === null ? null : remarks.slice(0, REMARKS_SHOWN),
      },
    ];
  });
}
